"""An admin invites an address that already has an account (here Hugo, a coordinator at Harbour).

Holding the link is not enough: Hugo signs in as usual (password, then code) and then accepts.
Anyone else holding the link, signed in or not, gets nothing.
"""

import re

import pytest
from django.core import mail

from accounts.models import Invitation
from accounts.services import invite_member
from audit.models import Action, AuditEvent
from organisations.models import Membership

from .signing_in import sign_in, signed_in_as


def invite(cast, email="hugo@harbour.test", role="evaluator"):
    _invitation, link = invite_member(
        organisation=cast.riverside,
        invited_by=cast.user("ada"),
        email=email,
        display_name="Hugo",
        role=role,
        base_url="http://testserver/",
    )
    return link.split("testserver", 1)[1]


def test_holding_the_link_signs_nobody_in_and_the_page_asks_no_password(cast, client):
    path = invite(cast)
    page = client.get(path)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'type="password"' not in body
    assert "/accounts/login/?next=" in body  # they are asked to sign in as they usually do

    # Posting a password (the old join form) does nothing at all.
    response = client.post(path, {"password": "quiet river morning", "password_again": "quiet river morning"})
    assert signed_in_as(client) is None
    assert client.get("/peers/").status_code == 302
    assert not Membership.objects.filter(user=cast.user("hugo"), organisation=cast.riverside).exists()
    assert response.status_code in (200, 302)
    # Hugo's password is the one he had.
    assert cast.user("hugo").check_password("a long test password")


def test_he_signs_in_with_password_and_code_then_accepts(cast, client):
    path = invite(cast)
    response = sign_in(client, "hugo@harbour.test", next=path)
    assert response.status_code == 302 and response["Location"] == path
    assert signed_in_as(client) == cast.user("hugo")

    page = client.get(path)
    assert page.status_code == 200 and "Accept the invitation" in page.content.decode()
    assert not Membership.objects.filter(user=cast.user("hugo"), organisation=cast.riverside).exists()

    response = client.post(path)
    assert response.status_code == 302
    membership = Membership.objects.get(user=cast.user("hugo"), organisation=cast.riverside)
    assert membership.role == "evaluator"
    assert AuditEvent.objects.filter(
        action=Action.CREATE, record_type="membership", record_id=str(membership.pk), organisation=cast.riverside
    ).exists()
    # Used once: the link is closed now.
    assert client.get(path).status_code == 404


def test_a_password_alone_does_not_reach_the_accept_step(cast, client):
    path = invite(cast)
    client.post(f"/accounts/login/?next={path}", {"login": "hugo@harbour.test", "password": "a long test password"})
    assert signed_in_as(client) is None  # still waiting for the code
    assert client.post(path).status_code == 200  # the page asking to sign in, nothing accepted
    assert not Membership.objects.filter(user=cast.user("hugo"), organisation=cast.riverside).exists()


def test_someone_else_signed_in_with_the_link_is_told_kindly_and_nothing_happens(cast, client_for):
    path = invite(cast)
    cleo = client_for("cleo")
    page = cleo.get(path)
    assert page.status_code == 403
    assert "different email address" in page.content.decode()
    assert "hugo@harbour.test" not in page.content.decode()
    assert cleo.post(path).status_code == 403
    assert not Membership.objects.filter(organisation=cast.riverside, user=cast.user("hugo")).exists()
    assert Membership.objects.filter(user=cast.user("cleo")).count() == 1
    assert Invitation.objects.get().accepted_at is None  # Hugo can still accept it


def test_a_coordinator_elsewhere_invited_by_another_organisation_keeps_their_records_closed(cast, client):
    """The attack: Riverside's admin invites Harbour's coordinator; the link must not open Harbour."""
    path = invite(cast, role="admin")
    client.post(path, {"password": "quiet river morning", "password_again": "quiet river morning"})
    client.post("/organisation/switch/", {"organisation": cast.harbour.pk})
    response = client.get(f"/peers/{cast.zed.pk}/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_email_tells_an_existing_account_to_sign_in(cast, client_for, django_capture_on_commit_callbacks):
    admin = client_for("ada")
    with django_capture_on_commit_callbacks(execute=True):
        admin.post("/team/", {"display_name": "Hugo", "email": "hugo@harbour.test", "role": "evaluator"})
    body = mail.outbox[0].body
    assert re.search(r"https?://\S+/accounts/join/\S+/", body)
    assert "If you already have an account, you will sign in as usual" in body


def test_a_session_that_never_passed_the_code_is_asked_for_it_before_accepting(cast, client):
    """A session signed in to Hugo's account some other way than the sign-in pages (no code)."""
    path = invite(cast)
    client.force_login(cast.user("hugo"))
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 302 and response["Location"].startswith("/accounts/2fa/reauthenticate/")
    assert not Membership.objects.filter(user=cast.user("hugo"), organisation=cast.riverside).exists()


def test_the_service_itself_refuses_an_account_the_address_is_not_theirs(cast):
    from accounts import services

    invite(cast)
    invitation = Invitation.objects.get()
    with pytest.raises(services.InvitationError):
        services.accept_invitation_as(invitation, cast.user("hana"))  # Harbour's peer supporter, not Hugo
    assert not Membership.objects.filter(user=cast.user("hana"), organisation=cast.riverside).exists()
    assert Invitation.objects.get().accepted_at is None
