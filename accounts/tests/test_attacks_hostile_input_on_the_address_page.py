"""Whatever is posted to the address page, the answer is a kind refusal, never a server error.

Evie (an evaluator at Riverside, signed in with her password) posts by hand: an address far longer
than any address can be (SQLite refuses such a pattern), one with a NUL character (PostgreSQL refuses
it), several at once, or none. Nothing changes, and she is told so.
"""

import pytest

from accounts.models import User
from conftest import make_member

from .signing_in import sign_in

EVIE = "evie@riverside.test"
HOSTILE = [
    "x" * 100_000 + "@riverside.test",
    "evie\x00@riverside.test",
    "",
    "not an address",
]


@pytest.fixture
def evie(cast, client):
    make_member(cast.riverside, "evie", "evaluator", mfa=False)
    sign_in(client, EVIE)
    client.post("/accounts/reauthenticate/", {"password": "a long test password"})
    return client


@pytest.mark.parametrize("address", HOSTILE)
@pytest.mark.parametrize("action", ["action_primary", "action_send", "action_remove", "action_add"])
def test_a_hostile_address_changes_nothing(evie, action, address):
    response = evie.post("/accounts/email/", {action: "", "email": address}, follow=True)
    assert response.status_code == 200
    assert User.objects.filter(email=EVIE).exists()


@pytest.mark.parametrize("action", ["action_primary", "action_send", "action_remove", "action_add"])
def test_several_addresses_or_none_change_nothing(evie, action):
    for data in ({action: "", "email": [EVIE, "hugo@harbour.test"]}, {action: ""}):
        assert evie.post("/accounts/email/", data, follow=True).status_code == 200
    assert User.objects.filter(email=EVIE).exists()
