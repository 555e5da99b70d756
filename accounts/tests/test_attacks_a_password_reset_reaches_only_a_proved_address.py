"""A password reset link goes only to an address the account has proved.

Evie (an evaluator at Riverside, no authenticator: her role needs none) once added an address to her
account and never opened the link sent to it: a typo, or an old address someone else now reads. Whoever
reads that address asks for a password reset. The link to choose Evie's password must not reach them:
with it they would hold her account, and for an account with no second step, everything in it.
"""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from conftest import make_member

RESET_LINK = "/accounts/password/reset/key/"


@pytest.fixture
def evie(cast):
    return make_member(cast.riverside, "evie", "evaluator", mfa=False).user


def ask_for_a_reset(client, email):
    mail.outbox.clear()
    response = client.post("/accounts/password/reset/", {"email": email})
    assert response.status_code == 302
    return [message for message in mail.outbox if RESET_LINK in message.body]


def test_an_address_she_added_but_never_proved_gets_no_reset_link(evie, client):
    EmailAddress.objects.create(user=evie, email="evie.old@elsewhere.test", verified=False)
    assert ask_for_a_reset(client, "evie.old@elsewhere.test") == []
    assert ask_for_a_reset(client, "EVIE.OLD@elsewhere.test ") == []


def test_her_sign_in_address_gets_the_link(evie, client):
    (sent,) = ask_for_a_reset(client, "evie@riverside.test")
    assert sent.to == ["evie@riverside.test"]


def test_a_second_address_she_proved_gets_the_link(evie, client):
    EmailAddress.objects.create(user=evie, email="evie@home.test", verified=True)
    (sent,) = ask_for_a_reset(client, "Evie@Home.test")
    assert sent.to == ["evie@home.test"]


def test_her_sign_in_address_gets_the_link_without_an_address_row(evie, client):
    """Accounts made in bulk (the demo's seed) have their sign-in address and no EmailAddress row."""
    EmailAddress.objects.filter(user=evie).delete()
    (sent,) = ask_for_a_reset(client, "evie@riverside.test")
    assert sent.to == ["evie@riverside.test"]
