"""Encrypted, consistent backups, and restoring them into a fresh database.

A backup is one file sealed with the backup key (``sealing.py``) holding a tar archive:

- ``manifest.json``: when, which database engine, and each table's row count and checksum;
- ``field-keys.json``: the field encryption keys in force (``ALONGSIDE_ENCRYPTION_KEYS``), so that the
  backup key alone is enough to read a backup after the server and its keys are gone;
- ``database.sqlite3`` (SQLite's online backup API) or ``database.pgdump`` (``pg_dump`` custom format).

Consistent: on SQLite the online backup copies one snapshot, and the manifest is read from that copy;
on PostgreSQL a REPEATABLE READ transaction exports its snapshot, the manifest is read in it and
``pg_dump --snapshot`` dumps that same snapshot.

A restore opens the file (a wrong key or any change stops it before anything is written), loads the
database into an empty one (or, with ``replace``, over the one named), compares every table's count and
checksum with the manifest, and, when it restored the application's own database, migrates it and
applies the erasure ledger (``ledger.py``) so that nobody erased comes back.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from . import ledger
from .sealing import BackupUnreadableError, OpeningReader, SealingWriter

FORMAT = 1
Digests = dict[str, dict[str, Any]]  # table -> {"rows": n, "sha256": hex}


class RestoreRefusedError(Exception):
    """The restore would overwrite data, or what was restored does not match what was backed up."""


# --- checksums -------------------------------------------------------------------------------------


def _normal(value: Any) -> str:
    if isinstance(value, memoryview):
        value = value.tobytes()
    return repr(value)


def table_digests(cursor, vendor: str) -> Digests:
    """Every table's row count and a checksum of its rows in a fixed order."""
    if vendor == "sqlite":
        cursor.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    else:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
    tables = [row[0] for row in cursor.fetchall()]
    digests: Digests = {}
    for table in tables:
        quoted = '"' + table.replace('"', '""') + '"'
        if vendor == "sqlite":
            cursor.execute(f"SELECT * FROM {quoted} LIMIT 0")  # noqa: S608 (a table name from the catalogue)
            order = ", ".join(str(i) for i in range(1, len(cursor.description) + 1))
            cursor.execute(f"SELECT * FROM {quoted} ORDER BY {order}")  # noqa: S608
        else:
            # Each row as PostgreSQL writes it (in UTC), so no client's type conversions change the sum.
            cursor.execute(f'SELECT t::text FROM {quoted} AS t ORDER BY t::text COLLATE "C"')  # noqa: S608
        hasher, rows = hashlib.sha256(), 0
        while batch := cursor.fetchmany(2000):
            for row in batch:
                hasher.update(("\x1f".join(_normal(v) for v in row) + "\x1e").encode())
                rows += 1
        digests[table] = {"rows": rows, "sha256": hasher.hexdigest()}
    return digests


# --- where a database is ---------------------------------------------------------------------------


def _vendor(target: dict[str, Any]) -> str:
    engine = target["ENGINE"]
    if "sqlite" in engine:
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise RestoreRefusedError(f"Backups know SQLite and PostgreSQL, not {engine}.")


