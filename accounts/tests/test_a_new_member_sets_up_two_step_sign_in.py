"""Noor is invited as a peer supporter, chooses a password on the join page and goes straight on to set
up two-step sign-in: opening the link proved her address, so nothing asks her to verify it again.
Until she has, only the pages needed for that step open."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

from accounts.models import User

SET_UP = "/accounts/2fa/totp/activate/"


def join(cast, client, django_capture_on_commit_callbacks):
    admin = client_for_ada(cast, client)
    with django_capture_on_commit_callbacks(execute=True):
        admin.post("/team/", {"display_name": "Noor", "email": "noor@example.org", "role": "peer_supporter"})
    from django.core import mail

    path = re.search(r"/accounts/join/\S+/", mail.outbox[-1].body).group(0)
    client.logout()
    response = client.post(path, {"password": "quiet river morning", "password_again": "quiet river morning"})
    assert response.status_code == 302
    return User.objects.get(email="noor@example.org")


def client_for_ada(cast, client):
    from accounts.middleware import mark_signed_in_with_second_step

    client.force_login(cast.user("ada"))
    session = client.session
    session["organisation_id"] = cast.riverside.pk
    mark_signed_in_with_second_step(session, cast.user("ada"))
    session.save()
    return client


def test_accepting_marks_the_address_verified(cast, client, django_capture_on_commit_callbacks):
    noor = join(cast, client, django_capture_on_commit_callbacks)
    address = EmailAddress.objects.get(user=noor)
    assert address.email == "noor@example.org" and address.verified and address.primary


@pytest.mark.django_db(transaction=True)  # allauth announces the new authenticator once it is committed
def test_she_sets_up_the_authenticator_right_away_and_then_reaches_her_pages(
    cast, client, django_capture_on_commit_callbacks
):
    join(cast, client, django_capture_on_commit_callbacks)
    assert client.get("/peers/")["Location"] == SET_UP
    page = client.get(SET_UP)
    assert page.status_code == 200  # not a redirect to verify an address, nor to type her password again
    secret = page.context["form"].secret
    counters = list(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))
    response = client.post(SET_UP, {"code": code})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Authenticator.objects.filter(user__email="noor@example.org", type=Authenticator.Type.TOTP).exists()
    # Setting it up was the second step: her pages open without signing in again.
    assert client.get("/peers/").status_code == 200


def test_until_then_her_account_pages_are_closed_as_well(cast, client, django_capture_on_commit_callbacks):
    join(cast, client, django_capture_on_commit_callbacks)
    for path in ["/accounts/email/", "/accounts/password/change/", "/"]:
        assert client.get(path)["Location"] == SET_UP, path
