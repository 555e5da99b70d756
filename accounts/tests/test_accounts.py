"""Joining by invitation, two-step sign-in, lockout, idle sign-out and language."""

import re
import time
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail

from accounts.models import Invitation, User
from conftest import make_member
from organisations.models import Membership


def test_nobody_can_sign_up_on_their_own(client, db):
    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "password1": "a long test password", "password2": "a long test password"},
    )
    assert not User.objects.filter(email="new@example.org").exists()
    assert response.status_code in (200, 403)


def test_an_admin_invites_and_the_invitee_sets_a_password_then_must_enrol_mfa(
    cast, client_for, django_capture_on_commit_callbacks
):
    admin = client_for("ada")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post("/team/", {"display_name": "Noor", "email": "Noor@Example.org", "role": "peer_supporter"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/join/\S+/", mail.outbox[0].body).group(0)
    admin.logout()

    path = link.split("testserver", 1)[1]
    response = admin.post(path, {"password": "short", "password_again": "short"})
    assert response.status_code == 200 and "at least 10" in response.content.decode().lower()
    response = admin.post(path, {"password": "quiet river morning", "password_again": "quiet river morning"})
    assert response.status_code == 302

    user = User.objects.get(email="noor@example.org")
    assert Membership.objects.get(user=user).organisation == cast.riverside
    # Their role sees people, so every page sends them to set up two-step sign-in first.
    response = admin.get("/peers/")
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/totp/activate/"
    # The invitation cannot be used twice.
    assert admin.get(path).status_code == 404
    assert Invitation.objects.get(email="noor@example.org").accepted_at is not None


def test_only_an_admin_can_invite(cast, client_for):
    response = client_for("cleo").post("/team/", {"display_name": "X", "email": "x@example.org", "role": "admin"})
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_an_evaluator_without_mfa_is_not_forced_but_an_organisation_can_require_it(cast, client):
    evaluator = make_member(cast.riverside, "ella", "evaluator", mfa=False)
    client.force_login(evaluator.user)
    assert client.get("/").status_code == 200

    cast.riverside.require_mfa_for_everyone = True
    cast.riverside.save()
    client.logout()
    client.force_login(evaluator.user)
    response = client.get("/")
    assert response.status_code == 302 and "/2fa/totp/activate" in response["Location"]


def test_mfa_cannot_be_removed_while_the_role_needs_it(cast):
    from allauth.mfa.adapter import get_adapter

    authenticator = Authenticator.objects.get(user=cast.user("pat"), type=Authenticator.Type.TOTP)
    assert get_adapter().can_delete_authenticator(authenticator) is False


def sign_in(client, email, password):
    return client.post("/accounts/login/", {"login": email, "password": password})


def test_signing_in_with_a_password_then_asks_for_the_code(cast, client):
    response = sign_in(client, "pat@riverside.test", "a long test password")
    assert response.status_code == 302 and "/accounts/2fa/authenticate/" in response["Location"]
    # Not signed in yet: the person pages stay closed.
    assert client.get("/peers/").status_code == 302


class Clock:
    """The time the sign-in rate limit reads, moved by the test instead of slept through."""

    def __init__(self, monkeypatch):
        self.now = time.time()
        monkeypatch.setattr(time, "time", lambda: self.now)

    def move(self, **delta):
        self.now += timedelta(**delta).total_seconds()


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


RIGHT_PASSWORD = "a long test password"


def _signs_in(client, password=RIGHT_PASSWORD) -> bool:
    """Whether the password step lets pat through to the second step."""
    response = sign_in(client, "pat@riverside.test", password)
    return response.status_code == 302 and "/accounts/2fa/authenticate/" in response["Location"]


def _fail(client, times: int):
    for _ in range(times):
        assert not _signs_in(client, "wrong password")


def test_four_failed_sign_ins_do_not_lock_the_account(cast, client, clock):
    _fail(client, 4)
    assert _signs_in(client), "the fifth attempt, with the right password, must still get through"


def test_five_failed_sign_ins_lock_the_account_for_fifteen_minutes(cast, client, clock):
    _fail(client, 5)
    # Even the right password is refused during the lockout.
    assert not _signs_in(client)
    clock.move(minutes=14)
    assert not _signs_in(client), "the lockout must hold for 15 minutes"
    clock.move(minutes=1, seconds=1)
    assert _signs_in(client), "the lockout must lift after 15 minutes"


def test_failures_more_than_fifteen_minutes_apart_do_not_add_up(cast, client, clock):
    _fail(client, 4)
    clock.move(minutes=15, seconds=1)
    _fail(client, 1)
    assert _signs_in(client)


def test_sessions_end_after_the_idle_time_and_every_request_renews_it(settings, cast, client_for):
    # The renewal itself (at most once a minute, exact sign-out) is in test_idle_timeout.py.
    assert settings.SESSION_COOKIE_AGE == settings.IDLE_TIMEOUT_MINUTES * 60 == 30 * 60
    client = client_for("pat")
    body = client.get("/").content.decode()
    # the page warns before the end (a second may tick between starting the clock and drawing the page)
    assert f'data-idle-seconds="{30 * 60}"' in body or f'data-idle-seconds="{30 * 60 - 1}"' in body
    assert client.post("/session/keepalive/").json() == {"signed_in": True, "idle_seconds": 1800}


def test_a_user_chooses_their_language_and_it_follows_them(cast, client_for):
    client = client_for("pat")
    client.post("/language/", {"language": "fr", "next": "/"})
    assert User.objects.get(pk=cast.user("pat").pk).language == "fr"
    response = client.get("/")
    assert response["Content-Language"] == "fr"
    assert "Quitter" in response.content.decode()  # the quick exit, in French
