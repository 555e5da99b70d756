"""The erasure ledger: which peers and peer supporters were erased and when, kept apart from the database and its backups.

A backup taken before an erasure still holds the person. So that restoring it cannot bring them back,
every erasure is also written here (after its transaction commits), and ``apply_ledger`` erases again,
after any restore, every peer and supporter the ledger names whose record came back. The ledger holds ids
and months only: the peer's (or supporter's) number, their organisation's, the member who erased them
and the month. Nothing that was erased.

Where it lives is ``settings.ERASURE_LEDGER`` (``ALONGSIDE_ERASURE_LEDGER``): a path, an SQLite file of
its own (by default ``var/erasure-ledger.sqlite3``); or, for several application servers, a
``postgres://`` URL of a database of its own (never the one that is backed up, which it refuses), since
SQLite on network storage cannot be trusted with its locks. ``manage.py backup`` first adds any erased
peer the ledger lacks (an erasure whose ledger write failed after its commit), so every backup's erasures
are in it.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.utils import timezone

log = logging.getLogger(__name__)

PEER, SUPPORTER = "peer", "supporter"
# One table for each kind of person erased, and its key (peers' came first, so their table is "erased").
_TABLES = {PEER: ("erased", "peer_id"), SUPPORTER: ("erased_supporters", "supporter_id")}
_SCHEMA = [
    f"""
CREATE TABLE IF NOT EXISTS {table} (
    {key} INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL,
    erased_by INTEGER,
    erased_month TEXT NOT NULL,
    written_at TEXT NOT NULL
)
"""
    for table, key in _TABLES.values()
]


@dataclass(frozen=True)
class Erased:
    record_id: int  # the peer's, or the peer supporter's
    organisation_id: int
    erased_by: int | None
    erased_month: str  # YYYY-MM
    kind: str = PEER


_URL_SCHEMES = ("postgres://", "postgresql://")


def ledger_url() -> str | None:
    """The ledger's PostgreSQL database, when ``ERASURE_LEDGER`` names one (several servers)."""
    where = str(settings.ERASURE_LEDGER)
    return where if where.startswith(_URL_SCHEMES) else None


def ledger_path() -> Path:
    return Path(settings.ERASURE_LEDGER)


def where() -> str:
    """Where the ledger is, for a person to read: the file, or the database without its password."""
    url = ledger_url()
    if url is None:
        return str(ledger_path())
    parts = urlsplit(url)
    return f"postgresql {parts.hostname or 'localhost'}:{parts.port or 5432}/{parts.path.lstrip('/')}"


def _connect() -> Any:
    """A DB-API connection to the ledger, its table made if new (``?`` placeholders on both kinds)."""
    url = ledger_url()
    return _sqlite_connect() if url is None else _Postgres(url)


class _Postgres:
    """The ledger in a PostgreSQL database of its own: the few calls this module makes of a connection."""

    def __init__(self, url: str):
        import psycopg

        parts = urlsplit(url)
        own = connection.settings_dict if connection.vendor == "postgresql" else {}
        if own and parts.path.lstrip("/") == own.get("NAME"):
            raise ImproperlyConfigured(
                "ALONGSIDE_ERASURE_LEDGER names the application's own database: the ledger must live apart from "
                "what is backed up and restored (a database of its own, or a file)."
            )
        self._db = psycopg.connect(url, connect_timeout=10)
        with self._db.transaction():
            for table in _SCHEMA:
                self._db.execute(table)

    @staticmethod
    def _sql(sql: str) -> str:
        if sql.startswith("INSERT OR IGNORE INTO "):
            table = sql.split()[4]
            key = dict(_TABLES.values())[table]
            sql = sql.replace("INSERT OR IGNORE", "INSERT") + f" ON CONFLICT ({key}) DO NOTHING"
        return sql.replace("?", "%s")

    def executemany(self, sql: str, rows: list[tuple]) -> int:
        with self._db.transaction(), self._db.cursor() as cursor:
            added = 0
            for row in rows:  # one statement a row: rowcount says whether each was new
                cursor.execute(self._sql(sql), row)
                added += cursor.rowcount
            return added

    def select(self, sql: str) -> list[tuple]:
        with self._db.cursor() as cursor:
            cursor.execute(self._sql(sql))
            return cursor.fetchall()

    def close(self) -> None:
        self._db.close()


