"""After a migrate, the query planner has statistics for the tables it reads (see home/planner.py)."""

from django.core.management import call_command
from django.db import connection


def _has_statistics(table: str) -> bool:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone() is None:
                return False
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = %s", [table])
            return cursor.fetchone()[0] > 0
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
        return cursor.fetchone()[0] > 0  # -1 (or 0) until the table is analysed


def test_migrating_leaves_the_planner_statistics_for_the_rows_there_are(cast):
    with connection.cursor() as cursor:  # as a rebuilt table is: no statistics
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone():
                cursor.execute("DELETE FROM sqlite_stat1")
    assert not _has_statistics("people_peer") or connection.vendor != "sqlite"

    call_command("migrate", verbosity=0)

    assert _has_statistics("people_peer")
    assert _has_statistics("consent_consenttext")