def _pg_args(target: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = ["--dbname", str(target["NAME"])]
    if target.get("HOST"):
        args += ["--host", str(target["HOST"])]
    if target.get("PORT"):
        args += ["--port", str(target["PORT"])]
    if target.get("USER"):
        args += ["--username", str(target["USER"])]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10", "PGTZ": "UTC"}
    if target.get("PASSWORD"):
        env["PGPASSWORD"] = str(target["PASSWORD"])
    return args, env


def _program(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise RestoreRefusedError(f"{name} is not installed (the PostgreSQL client programs).")
    return found


def _pg_connect(target: dict[str, Any]):
    import psycopg

    return psycopg.connect(
        dbname=target["NAME"],
        host=target.get("HOST") or None,
        port=target.get("PORT") or None,
        user=target.get("USER") or None,
        password=target.get("PASSWORD") or None,
        connect_timeout=10,
        options="-c TimeZone=UTC",
    )


def _is_default(target: dict[str, Any]) -> bool:
    own = connection.settings_dict
    return all(str(target.get(k) or "") == str(own.get(k) or "") for k in ("ENGINE", "NAME", "HOST", "PORT"))


def _sqlite_connect(name: str) -> sqlite3.Connection:
    # Read values as Django's own connection does (its converters for dates, times, decimals), so a
    # checksum is the same whichever connection reads the table.
    return sqlite3.connect(
        name, uri=name.startswith("file:"), detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
    )


@contextmanager
def _sqlite(target: dict[str, Any]) -> Iterator[sqlite3.Connection]:
    """The raw connection to an SQLite database (the application's own one if it is that)."""
    if _is_default(target):
        connection.ensure_connection()
        yield connection.connection
        return
    name = str(target["NAME"])
    db = _sqlite_connect(name)
    try:
        yield db
    finally:
        db.close()


@contextmanager
def _private_dir() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="alongside-backup-") as name:
        os.chmod(name, 0o700)
        yield Path(name)


# --- making a backup -------------------------------------------------------------------------------


@dataclass
class Manifest:
    vendor: str
    made_at: str
    tables: Digests
    format: int = FORMAT
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> bytes:
        return json.dumps(
            {"format": self.format, "vendor": self.vendor, "made_at": self.made_at, "tables": self.tables},
            indent=1,
            sort_keys=True,
        ).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Manifest:
        raw = json.loads(data)
        return cls(vendor=raw["vendor"], made_at=raw["made_at"], tables=raw["tables"], format=raw["format"])


def _dump_sqlite(source: dict[str, Any], workdir: Path) -> tuple[Path, Digests]:
    copy = workdir / "database.sqlite3"
    with _sqlite(source) as live, closing(_sqlite_connect(str(copy))) as dest:
        live.backup(dest)  # one consistent snapshot, even while others write
        dest.execute("PRAGMA journal_mode=DELETE")  # the copy is one file
        digests = table_digests(dest.cursor(), "sqlite")
    return copy, digests


def _dump_postgresql(source: dict[str, Any], workdir: Path) -> tuple[Path, Digests]:
    import psycopg

    dump = workdir / "database.pgdump"
    with closing(_pg_connect(source)) as db:
        db.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        db.read_only = True
        with db.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            row = cursor.fetchone()
            assert row is not None
            snapshot = row[0]
            digests = table_digests(cursor, "postgresql")
            args, env = _pg_args(source)
            subprocess.run(  # noqa: S603  # nosec B603
                [
                    _program("pg_dump"),
                    *args,
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    "--snapshot",
                    snapshot,
                    "--file",
                    str(dump),
                ],
                env=env,
                check=True,
                capture_output=True,
            )
        db.rollback()
    return dump, digests


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def make_backup(out: BinaryIO, *, key: str, source: dict[str, Any] | None = None) -> Manifest:
    """Write an encrypted backup of ``source`` (the application's database) to ``out``."""
    source = source or connection.settings_dict
    vendor = _vendor(source)
    if _is_default(source):
        ledger.catch_up()  # every erasure this backup holds is in the ledger before it exists
    with _private_dir() as workdir:
        made_at = timezone.now().isoformat(timespec="seconds")
        if vendor == "sqlite":
            database, digests = _dump_sqlite(source, workdir)
        else:
            database, digests = _dump_postgresql(source, workdir)
        manifest = Manifest(vendor=vendor, made_at=made_at, tables=digests)
        writer = SealingWriter(out, key)
        with tarfile.open(fileobj=writer, mode="w|") as archive:  # type: ignore[call-overload]
            _add(archive, "manifest.json", manifest.to_json())
            _add(archive, "field-keys.json", json.dumps(list(settings.ENCRYPTION_KEYS)).encode())
            archive.add(str(database), arcname=database.name)
        writer.close()
    return manifest


# --- restoring -------------------------------------------------------------------------------------


@dataclass
class Restored:
    manifest: Manifest
    field_keys: list[str]
    ledger: ledger.Applied | None = None
    migrated: bool = False

    @property
    def field_keys_missing(self) -> int:
        return len(set(self.field_keys) - set(settings.ENCRYPTION_KEYS))


def _unpack(source: BinaryIO, key: str, workdir: Path) -> tuple[Manifest, list[str], Path]:
    reader = OpeningReader(source, key)
    manifest: Manifest | None = None
    field_keys: list[str] = []
    database: Path | None = None
    with tarfile.open(fileobj=reader, mode="r|") as archive:  # type: ignore[call-overload]
        for member in archive:
            if not member.isfile() or member.name not in (
                "manifest.json",
                "field-keys.json",
                "database.sqlite3",
                "database.pgdump",
            ):
                raise BackupUnreadableError("The backup holds something it should not.")
            handle = archive.extractfile(member)
            assert handle is not None
            if member.name == "manifest.json":
                manifest = Manifest.from_json(handle.read())
            elif member.name == "field-keys.json":
                field_keys = json.loads(handle.read())
            else:
                database = workdir / member.name
                with open(database, "wb") as out:
                    shutil.copyfileobj(handle, out)
    reader.read()  # to the end: the last chunk's seal proves nothing was cut off
    if manifest is None or database is None:
        raise BackupUnreadableError("The backup is incomplete.")
    return manifest, field_keys, database


def _tables_in(target: dict[str, Any], vendor: str) -> int:
    if vendor == "sqlite":
        with _sqlite(target) as db:
            return db.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
    with closing(_pg_connect(target)) as db, db.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")
        row = cursor.fetchone()
        return row[0] if row else 0


def _load_sqlite(database: Path, target: dict[str, Any]) -> Digests:
    with closing(_sqlite_connect(str(database))) as copy, _sqlite(target) as dest:
        copy.backup(dest)  # replaces the whole database, schema and all
        return table_digests(dest.cursor(), "sqlite")


def _load_postgresql(database: Path, target: dict[str, Any], *, replace: bool) -> Digests:
    if replace:
        with closing(_pg_connect(target)) as db, db.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
            db.commit()
    args, env = _pg_args(target)
    result = subprocess.run(  # noqa: S603  # nosec B603
        [
            _program("pg_restore"),
            *args,
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(database),
        ],
        env=env,
        capture_output=True,
    )
    if result.returncode:
        raise RestoreRefusedError("pg_restore stopped: " + result.stderr.decode(errors="replace")[-500:])
    with closing(_pg_connect(target)) as db, db.cursor() as cursor:
        return table_digests(cursor, "postgresql")


def restore_backup(
    source: BinaryIO, *, key: str, target: dict[str, Any] | None = None, replace: bool = False
) -> Restored:
    """Restore a backup into ``target`` (the application's database unless named).

    The target must hold no tables unless ``replace``. Restoring the application's own database then
    migrates it and applies the erasure ledger.
    """
    target = target or connection.settings_dict
    vendor = _vendor(target)
    own = _is_default(target)
    with _private_dir() as workdir:
        manifest, field_keys, database = _unpack(source, key, workdir)
        if manifest.vendor != vendor:
            raise RestoreRefusedError(f"This is a {manifest.vendor} backup; the database named is {vendor}.")
        if not replace and _tables_in(target, vendor):
            raise RestoreRefusedError("The database is not empty: restore into a fresh one, or say --replace.")
        if own and vendor == "postgresql":
            connections.close_all()  # our own connections would hold locks on what is replaced
        if vendor == "sqlite":
            digests = _load_sqlite(database, target)
        else:
            digests = _load_postgresql(database, target, replace=replace)
    if digests != manifest.tables:
        differ = sorted(t for t in set(digests) | set(manifest.tables) if digests.get(t) != manifest.tables.get(t))
        raise RestoreRefusedError(f"The restored tables do not match the backup: {', '.join(differ[:10])}.")
    restored = Restored(manifest=manifest, field_keys=field_keys)
    if own:
        restored.migrated = _migrate()
        restored.ledger = ledger.apply_ledger()
    return restored


def _migrate() -> bool:
    """Bring an older backup up to this version's schema; True if anything ran."""
    from django.core.management import call_command
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return False
    call_command("migrate", interactive=False, verbosity=0)
    return True


def read_manifest(source: BinaryIO, *, key: str) -> tuple[Manifest, list[str]]:
    """What a backup holds and its field keys, without restoring it (``restore --check``)."""
    with _private_dir() as workdir:
        manifest, field_keys, _ = _unpack(source, key, workdir)
    return manifest, field_keys
