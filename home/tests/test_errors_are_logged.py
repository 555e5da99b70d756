"""A 500 is written to the log, saying what failed and where, and nothing about whom."""

import io
import logging

import pytest


class BoomError(Exception):
    pass


@pytest.fixture
def failing_peer_list(monkeypatch):
    def boom(membership, **kwargs):
        raise BoomError("could not list Amara, code word sunflower")

    monkeypatch.setattr("people.views.caseload_page", boom)


@pytest.fixture
def written():
    """What the configured handlers write for django.request and for our own loggers."""
    stream = io.StringIO()
    configured = logging.getLogger("django.request").handlers
    assert configured, "django.request goes to no handler: a 500 would be logged nowhere"
    handler = logging.StreamHandler(stream)
    handler.setFormatter(configured[0].formatter)
    loggers = [logging.getLogger("django.request"), logging.getLogger()]
    for logger in loggers:
        logger.addHandler(handler)
    yield stream
    for logger in loggers:
        logger.removeHandler(handler)


def test_a_500_writes_one_log_line_with_no_personal_data(cast, client_for, failing_peer_list, written):
    client = client_for("cleo")
    client.raise_request_exception = False

    response = client.get("/peers/", {"q": "Amara"})

    assert response.status_code == 500
    logged = written.getvalue()
    assert "ERROR django.request 500 GET peers/ (people:peer_list)" in logged
    assert "home.tests.test_errors_are_logged.BoomError" in logged and "people/views.py" in logged
    for secret in ("Amara", "amara", "sunflower", "q=", "cleo@"):
        assert secret not in logged


def test_a_404_is_not_logged(cast, client_for, written):
    assert client_for("cleo").post("/peers/", {"q": "Amara", "page": "abc"}).status_code == 200
    assert client_for("cleo").get("/no-such-page/?q=Amara").status_code == 404
    assert "django.request" not in written.getvalue()


def test_other_log_lines_keep_their_message_but_never_an_exceptions_text(written):
    log = logging.getLogger("alongside.test")
    try:
        raise BoomError("Amara")
    except BoomError:
        log.exception("a task failed")
    logged = written.getvalue()
    assert "a task failed: home.tests.test_errors_are_logged.BoomError" in logged and "Amara" not in logged
