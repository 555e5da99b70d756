"""Whether a page needs the second step is decided on every request, from the memberships held now.

Eve is an evaluator at Riverside and has no authenticator (her role sees nobody). She signs in with
her password alone. The moment she holds a role that sees people, or her organisation starts to
require two-step sign-in for everyone, the next page sends her to set it up.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.services import invite_member
from conftest import make_member
from organisations.models import Membership

from .signing_in import sign_in, signed_in_as

SET_UP = "/accounts/2fa/totp/activate/"


def eve_signed_in(cast, client):
    eve = make_member(cast.riverside, "evie", "evaluator", mfa=False)
    sign_in(client, "evie@riverside.test")
    assert signed_in_as(client) == eve.user
    assert client.get("/").status_code == 200
    return eve


def test_accepting_a_coordinator_invitation_in_the_same_browser_asks_for_the_second_step(cast, client):
    eve = eve_signed_in(cast, client)
    hal = make_member(cast.harbour, "hal", "admin")
    _invitation, link = invite_member(
        organisation=cast.harbour,
        invited_by=hal.user,
        email=eve.user.email,
        display_name="Evie",
        role="coordinator",
        base_url="http://testserver/",
    )
    assert client.post(link.split("testserver", 1)[1]).status_code == 302
    assert Membership.objects.get(user=eve.user, organisation=cast.harbour).role == "coordinator"

    for path in ["/", "/peers/", f"/peers/{cast.zed.pk}/"]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == SET_UP, path


def test_a_role_change_takes_effect_on_the_next_page(cast, client):
    eve = eve_signed_in(cast, client)
    eve.role = "coordinator"
    eve.save()
    response = client.get("/peers/")
    assert response.status_code == 302 and response["Location"] == SET_UP


def test_an_organisation_requiring_it_for_everyone_takes_effect_on_the_next_page(cast, client):
    eve_signed_in(cast, client)
    cast.riverside.require_mfa_for_everyone = True
    cast.riverside.save()
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == SET_UP


def test_while_the_step_is_owed_the_account_pages_stay_closed_too(cast, client):
    eve = eve_signed_in(cast, client)
    eve.role = "coordinator"
    eve.save()
    for path in ["/accounts/email/", "/accounts/password/change/", "/team/"]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"] == SET_UP, path
    # What is needed to take the step stays open.
    assert client.get("/accounts/logout/").status_code == 200


def test_a_session_that_skipped_the_code_is_asked_for_it(cast, client):
    """Pat has an authenticator; a session holding only a password (never the code) opens nothing."""
    client.force_login(cast.user("pat"))
    response = client.get("/peers/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/reauthenticate/")
    from .signing_in import totp_code

    client.post(response["Location"], {"code": totp_code()})
    assert client.get("/peers/").status_code == 200


def test_the_check_costs_no_query(cast, client_for, settings):
    """It reads the memberships the tenancy middleware loaded and the session: a page makes the same
    queries with the check as without it."""
    client = client_for("cleo")

    def queries_for(path):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        # The statements, without their values (times, session data) and the test's savepoints.
        return [
            q["sql"].split(" WHERE ")[0].split(" SET ")[0]
            for q in queries.captured_queries
            if "SAVEPOINT" not in q["sql"]
        ]

    client.get("/peers/")  # the first page starts the idle clock (a session write); measure the next ones
    with_check = queries_for("/peers/")
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "accounts.middleware.RequireMFAMiddleware"]
    assert queries_for("/peers/") == with_check


def test_removing_the_authenticator_takes_the_step_back_for_this_session(cast, client):
    """An evaluator may remove her authenticator (her role does not need it); if she then becomes a
    coordinator, the code she typed at sign-in no longer counts: she has nothing to type it from."""
    from allauth.mfa.models import Authenticator

    evie = make_member(cast.riverside, "evie", "evaluator")  # with an authenticator
    sign_in(client, "evie@riverside.test")
    client.post("/accounts/reauthenticate/", {"password": "a long test password"})
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=evie.user, type=Authenticator.Type.TOTP).exists()
    evie.role = "coordinator"
    evie.save()
    assert client.get("/peers/")["Location"] == SET_UP
