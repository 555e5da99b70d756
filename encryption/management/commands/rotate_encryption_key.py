"""Re-encrypt every value encrypted with the keys (see encryption.registry) under the newest key.

Rotation in production: put a new key first in ALONGSIDE_ENCRYPTION_KEYS (keep the old ones after
it), restart, run this command, then remove the old keys. In the demo, ``--new-key`` generates the
new key and writes it first into the demo key file for you.
"""

from __future__ import annotations

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from encryption.fields import rotate
from encryption.registry import encrypted_values


class Command(BaseCommand):
    help = "Re-encrypt all encrypted text under the newest encryption key."

    def add_arguments(self, parser):
        parser.add_argument(
            "--new-key",
            action="store_true",
            help="Generate a new key and put it first in the demo key file (demo only).",
        )

    def handle(self, *args, new_key: bool, **options):
        keys = list(settings.ENCRYPTION_KEYS)
        if new_key:
            if not settings.RELAXED:
                raise CommandError(
                    "In production, put the new key first in ALONGSIDE_ENCRYPTION_KEYS and run this "
                    "command without --new-key."
                )
            keys = [Fernet.generate_key().decode(), *keys]
        with override_settings(ENCRYPTION_KEYS=keys):
            rewritten = self.reencrypt_everything()
        if new_key:
            settings.ENCRYPTION_KEY_FILE.write_text("\n".join(keys) + "\n")
            self.stdout.write(f"New key written first in {settings.ENCRYPTION_KEY_FILE}.")
        self.stdout.write(self.style.SUCCESS(f"Re-encrypted {rewritten} values under the newest key."))

    def reencrypt_everything(self) -> int:
        """Every value in the registry (encrypted columns, and what apps registered), in one transaction."""
        with transaction.atomic():
            return sum(values.rewrite(rotate) for values in encrypted_values())
