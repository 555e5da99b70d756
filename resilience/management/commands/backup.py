"""``manage.py backup FILE``: an encrypted, consistent backup of the database (see resilience/backup.py)."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from resilience.backup import make_backup
from resilience.sealing import BackupUnreadableError


class Command(BaseCommand):
    help = "Write an encrypted backup of the database to FILE (the key comes from ALONGSIDE_BACKUP_KEY)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the backup (it must not exist yet)")

    def handle(self, *args, file, **options):
        if not settings.BACKUP_KEY:
            raise CommandError("Set ALONGSIDE_BACKUP_KEY (make one with: manage.py backup_key new).")
        partial = f"{file}.partial"
        try:
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError as error:
            raise CommandError(f"{partial} already exists: is another backup running?") from error
        try:
            with os.fdopen(fd, "wb") as out:
                manifest = make_backup(out, key=settings.BACKUP_KEY)
                out.flush()
                os.fsync(out.fileno())
            if os.path.exists(file):
                raise CommandError(f"{file} already exists.")
            os.replace(partial, file)  # a backup file is whole, or absent
        except (BackupUnreadableError, OSError) as error:
            raise CommandError(str(error)) from error
        finally:
            if os.path.exists(partial):
                os.unlink(partial)
        rows = sum(t["rows"] for t in manifest.tables.values())
        self.stdout.write(f"Backed up {len(manifest.tables)} tables, {rows} rows, to {file}.")
