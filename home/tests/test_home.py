"""The pages everyone meets: health check, headers, dashboards and figures."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError
from django.db.migrations.recorder import MigrationRecorder
from django.utils import translation

from consent.models import ConsentText, Purpose
from consent.services import record_consent
from home import views
from home.figures import SMALLEST_SHOWN, Figure
from organisations.tenancy import organisation_scope


def test_healthz_says_the_database_answers_and_migrations_are_applied(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "reachable", "migrations": "applied"}


class _UnreachableDatabase:
    def cursor(self):
        raise OperationalError("could not connect to server")


def test_healthz_answers_503_when_the_database_does_not_answer(client, db, monkeypatch):
    monkeypatch.setattr(views, "connection", _UnreachableDatabase())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "unreachable", "migrations": "unknown"}


def test_healthz_answers_503_while_a_migration_is_pending(client, db, monkeypatch):
    # A deploy whose migrations have not run yet: forget that the last people migration was applied.
    monkeypatch.setattr(views, "_migrations_applied", False)
    MigrationRecorder.Migration.objects.filter(app="people").order_by("-id").first().delete()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "reachable", "migrations": "1 pending"}
    assert client.get("/healthz").status_code == 503, "a pending migration must not be forgotten"


# Every directive the Content-Security-Policy may hold, and exactly the sources each allows.
ALLOWED_SOURCES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}


def csp_directives(header: str) -> dict[str, list[str]]:
    """The header as directives and their sources; a directive named twice is an error, not merged."""
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        if not part.strip():
            continue
        name, *sources = part.split()
        assert name.lower() not in directives, f"{name} appears twice in {header!r}"
        directives[name.lower()] = sources
    return directives


def test_csp_directives_are_parsed_one_by_one():
    assert csp_directives("default-src 'self'; img-src 'self' data: https://x.example;") == {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "https://x.example"],
    }
    with pytest.raises(AssertionError):
        csp_directives("script-src 'self'; script-src https://x.example")


@pytest.mark.parametrize("path", ["/", "/peers/", "/accounts/login/", "/healthz", "/no-such-page/"])
def test_every_page_allows_exactly_our_own_server_and_nothing_else(cast, client_for, path):
    response = client_for("cleo").get(path)
    assert csp_directives(response["Content-Security-Policy"]) == ALLOWED_SOURCES


def test_every_page_forbids_requests_to_any_other_host(cast, client_for):
    response = client_for("cleo").get("/peers/")
    assert csp_directives(response["Content-Security-Policy"]) == ALLOWED_SOURCES
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert "https://" not in body.replace(settings.QUICK_EXIT_URL, "")


def test_the_quick_exit_is_on_every_page_including_sign_in(client, db):
    body = client.get("/accounts/login/").content.decode()
    assert 'id="quick-exit"' in body and settings.QUICK_EXIT_URL in body


def test_each_role_sees_only_the_navigation_it_can_use(cast, client_for):
    coordinator = client_for("cleo").get("/").content.decode()
    assert 'href="/peers/"' in coordinator and 'href="/audit/"' not in coordinator
    evaluator = client_for("eve").get("/").content.decode()
    assert 'href="/peers/"' not in evaluator and 'href="/figures/"' in evaluator
    admin = client_for("ada").get("/").content.decode()
    assert 'href="/audit/"' in admin and 'href="/team/"' in admin


def test_a_coordinators_dashboard_counts_what_needs_acting_on(cast, client_for):
    tiles = {t.label: t.value for t in client_for("cleo").get("/").context["dashboard"].tiles}
    assert tiles["Peers"] == 5
    assert tiles["Peers nobody is working with yet"] == 1  # dee
    assert tiles["Peers with no consent recorded"] == 5


def test_a_peer_supporters_dashboard_shows_their_own_caseload(cast, client_for):
    tiles = {t.label: t.value for t in client_for("pat").get("/").context["dashboard"].tiles}
    assert tiles["Peers"] == 1
    assert tiles["Your capacity"] == "1 / 4"


def test_small_numbers_are_suppressed_in_figures():
    with translation.override("en"):  # whatever language an earlier test left active
        assert Figure("x", 0).shown == "0"
        assert Figure("x", SMALLEST_SHOWN - 1).shown == f"fewer than {SMALLEST_SHOWN}"
        assert Figure("x", SMALLEST_SHOWN).shown == str(SMALLEST_SHOWN)


def test_an_evaluator_sees_only_counts_of_people_who_agreed_to_be_counted(cast, client_for):
    with organisation_scope(cast.riverside):
        text = ConsentText.objects.get(language="en")
        for peer in (cast.amara, cast.bea):
            record_consent(
                peer=peer,
                by=cast.cleo,
                text=text,
                agreed=[Purpose.TAKE_PART, Purpose.REPORTS],
                limits_explained_by=cast.cleo,
                limits_explained_at=peer.created_at,
            )
    response = client_for("eve").get("/figures/")
    assert response.status_code == 200
    figures = response.context["figures"]
    assert figures["total"].count == 2
    assert figures["total"].shown == "fewer than 5"
    body = response.content.decode()
    for name in ("Amara", "Bea", "Cat", "Dee"):
        assert name not in body


def test_production_settings_pass_the_deployment_checks():
    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "ALONGSIDE_MODE": "production",
        "DJANGO_SETTINGS_MODULE": "alongside.settings",
        "DJANGO_SECRET_KEY": "x" * 30 + "a-long-random-production-secret-key-0123456789",
        "ALONGSIDE_ENCRYPTION_KEYS": "tT4cTgaHuF2XdvNvT0EJz4bgE6JCJ7zwD6xAHRq3lvc=",
        "DJANGO_ALLOWED_HOSTS": "alongside.example.org",
        "ALONGSIDE_VAR_DIR": str(root / "var" / "deploy-check"),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
