"""``manage.py restore FILE``: restore a backup into the (fresh) database, then apply the erasure ledger."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from resilience import ledger
from resilience.backup import RestoreRefusedError, read_manifest, restore_backup
from resilience.sealing import BackupUnreadableError


class Command(BaseCommand):
    help = (
        "Restore FILE into the database DATABASE_URL names (it must be empty unless --replace), check every "
        "table against the backup's checksums, migrate, and erase again everyone the erasure ledger names."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--replace", action="store_true", help="overwrite a database that is not empty")
        parser.add_argument("--check", action="store_true", help="only open the backup and say what it holds")

    def handle(self, *args, file, replace, check, **options):
        if not settings.BACKUP_KEY:
            raise CommandError("Set ALONGSIDE_BACKUP_KEY to the key the backup was made with (docs/backups.md).")
        try:
            with open(file, "rb") as source:
                if check:
                    manifest, _ = read_manifest(source, key=settings.BACKUP_KEY)
                    rows = sum(t["rows"] for t in manifest.tables.values())
                    self.stdout.write(
                        f"A {manifest.vendor} backup made {manifest.made_at}: {len(manifest.tables)} tables, "
                        f"{rows} rows. It opens with this key."
                    )
                    return
                restored = restore_backup(source, key=settings.BACKUP_KEY, replace=replace)
        except (BackupUnreadableError, RestoreRefusedError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the backup made {restored.manifest.made_at}; every table matches it.")
        if restored.ledger:
            self.stdout.write(
                f"Erasure ledger ({ledger.where()}): {restored.ledger.erased_again} erased again, "
                f"{restored.ledger.already_erased} already erased."
            )
            if restored.ledger.nobody_to_erase_as:
                self.stderr.write(
                    f"{restored.ledger.nobody_to_erase_as} could not be erased again: their organisation has no "
                    "member. Add one and run manage.py apply_erasure_ledger."
                )
        if restored.field_keys_missing:
            self.stderr.write(
                f"{restored.field_keys_missing} of the backup's field keys are not in ALONGSIDE_ENCRYPTION_KEYS: "
                "read them with manage.py backup_key field-keys FILE and add them."
            )
