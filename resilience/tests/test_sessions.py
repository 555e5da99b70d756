"""A user sees where they are signed in and ends a session (a lost phone); an admin, for their team only."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from organisations.tenancy import all_organisations
from resilience.models import SignedInSession
from resilience.sessions import DEVICE_KEY, device_of, reference

PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
)
LAPTOP = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"


def _signed_in(cast, name: str, user_agent: str) -> Client:
    """A browser signed in with the password (the signal notes the device), second step marked passed."""
    from accounts.middleware import mark_signed_in_with_second_step

    browser = Client(HTTP_USER_AGENT=user_agent)
    member = cast.members[name]
    browser.force_login(member.user)
    session = browser.session
    session["organisation_id"] = member.organisation_id
    session[DEVICE_KEY] = device_of(user_agent)  # force_login's request has no browser: as a real sign-in leaves it
    mark_signed_in_with_second_step(session, member.user)
    session.save()
    return browser


def _alive(browser: Client) -> bool:
    return browser.get(reverse("resilience:my_sessions")).status_code == 200


def test_the_device_is_a_short_summary():
    assert device_of(PHONE) == "Chrome on Android"
    assert device_of(LAPTOP) == "Firefox on Linux"
    assert device_of("") == "Unknown browser"


def test_signing_in_notes_the_device(cast, rf):
    from django.contrib.auth import user_logged_in
    from django.contrib.sessions.backends.base import SessionBase

    request = rf.get("/", HTTP_USER_AGENT=PHONE)
    request.session = SessionBase()
    user_logged_in.send(sender=type(cast.user("pat")), request=request, user=cast.user("pat"))
    assert request.session[DEVICE_KEY] == "Chrome on Android"


def test_a_member_sees_their_sessions_and_ends_the_one_on_a_lost_phone(cast):
    phone, laptop = _signed_in(cast, "pat", PHONE), _signed_in(cast, "pat", LAPTOP)
    page = laptop.get(reverse("resilience:my_sessions")).content.decode()
    assert "Chrome on Android" in page and "Firefox on Linux (this one)" in page
    phone_key = phone.session.session_key
    assert phone_key not in page  # the page names a session by a digest, never its key

    laptop.post(reverse("resilience:my_sessions"), {"session": reference(phone_key)})

    assert not _alive(phone) and _alive(laptop)
    assert AuditEvent.objects.filter(record_type="user", record_id=str(cast.user("pat").pk), reason__contains="ended")


def test_a_row_says_whose_it_is_and_holds_no_address(cast):
    _signed_in(cast, "pat", PHONE)
    (row,) = SignedInSession.objects.filter(user=cast.user("pat"))
    assert row.device == "Chrome on Android"
    assert not any("127.0.0.1" in str(getattr(row, f.attname)) for f in row._meta.concrete_fields)


def test_another_users_session_cannot_be_ended_by_its_digest(cast):
    pats = _signed_in(cast, "pat", PHONE)
    quinn = _signed_in(cast, "quinn", LAPTOP)
    quinn.post(reverse("resilience:my_sessions"), {"session": reference(pats.session.session_key)})
    assert _alive(pats)
    # Nor by the key itself, nor by anything else put in its place.
    for forged in (pats.session.session_key, "x" * 20, "", "' OR 1=1 --"):
        quinn.post(reverse("resilience:my_sessions"), {"session": forged})
    assert _alive(pats) and _alive(quinn)


def test_an_admin_ends_a_team_members_session(cast):
    pats = _signed_in(cast, "pat", PHONE)
    ada = _signed_in(cast, "ada", LAPTOP)
    page = ada.get(reverse("resilience:team_sessions")).content.decode()
    assert "Chrome on Android" in page
    ada.post(
        reverse("resilience:team_sessions"),
        {"session": reference(pats.session.session_key), "member": cast.members["pat"].pk},
    )
    assert not _alive(pats)


def test_another_organisations_admin_cannot_end_it(cast):
    from conftest import make_member
    from organisations.models import Membership, Role

    with all_organisations():
        harbour_admin = make_member(cast.harbour, "hal", Role.ADMIN)
    cast.members["hal"] = harbour_admin
    pats = _signed_in(cast, "pat", PHONE)
    hal = _signed_in(cast, "hal", LAPTOP)
    assert "Chrome on Android" not in hal.get(reverse("resilience:team_sessions")).content.decode()
    answer = hal.post(
        reverse("resilience:team_sessions"),
        {"session": reference(pats.session.session_key), "member": cast.members["pat"].pk},
    )
    assert answer.status_code == 404 and _alive(pats)
    # Naming one of Harbour's own members with Pat's session: not Pat's member, nothing ends.
    hal.post(
        reverse("resilience:team_sessions"),
        {"session": reference(pats.session.session_key), "member": Membership.objects.get(user=cast.user("hana")).pk},
    )
    assert _alive(pats)


@pytest.mark.parametrize("name", ["cleo", "sina", "pat", "eve"])
def test_only_an_admin_opens_the_teams_sessions(cast, name):
    assert _signed_in(cast, name, LAPTOP).get(reverse("resilience:team_sessions")).status_code == 404


def test_the_teams_sessions_ask_the_same_number_of_queries_however_many_there_are(cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ada = _signed_in(cast, "ada", LAPTOP)
    url = reverse("resilience:team_sessions")
    ada.get(url)
    with CaptureQueriesContext(connection) as few:
        ada.get(url)
    for name in ("pat", "quinn", "sina", "cleo", "rio"):
        _signed_in(cast, name, PHONE)
    with CaptureQueriesContext(connection) as many:
        ada.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_session_engine_is_this_one():
    assert import_module(settings.SESSION_ENGINE).SessionStore.get_model_class() is SignedInSession
