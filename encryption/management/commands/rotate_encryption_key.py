"""Re-encrypt every encrypted column under the newest key.

Rotation in production: put a new key first in ALONGSIDE_ENCRYPTION_KEYS (keep the old ones after
it), restart, run this command, then remove the old keys. In the demo, ``--new-key`` generates the
new key and writes it first into the demo key file for you.
"""

from __future__ import annotations

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import override_settings

from encryption.fields import encrypted_fields, rotate


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
        rewritten = 0
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            for model, field in encrypted_fields():
                table, column, pk = model._meta.db_table, field.column, model._meta.pk.column
                cursor.execute(
                    f"SELECT {quote(pk)}, {quote(column)} FROM {quote(table)} "
                    f"WHERE {quote(column)} IS NOT NULL AND {quote(column)} <> ''"
                )
                for row_id, token in cursor.fetchall():
                    cursor.execute(
                        f"UPDATE {quote(table)} SET {quote(column)} = %s WHERE {quote(pk)} = %s",
                        [rotate(token), row_id],
                    )
                    rewritten += 1
        return rewritten
