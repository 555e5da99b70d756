"""A session that still owes the second step reaches the code page, never the pages that manage codes.

Someone learnt Evie's password while she was an evaluator (her role needed no second step) and signed
in with it. Since then Evie has become a coordinator and set up her authenticator in her own browser,
recovery codes included. The other session now owes the second step: it is sent to type a code, which
it does not have. allauth lets any signed-in session read, download or regenerate the recovery codes
once the password has been typed again; those pages must wait until the step is passed, or the
password alone would read a code and type it.
"""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP

from conftest import TOTP_SECRET, make_member

from .signing_in import PASSWORD, sign_in, signed_in_as

CODE_PAGE = "/accounts/2fa/reauthenticate/"


@pytest.fixture
def intruder(cast, client):
    """The intruder's browser, signed in as Evie with her password while she needed no second step."""
    evie = make_member(cast.riverside, "evie", "evaluator", mfa=False)
    sign_in(client, "evie@riverside.test")
    assert signed_in_as(client) == evie.user
    # Later, in Evie's own browser: she becomes a coordinator and sets up her authenticator.
    evie.role = "coordinator"
    evie.save()
    TOTP.activate(evie.user, TOTP_SECRET)
    RecoveryCodes.activate(evie.user)
    # allauth asks for the password again before its code pages; the intruder has it.
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    return client


def recovery_codes(user):
    return RecoveryCodes(Authenticator.objects.get(user=user, type=Authenticator.Type.RECOVERY_CODES))


@pytest.mark.parametrize(
    "path",
    ["/accounts/2fa/", "/accounts/2fa/recovery-codes/", "/accounts/2fa/recovery-codes/download/"],
)
def test_the_recovery_codes_are_not_shown(intruder, path):
    response = intruder.get(path)
    assert response.status_code == 302 and response["Location"].startswith(CODE_PAGE)
    codes = recovery_codes(signed_in_as(intruder)).get_unused_codes()
    assert not any(code in response.content.decode() for code in codes)


def test_no_new_recovery_codes_can_be_made(intruder):
    evie = signed_in_as(intruder)
    before = recovery_codes(evie).get_unused_codes()
    response = intruder.post("/accounts/2fa/recovery-codes/generate/")
    assert response.status_code == 302 and response["Location"].startswith(CODE_PAGE)
    assert recovery_codes(evie).get_unused_codes() == before


def test_the_authenticator_cannot_be_removed(intruder):
    response = intruder.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302 and response["Location"].startswith(CODE_PAGE)
    assert Authenticator.objects.filter(user=signed_in_as(intruder), type=Authenticator.Type.TOTP).exists()


def test_so_the_peers_stay_out_of_reach(intruder, cast):
    assert intruder.get("/peers/")["Location"].startswith(CODE_PAGE)
