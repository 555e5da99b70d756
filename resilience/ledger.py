"""The erasure ledger: which peers were erased and when, kept apart from the database and its backups.

A backup taken before an erasure still holds the person. So that restoring it cannot bring them back,
every erasure is also written here (after its transaction commits), and ``apply_ledger`` erases again,
after any restore, every peer the ledger names whose record came back. The ledger holds ids and months
only: the peer's number, their organisation's, the member who erased them and the month. Nothing that
was erased.

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

_SCHEMA = """
CREATE TABLE IF NOT EXISTS erased (
    peer_id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL,
    erased_by INTEGER,
    erased_month TEXT NOT NULL,
    written_at TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class Erased:
    peer_id: int
    organisation_id: int
    erased_by: int | None
    erased_month: str  # YYYY-MM


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
            self._db.execute(_SCHEMA)

    @staticmethod
    def _sql(sql: str) -> str:
        sql = sql.replace("INSERT OR IGNORE", "INSERT")
        if sql.startswith("INSERT"):
            sql += " ON CONFLICT (peer_id) DO NOTHING"
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
    db.execute(_SCHEMA)
    return db


def _month(moment: datetime | None) -> str:
    return timezone.localtime(moment or timezone.now()).strftime("%Y-%m")


def write(entries: list[Erased]) -> int:
    """Add entries (one already there is kept as it was); returns how many were new."""
    now = timezone.now().isoformat(timespec="seconds")
    sql = (
        "INSERT OR IGNORE INTO erased (peer_id, organisation_id, erased_by, erased_month, written_at) "
        "VALUES (?, ?, ?, ?, ?)"
    )
    rows = [(e.peer_id, e.organisation_id, e.erased_by, e.erased_month, now) for e in entries]
    with closing(_connect()) as db:
        if isinstance(db, _Postgres):
            return db.executemany(sql, rows)
        with db:
            before = db.total_changes
            db.executemany(sql, rows)
            return db.total_changes - before


def record_erasure(peer_id: int, organisation_id: int, erased_by: int | None, erased_at: datetime | None) -> None:
    """Called once an erasure has committed. A failure is logged (never who) and caught up at the next backup."""
    try:
        write([Erased(peer_id, organisation_id, erased_by, _month(erased_at))])
    except (OSError, sqlite3.Error, _psycopg_error()) as error:
        log.error(
            "The erasure ledger could not be written (%s); the next backup adds the erasure.", type(error).__name__
        )


def _psycopg_error() -> type[Exception]:
    import psycopg

    return psycopg.Error


def entries() -> list[Erased]:
    sql = "SELECT peer_id, organisation_id, erased_by, erased_month FROM erased ORDER BY peer_id"
    with closing(_connect()) as db:
        rows = db.select(sql) if isinstance(db, _Postgres) else db.execute(sql).fetchall()
    return [Erased(*row) for row in rows]


def catch_up() -> int:
    """Write every peer the database says is erased and the ledger lacks; returns how many."""
    from organisations.tenancy import all_organisations
    from people.models import Peer

    with all_organisations():
        erased = Peer.objects.filter(erased_at__isnull=False).values_list("pk", "organisation_id", "erased_at")
        return write([Erased(pk, org, None, _month(when)) for pk, org, when in erased])


@dataclass
class Applied:
    erased_again: int = 0
    already_erased: int = 0
    not_in_this_database: int = 0
    nobody_to_erase_as: int = 0


def apply_ledger() -> Applied:
    """Erase again every peer the ledger names whose record is back (after a restore)."""
    from datarights.services import erase_peer
    from organisations.models import Membership, Role
    from organisations.tenancy import all_organisations, organisation_scope
    from people.models import Peer

    result = Applied()
    for entry in entries():
        with all_organisations():
            peer = Peer.objects.select_related("organisation").filter(pk=entry.peer_id).first()
        if peer is None or peer.organisation_id != entry.organisation_id:
            result.not_in_this_database += 1
            continue
        if peer.erased_at is not None:
            result.already_erased += 1
            continue
        members = Membership.objects.filter(organisation_id=peer.organisation_id).select_related("user")
        by = members.filter(pk=entry.erased_by).first() if entry.erased_by else None
        by = by or members.filter(role=Role.ADMIN).order_by("pk").first() or members.order_by("pk").first()
        if by is None:
            result.nobody_to_erase_as += 1
            continue
        with organisation_scope(peer.organisation):
            erase_peer(peer, by=by)
        result.erased_again += 1
    return result