def _sqlite_connect() -> sqlite3.Connection:
    path = ledger_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))  # owner-only from the first byte
    db = sqlite3.connect(path, timeout=10)
    db.execute("PRAGMA journal_mode=WAL")
    for table in _SCHEMA:
        db.execute(table)
    return db


def _month(moment: datetime | None) -> str:
    return timezone.localtime(moment or timezone.now()).strftime("%Y-%m")


def write(entries: list[Erased]) -> int:
    """Add entries (one already there is kept as it was); returns how many were new."""
    now = timezone.now().isoformat(timespec="seconds")
    added = 0
    with closing(_connect()) as db:
        for kind, (table, key) in _TABLES.items():
            sql = (
                f"INSERT OR IGNORE INTO {table} ({key}, organisation_id, erased_by, erased_month, written_at) "
                "VALUES (?, ?, ?, ?, ?)"
            )
            rows = [
                (e.record_id, e.organisation_id, e.erased_by, e.erased_month, now) for e in entries if e.kind == kind
            ]
            if not rows:
                continue
            if isinstance(db, _Postgres):
                added += db.executemany(sql, rows)
                continue
            with db:
                before = db.total_changes
                db.executemany(sql, rows)
                added += db.total_changes - before
    return added


def record_erasure(
    record_id: int, organisation_id: int, erased_by: int | None, erased_at: datetime | None, *, kind: str = PEER
) -> None:
    """Called once an erasure has committed. A failure is logged (never who) and caught up at the next backup."""
    try:
        write([Erased(record_id, organisation_id, erased_by, _month(erased_at), kind)])
    except (OSError, sqlite3.Error, _psycopg_error()) as error:
        log.error(
            "The erasure ledger could not be written (%s); the next backup adds the erasure.", type(error).__name__
        )


def _psycopg_error() -> type[Exception]:
    import psycopg

    return psycopg.Error


def entries(kind: str = PEER) -> list[Erased]:
    table, key = _TABLES[kind]
    sql = f"SELECT {key}, organisation_id, erased_by, erased_month FROM {table} ORDER BY {key}"
    with closing(_connect()) as db:
        rows = db.select(sql) if isinstance(db, _Postgres) else db.execute(sql).fetchall()
    return [Erased(row[0], row[1], row[2], row[3], kind) for row in rows]


def catch_up() -> int:
    """Write every peer and supporter the database says is erased and the ledger lacks; returns how many."""
    from organisations.tenancy import all_organisations
    from people.models import Peer, PeerSupporter

    with all_organisations():
        found = []
        for kind, model in ((PEER, Peer), (SUPPORTER, PeerSupporter)):
            erased = model.objects.filter(erased_at__isnull=False).values_list("pk", "organisation_id", "erased_at")
            found += [Erased(pk, org, None, _month(when), kind) for pk, org, when in erased]
        return write(found)


@dataclass
class Applied:
    erased_again: int = 0
    already_erased: int = 0
    not_in_this_database: int = 0
    nobody_to_erase_as: int = 0


def apply_ledger() -> Applied:
    """Erase again every peer and supporter the ledger names whose record is back (after a restore)."""
    from datarights.services import erase_peer
    from datarights.supporters import erase_supporter
    from people.models import Peer, PeerSupporter

    result = Applied()
    for entry in entries(PEER):
        _apply(entry, Peer, lambda peer, by: erase_peer(peer, by=by), result)
    # A supporter comes back as they were in the backup, perhaps still working with peers: they are
    # erased again all the same (moved on; their peers' assignments stay, to be handed over).
    for entry in entries(SUPPORTER):
        _apply(entry, PeerSupporter, lambda supporter, by: erase_supporter(supporter, by=by, again=True), result)
    return result


def _apply(entry: Erased, model: Any, erase: Any, result: Applied) -> None:
    from organisations.models import Membership, Role
    from organisations.tenancy import all_organisations, organisation_scope

    with all_organisations():
        record = model.objects.select_related("organisation").filter(pk=entry.record_id).first()
    if record is None or record.organisation_id != entry.organisation_id:
        result.not_in_this_database += 1
        return
    if record.erased_at is not None:
        result.already_erased += 1
        return
    members = Membership.objects.filter(organisation_id=record.organisation_id).select_related("user")
    by = members.filter(pk=entry.erased_by).first() if entry.erased_by else None
    by = by or members.filter(role=Role.ADMIN).order_by("pk").first() or members.order_by("pk").first()
    if by is None:
        result.nobody_to_erase_as += 1
        return
    with organisation_scope(record.organisation):
        erase(record, by)
    result.erased_again += 1
