"""An account changes its address only by proving the new one, and can never take someone else's.

Evie (an evaluator at Riverside, without two-step sign-in: allauth lets no address be added to an
account that has it) tries to catch an invitation meant for Noor, who is about to be
invited as a coordinator, by adding Noor's address to her own account and making it her sign-in
address. And she tries an address that already belongs to Hugo's account.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from accounts.models import User
from accounts.services import invite_member
from conftest import make_member
from organisations.models import Membership

from .signing_in import sign_in

PASSWORD = {"password": "quiet river morning", "password_again": "quiet river morning"}
EVIE = "evie@riverside.test"


@pytest.fixture
def evie(cast, client):
    """Evie's browser, signed in with her password (her role needs no second step)."""
    make_member(cast.riverside, "evie", "evaluator", mfa=False)
    sign_in(client, EVIE)
    assert client.get("/").status_code == 200
    return client


def evie_email():
    """Evie's sign-in address now (her account is the evaluator called Evie)."""
    return User.objects.get(display_name="Evie").email


def add(client, email):
    # allauth asks for the password again before an address is added; it was typed a moment ago.
    client.post("/accounts/reauthenticate/", {"password": "a long test password"})
    mail.outbox.clear()
    response = client.post("/accounts/email/", {"action_add": "", "email": email})
    assert response.status_code == 302 and response["Location"] == "/accounts/email/"
    return response


def make_primary(client, email):
    return client.post("/accounts/email/", {"action_primary": "", "email": email}, follow=True)


def test_an_unproved_address_never_becomes_the_sign_in_address(cast, evie):
    add(evie, "noor@example.org")
    response = make_primary(evie, "noor@example.org")
    assert response.status_code == 200
    assert evie_email() == EVIE
    assert not EmailAddress.objects.filter(email="noor@example.org", verified=True).exists()


def test_the_invitation_lands_on_the_person_it_was_sent_to(cast, evie, client):
    add(evie, "noor@example.org")
    make_primary(evie, "noor@example.org")

    _invitation, link = invite_member(
        organisation=cast.harbour,
        invited_by=cast.user("hugo"),
        email="noor@example.org",
        display_name="Noor",
        role="coordinator",
        base_url="http://testserver/",
    )
    path = link.split("testserver", 1)[1]
    # Evie, signed in, holding the link: not hers (the link is for a new account; she must sign out).
    evie.post(path, PASSWORD)
    assert not Membership.objects.filter(organisation=cast.harbour, user__display_name__in=["Evie", "Noor"]).exists()
    evie.logout()
    # Noor opens it: a new account of her own.
    assert client.post(path, PASSWORD).status_code == 302
    assert Membership.objects.get(organisation=cast.harbour, user__display_name="Noor").user.email == "noor@example.org"
    assert not Membership.objects.filter(user__email=EVIE, organisation=cast.harbour).exists()


def test_another_accounts_address_cannot_be_taken_and_gives_no_error_page(cast, evie):
    add(evie, "hugo@harbour.test")
    response = make_primary(evie, "hugo@harbour.test")
    assert response.status_code == 200
    assert evie_email() == EVIE
    assert User.objects.get(pk=cast.user("hugo").pk).email == "hugo@harbour.test"


def test_even_an_account_with_no_recorded_address_cannot_take_another(cast, evie):
    """Accounts made before addresses were recorded (or outside create_user) have no EmailAddress:
    allauth then lets any address be made primary, which rewrote User.email into a clash (a 500)."""
    EmailAddress.objects.filter(user__email=EVIE).delete()
    add(evie, "hugo@harbour.test")
    assert make_primary(evie, "hugo@harbour.test").status_code == 200
    add(evie, "noor@example.org")
    assert make_primary(evie, "noor@example.org").status_code == 200
    assert evie_email() not in ("hugo@harbour.test", "noor@example.org")
    assert User.objects.get(pk=cast.user("hugo").pk).email == "hugo@harbour.test"


@pytest.mark.parametrize(
    "data",
    [
        {"action_primary": ""},
        {"action_primary": "", "email": ""},
        {"action_primary": "", "email": "not an address"},
        {"action_primary": "", "email": "x" * 5000},
        {"action_primary": "", "email": EVIE},
        {"action_remove": "", "email": EVIE},
        {"action_remove": "", "email": "hugo@harbour.test"},
        {"action_send": "", "email": "hugo@harbour.test"},
        {"action_send": ""},
        {"action_add": "", "email": "<script>alert(1)</script>"},
        {"action_add": "", "email": EVIE.upper()},
        {"action_add": ""},
        {},
        {"email": "hugo@harbour.test"},
    ],
)
def test_no_input_gives_an_error_page(cast, evie, data):
    evie.post("/accounts/reauthenticate/", {"password": "a long test password"})
    assert evie.post("/accounts/email/", data).status_code in (200, 302)
    assert evie_email() == EVIE


def test_a_new_address_replaces_the_old_one_once_its_link_is_opened(cast, evie):
    user = User.objects.get(email=EVIE)
    add(evie, "evie.new@example.org")
    assert User.objects.get(pk=user.pk).email == EVIE  # not yet
    link = re.search(r"/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    evie.post(link)
    assert User.objects.get(pk=user.pk).email == "evie.new@example.org"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified", "primary")) == [
        ("evie.new@example.org", True, True)
    ]


def test_the_owner_opening_a_link_meant_to_capture_their_address_changes_nothing(cast, evie, client):
    """Evie adds Hugo's address; the confirmation goes to Hugo. If he opens it, it must not verify."""
    add(evie, "hugo@harbour.test")
    links = [re.search(r"/accounts/confirm-email/\S+/", m.body) for m in mail.outbox]
    for link in filter(None, links):
        assert client.post(link.group(0)).status_code in (200, 302)
    assert evie_email() == EVIE
    assert not EmailAddress.objects.filter(user__email=EVIE, email="hugo@harbour.test", verified=True).exists()


def test_even_an_account_without_a_recorded_address_keeps_it_when_the_link_is_opened(cast, evie, client):
    """Accounts made in bulk (the demo seed) have a sign-in address but no EmailAddress row."""
    EmailAddress.objects.filter(user=cast.user("hugo")).delete()
    add(evie, "hugo@harbour.test")
    link = re.search(r"/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    assert client.post(link).status_code in (200, 302)
    assert evie_email() == EVIE
    assert User.objects.get(pk=cast.user("hugo").pk).email == "hugo@harbour.test"
    assert not EmailAddress.objects.filter(email="hugo@harbour.test", verified=True).exists()
