"""A database that does not answer gives a calm 503 page in our words, not a stack trace or a 500.

In process, the database "goes away" by every query failing as a lost connection does; the real
thing (the server's database stopped and started again under it) is in ``test_faults.py``.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client


@contextmanager
def database_away():
    """Every query fails as one on a lost connection does, until the block ends."""

    def refuse(self, *args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", refuse)
        patch.setattr(CursorWrapper, "executemany", refuse)
        yield


def _assert_calm(response):
    assert response.status_code == 503
    body = response.content.decode()
    assert "Alongside is not available just now" in body
    assert "Traceback" not in body and "OperationalError" not in body and "server closed" not in body
    assert response["Retry-After"] and response["Cache-Control"] == "no-store"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert 'id="quick-exit"' in body


@pytest.mark.parametrize("path", ["/", "/peers/", "/accounts/login/"])
def test_a_signed_in_member_sees_the_calm_page_while_the_database_is_away(cast, client_for, path):
    client = client_for("cleo")
    client.raise_request_exception = False
    with database_away():
        _assert_calm(client.get(path))
    assert client.get(path).status_code in (200, 302), "and the next request, with the database back, is served"


def test_a_visitor_signed_out_sees_it_too(db):
    client = Client(raise_request_exception=False)
    client.cookies["sessionid"] = "a-session-that-must-be-looked-up"
    with database_away():
        _assert_calm(client.get("/accounts/login/"))


def test_healthz_says_the_database_is_unreachable(db):
    with database_away():
        response = Client(raise_request_exception=False).get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
    assert Client().get("/healthz").status_code == 200


def test_a_bug_is_still_a_500_not_a_503(cast, client_for, monkeypatch):
    from people import views

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr(views, "render", broken)
    client = client_for("cleo")
    client.raise_request_exception = False
    response = client.get("/peers/")
    assert response.status_code == 500 and "Something went wrong on our side" in response.content.decode()
