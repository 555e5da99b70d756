"""The service rules the pages lean on, one by one: which address may become an account's sign-in
address, and what joining writes to the audit log. (allauth refuses some of the same things on its
own pages; these rules must hold without it.)"""

import pytest
from allauth.account.models import EmailAddress

from accounts import services
from accounts.models import Invitation
from audit.models import Action, AuditEvent
from organisations.models import Membership, Role


@pytest.fixture
def eve(cast):
    return cast.user("eve")


def test_an_address_the_account_proved_and_nobody_else_holds_may_become_its_sign_in_address(eve):
    EmailAddress.objects.create(user=eve, email="eve.new@home.test", verified=True)
    assert services.may_become_sign_in_address(eve, "eve.new@home.test")
    assert services.may_become_sign_in_address(eve, "  Eve.New@Home.TEST ")  # as typed, any case


def test_an_address_the_account_has_not_proved_may_not(eve):
    EmailAddress.objects.create(user=eve, email="eve.new@home.test", verified=False)
    assert not services.may_become_sign_in_address(eve, "eve.new@home.test")


def test_an_address_proved_by_someone_else_may_not(cast, eve):
    EmailAddress.objects.create(user=cast.user("cleo"), email="shared@home.test", verified=True)
    assert not services.may_become_sign_in_address(eve, "shared@home.test")


def test_an_address_another_account_signs_in_with_may_not_even_if_this_account_proved_it(cast, eve):
    cleo = cast.user("cleo")
    EmailAddress.objects.filter(user=cleo).delete()  # as seed_demo's accounts are: a sign-in address, no row
    EmailAddress.objects.create(user=eve, email=cleo.email, verified=True)
    assert not services.may_become_sign_in_address(eve, cleo.email)


@pytest.mark.parametrize("value", ["", "not an address", "a\x00@home.test", "x" * 100_000 + "@home.test"])
def test_something_that_is_not_an_address_may_not(eve, value):
    EmailAddress.objects.create(user=eve, email="eve.new@home.test", verified=True)
    assert not services.may_become_sign_in_address(eve, value)


def _invitation(cast, email: str) -> Invitation:
    invitation, _link = services.invite_member(
        organisation=cast.harbour,
        invited_by=cast.user("hugo"),
        email=email,
        display_name="Eve",
        role=Role.STAFF,
        base_url="http://testserver/",
    )
    return invitation


def test_joining_writes_who_joined_with_which_membership(cast, eve):
    membership = services.accept_invitation_as(_invitation(cast, eve.email), eve)
    assert (membership.organisation, membership.role) == (cast.harbour, Role.STAFF)
    entry = AuditEvent.objects.get(record_type="membership", record_id=str(membership.pk))
    assert (entry.actor, entry.action, entry.organisation_id, entry.reason) == (
        eve,
        Action.CREATE,
        cast.harbour.pk,
        "joined by invitation",
    )


def test_rejoining_brings_the_membership_back_with_the_offered_role_and_says_so(cast, eve):
    old = Membership.objects.create(user=eve, organisation=cast.harbour, role=Role.EVALUATOR, is_active=False)
    membership = services.accept_invitation_as(_invitation(cast, eve.email), eve)
    old.refresh_from_db()
    assert membership.pk == old.pk and (old.role, old.is_active) == (Role.STAFF, True)
    entry = AuditEvent.objects.get(record_type="membership", record_id=str(old.pk))
    assert (entry.actor, entry.action, entry.reason) == (eve, Action.UPDATE, "rejoined by invitation")


def test_an_invitation_used_once_is_refused_with_a_clear_reason(cast, eve):
    invitation = _invitation(cast, eve.email)
    services.accept_invitation_as(invitation, eve)
    with pytest.raises(services.InvitationError, match="expired or was already used"):
        services.accept_invitation_as(invitation, eve)


def test_an_account_is_found_by_an_address_it_proved_but_not_by_one_it_only_added(eve):
    EmailAddress.objects.create(user=eve, email="eve.other@home.test", verified=True)
    EmailAddress.objects.create(user=eve, email="eve.typo@home.test", verified=False)
    assert services.account_for_address("Eve.Other@home.test") == eve
    assert services.account_for_address("eve.typo@home.test") is None


def test_a_new_invitation_replaces_the_open_one_to_the_same_address_only(cast):
    first = _invitation(cast, "someone@home.test")
    other = _invitation(cast, "someone.else@home.test")
    again = _invitation(cast, "someone@home.test")
    for invitation in (first, other, again):
        invitation.refresh_from_db()
    assert (first.is_open, other.is_open, again.is_open) == (False, True, True)
