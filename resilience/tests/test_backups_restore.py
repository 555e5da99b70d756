"""A backup is encrypted and consistent, and restores into a fresh database table for table."""

from __future__ import annotations

import io
from contextlib import closing

import pytest
from django.db import connection

from organisations.tenancy import all_organisations
from people.models import Peer
from resilience import sealing
from resilience.backup import RestoreRefusedError, _pg_connect, _sqlite, make_backup, restore_backup, table_digests
from resilience.sealing import BackupUnreadableError, new_key
from resilience.tests.apart import databases_apart

pytestmark = pytest.mark.django_db(transaction=True)


def _live_digests():
    with connection.cursor() as cursor:
        return table_digests(cursor, connection.vendor)


@pytest.fixture
def fresh(tmp_path):
    """An empty database of the same kind as the application's, apart from it."""
    own = connection.settings_dict
    if connection.vendor == "sqlite":
        yield {"ENGINE": own["ENGINE"], "NAME": str(tmp_path / "fresh.sqlite3")}
        return
    with databases_apart("fresh") as (name,):
        yield {**own, "NAME": name}


def _digests_of(target):
    if connection.vendor == "sqlite":
        with _sqlite(target) as db:
            return table_digests(db.cursor(), "sqlite")
    with closing(_pg_connect(target)) as db, db.cursor() as cursor:
        return table_digests(cursor, "postgresql")


def test_a_backup_restores_into_a_fresh_database_with_every_table_and_row(cast, backup_key, fresh):
    before = _live_digests()
    out = io.BytesIO()
    manifest = make_backup(out, key=backup_key)
    assert manifest.tables == before
    assert before["people_peer"]["rows"] == 6

    restored = restore_backup(io.BytesIO(out.getvalue()), key=backup_key, target=fresh)

    after = _digests_of(fresh)
    assert after == before  # the same tables, the same number of rows, the same checksum each
    assert restored.field_keys  # the field keys travel inside, sealed with the backup key


def test_the_backup_holds_nothing_readable_without_the_key(cast, backup_key):
    out = io.BytesIO()
    make_backup(out, key=backup_key)
    sealed = out.getvalue()
    assert b"Amara" not in sealed and b"CREATE TABLE" not in sealed and b"people_peer" not in sealed
    with pytest.raises(BackupUnreadableError):
        restore_backup(io.BytesIO(sealed), key=new_key())


@pytest.mark.parametrize("damage", ["a byte changed", "cut short", "last chunk dropped"])
def test_a_changed_or_cut_backup_is_refused_before_anything_is_written(cast, backup_key, fresh, damage, monkeypatch):
    monkeypatch.setattr(sealing, "CHUNK", 4096)  # several chunks, whatever the size of the database
    out = io.BytesIO()
    make_backup(out, key=backup_key)
    sealed = bytearray(out.getvalue())
    if damage == "a byte changed":
        sealed[len(sealed) // 2] ^= 1
    elif damage == "cut short":
        del sealed[-100:]
    else:
        sealed = sealed[: len(sealing.MAGIC) + 7 + 2 * (4 + 4096 + 16)]  # two whole chunks of several
    with pytest.raises(BackupUnreadableError):
        restore_backup(io.BytesIO(bytes(sealed)), key=backup_key, target=fresh)
    assert _digests_of(fresh) == {}


def test_a_restore_does_not_overwrite_a_database_that_is_in_use(cast, backup_key):
    out = io.BytesIO()
    make_backup(out, key=backup_key)
    with pytest.raises(RestoreRefusedError):
        restore_backup(io.BytesIO(out.getvalue()), key=backup_key)
    with all_organisations():
        assert Peer.objects.count() == 6


def test_the_commands_back_up_and_check(cast, backup_key, tmp_path):
    from django.core.management import call_command

    file = tmp_path / "tonight.backup"
    call_command("backup", str(file), stdout=io.StringIO())
    assert oct(file.stat().st_mode & 0o777) == "0o600"
    said = io.StringIO()
    call_command("restore", str(file), "--check", stdout=said)
    assert "It opens with this key" in said.getvalue()


def test_the_nightly_backup_keeps_only_the_newest_in_its_directory(cast, backup_key, tmp_path, monkeypatch):
    """``backup --into DIR --keep N`` (the nightly timer's): named for the moment, the oldest beyond N go."""
    from datetime import UTC, datetime

    from django.core.management import call_command
    from django.utils import timezone

    directory = tmp_path / "backups"
    directory.mkdir()
    (directory / "notes.txt").write_text("someone else's file")  # never removed: not a name backup gives
    for night in (1, 2, 3):
        monkeypatch.setattr(timezone, "now", lambda night=night: datetime(2026, 12, night, 2, 30, tzinfo=UTC))
        call_command("backup", "--into", str(directory), "--keep", "2", stdout=io.StringIO())
    assert sorted(p.name for p in directory.iterdir()) == [
        "alongside-20261202T023000Z.backup",
        "alongside-20261203T023000Z.backup",
        "notes.txt",
    ]
    newest = directory / "alongside-20261203T023000Z.backup"
    assert oct(newest.stat().st_mode & 0o777) == "0o600"
    said = io.StringIO()
    call_command("restore", str(newest), "--check", stdout=said)
    assert "It opens with this key" in said.getvalue()
