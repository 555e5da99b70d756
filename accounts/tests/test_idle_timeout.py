"""Idle sign-out after 30 minutes, with a session that is not written on every page read."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import idle
from resilience.models import SignedInSession as Session  # the session engine's table (resilience.sessions)


def _clock_back(client, seconds: int) -> None:
    """As if the last recorded request was ``seconds`` ago (the row itself stays unexpired)."""
    session = client.session
    session[idle.SESSION_KEY] = int(time.time()) - seconds
    session.save()


def _session_writes(client, method: str, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        getattr(client, method)(url)
    return sum(
        1 for q in captured.captured_queries if Session._meta.db_table in q["sql"] and "SELECT" not in q["sql"][:8]
    )


def test_reading_pages_within_a_minute_writes_nothing_to_the_session(cast, client_for):
    client = client_for("pat")
    client.get("/")  # the first request starts the clock
    assert _session_writes(client, "get", "/") == 0
    assert _session_writes(client, "get", "/peers/") == 0


def test_a_request_a_minute_later_moves_the_idle_clock(cast, client_for):
    client = client_for("pat")
    client.get("/")
    _clock_back(client, 61)
    assert _session_writes(client, "get", "/") == 1
    assert int(time.time()) - client.session[idle.SESSION_KEY] < 5


def test_a_session_last_used_31_minutes_ago_is_signed_out_even_if_its_row_has_not_expired(cast, client_for):
    client = client_for("pat")
    client.get("/")
    _clock_back(client, 31 * 60)
    assert Session.objects.filter(session_key=client.session.session_key).exists()  # not expired by the row
    response = client.get("/peers/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get("/").status_code == 302  # and it stays signed out


def test_a_session_used_29_minutes_ago_is_still_signed_in(cast, client_for):
    client = client_for("pat")
    client.get("/")
    _clock_back(client, 29 * 60)
    assert client.get("/peers/").status_code == 200


def test_stay_signed_in_moves_the_clock_even_within_the_minute(cast, client_for):
    client = client_for("pat")
    client.get("/")
    _clock_back(client, 20)
    assert client.post("/session/keepalive/").json() == {"signed_in": True, "idle_seconds": 1800}
    assert int(time.time()) - client.session[idle.SESSION_KEY] < 5


@pytest.mark.parametrize("seconds_ago", [0, 45])
def test_the_page_and_every_response_say_how_long_the_session_has_left(cast, client_for, seconds_ago):
    client = client_for("pat")
    client.get("/")
    _clock_back(client, seconds_ago)
    response = client.get("/peers/", headers={"HX-Request": "true"})
    left = int(response[idle.HEADER])
    assert 30 * 60 - seconds_ago - 3 <= left <= 30 * 60 - seconds_ago
    body = client.get("/").content.decode()
    assert f'data-idle-seconds="{left}"' in body or f'data-idle-seconds="{left - 1}"' in body
