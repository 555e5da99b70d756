"""``manage.py backup_key new | split | join | field-keys``: the backup key and its recovery (docs/backups.md)."""

from __future__ import annotations

import base64
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from resilience import shamir
from resilience.backup import read_manifest
from resilience.sealing import BackupUnreadableError, key_bytes, new_key


class Command(BaseCommand):
    help = "Make a backup key, split it between trustees, join their parts, or read a backup's field keys."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("new", help="print a new backup key")
        split = sub.add_parser("split", help="split ALONGSIDE_BACKUP_KEY into parts for trustees")
        split.add_argument("--parts", type=int, default=3)
        split.add_argument("--needed", type=int, default=2)
        sub.add_parser("join", help="type the trustees' parts, one a line, then an empty line: prints the key")
        keys = sub.add_parser("field-keys", help="print the field encryption keys a backup holds")
        keys.add_argument("file")

    def handle(self, *args, action, **options):
        if action == "new":
            self.stdout.write(new_key())
        elif action == "split":
            if not settings.BACKUP_KEY:
                raise CommandError("Set ALONGSIDE_BACKUP_KEY to the key to split.")
            try:
                parts = shamir.split(key_bytes(settings.BACKUP_KEY), options["needed"], options["parts"])
            except (ValueError, BackupUnreadableError) as error:
                raise CommandError(str(error)) from error
            self.stdout.write(f"Any {options['needed']} of these {options['parts']} parts make the key.")
            for part in parts:
                self.stdout.write(part)
        elif action == "join":
            lines = []
            for line in sys.stdin:
                if not line.strip():
                    break
                lines.append(line.strip())
            try:
                self.stdout.write(base64.urlsafe_b64encode(shamir.join(lines)).decode())
            except shamir.BadPartError as error:
                raise CommandError(str(error)) from error
        elif action == "field-keys":
            if not settings.BACKUP_KEY:
                raise CommandError("Set ALONGSIDE_BACKUP_KEY.")
            try:
                with open(options["file"], "rb") as source:
                    _, field_keys = read_manifest(source, key=settings.BACKUP_KEY)
            except (BackupUnreadableError, OSError) as error:
                raise CommandError(str(error)) from error
            self.stdout.write(",".join(field_keys))
