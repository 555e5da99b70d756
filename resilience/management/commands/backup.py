"""``manage.py backup FILE`` or ``manage.py backup --into DIR --keep N``: an encrypted, consistent backup.

With ``--into``, the file is named for the moment it was made (``alongside-20261202T230000Z.backup``)
and, once it is whole, only the newest ``--keep`` backups of that directory are kept: this is what the
nightly timer (deploy/systemd/alongside-backup.*) runs. See resilience/backup.py and docs/backups.md.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from resilience.backup import make_backup
from resilience.sealing import BackupUnreadableError

# Only files this command named are ever removed by --keep.
NIGHTLY = re.compile(r"^alongside-\d{8}T\d{6}Z\.backup$")


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise ValueError(text)
    return number


class Command(BaseCommand):
    help = "Write an encrypted backup of the database to FILE (the key comes from ALONGSIDE_BACKUP_KEY)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="where to write the backup (it must not exist yet)")
        parser.add_argument(
            "--into", help="a directory: the backup is named for now, alongside-YYYYMMDDTHHMMSSZ.backup"
        )
        parser.add_argument(
            "--keep",
            type=_positive,
            help="with --into: keep only this many of the directory's newest backups (the others are deleted)",
        )

    def handle(self, *args, file=None, into=None, keep=None, **options):
        if (file is None) == (into is None):
            raise CommandError("Say either FILE or --into DIRECTORY.")
        if keep is not None and into is None:
            raise CommandError("--keep goes with --into.")
        if not settings.BACKUP_KEY:
            raise CommandError("Set ALONGSIDE_BACKUP_KEY (make one with: manage.py backup_key new).")
        if into is not None:
            directory = Path(into)
            if not directory.is_dir():
                raise CommandError(f"{directory} is not a directory.")
            file = str(directory / timezone.now().strftime("alongside-%Y%m%dT%H%M%SZ.backup"))
        self._write(file)
        if into is not None and keep is not None:
            self._keep_newest(Path(into), keep)

    def _write(self, file: str) -> None:
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

    def _keep_newest(self, directory: Path, keep: int) -> None:
        # The names sort as their moments do; anything else in the directory is left alone.
        nightly = sorted(p for p in directory.iterdir() if NIGHTLY.match(p.name) and p.is_file())
        old = nightly[:-keep]
        for path in old:
            path.unlink()
        if old:
            self.stdout.write(f"Removed {len(old)} older backups, kept {keep}.")
