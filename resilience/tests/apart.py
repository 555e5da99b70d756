"""Empty PostgreSQL databases beside the test database, made and dropped by its own role."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing, contextmanager

from django.db import connection

from resilience.backup import _pg_connect


def _admin(*statements: tuple[str, str]) -> None:
    """Run each (statement, database name) on one connection to the server's own database."""
    import psycopg

    with closing(_pg_connect({**connection.settings_dict, "NAME": "postgres"})) as db:
        db.autocommit = True
        for statement, name in statements:
            db.execute(psycopg.sql.SQL(statement).format(psycopg.sql.Identifier(name)))


@contextmanager
def databases_apart(*suffixes: str) -> Iterator[list[str]]:
    """Fresh databases named after the test database and each suffix; dropped afterwards.

    DROP without FORCE: FORCE must be allowed to signal every backend connected, and an autovacuum
    worker (which a database just written to may well have) is no backend the test role may signal,
    so it failed now and then. A plain DROP stops autovacuum itself and waits a few seconds for
    connections just closed to go, and every connection the tests open is closed by then.
    """
    names = [f"{connection.settings_dict['NAME']}_{suffix}" for suffix in suffixes]
    _admin(*[(statement, name) for name in names for statement in ("DROP DATABASE IF EXISTS {}", "CREATE DATABASE {}")])
    try:
        yield names
    finally:
        _admin(*[("DROP DATABASE IF EXISTS {}", name) for name in names])
