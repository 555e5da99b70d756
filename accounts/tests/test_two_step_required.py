"""Two-step sign-in is required of every role that can see a person, before any page about one.

The roles are written out here, not read from the policy: dropping one from the policy's list of
roles that need a second step must turn this red.
"""

import pytest
from django.urls import reverse

from conftest import make_member
from organisations.models import Role

NEEDS_A_SECOND_STEP = [Role.ADMIN, Role.COORDINATOR, Role.SUPERVISOR, Role.PEER_SUPPORTER, Role.STAFF]


def _person_pages(cast) -> list[str]:
    return [
        reverse("home:dashboard"),
        reverse("people:peer_list"),
        reverse("people:peer_create"),
        reverse("people:peer_detail", kwargs={"peer_id": cast.amara.pk}),
        reverse("people:peer_edit", kwargs={"peer_id": cast.amara.pk}),
        reverse("datarights:export_html", kwargs={"peer_id": cast.amara.pk}),
        reverse("people:supporter_list"),
        reverse("people:supporter_detail", kwargs={"supporter_id": cast.pat_profile.pk}),
        reverse("audit:log"),
        reverse("accounts:team"),
        reverse("home:figures"),
        reverse("organisations:settings"),
    ]


def _signed_in_without_two_step(cast, client, role: str):
    member = make_member(cast.riverside, f"new{role.replace('_', '')}", role, mfa=False)
    client.force_login(member.user)
    return member


def test_every_role_that_can_see_a_person_is_listed_here():
    assert set(NEEDS_A_SECOND_STEP) | {Role.EVALUATOR} == set(Role)


@pytest.mark.parametrize("role", NEEDS_A_SECOND_STEP)
def test_a_member_without_two_step_sign_in_is_sent_to_set_it_up_before_any_person_page(cast, client, role):
    _signed_in_without_two_step(cast, client, role)
    setup = reverse("mfa_activate_totp")
    for url in _person_pages(cast):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == setup, (role, url, response.status_code)
    # The set-up page itself does not send them round in a loop.
    assert client.get(setup).get("Location") != setup


def test_an_evaluator_without_two_step_sign_in_is_not_sent_to_set_it_up(cast, client):
    _signed_in_without_two_step(cast, client, Role.EVALUATOR)
    assert client.get(reverse("home:dashboard")).status_code == 200
    assert client.get(reverse("home:figures")).status_code == 200


def test_an_evaluator_is_sent_to_set_it_up_when_the_organisation_requires_it_of_everyone(cast, client):
    cast.riverside.require_mfa_for_everyone = True
    cast.riverside.save()
    _signed_in_without_two_step(cast, client, Role.EVALUATOR)
    for url in (reverse("home:dashboard"), reverse("home:figures")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp"), url


def test_recovery_codes_alone_are_not_two_step_sign_in(cast, client):
    from allauth.mfa.models import Authenticator

    member = _signed_in_without_two_step(cast, client, Role.COORDINATOR)
    Authenticator.objects.create(user=member.user, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "x"})
    response = client.get(reverse("people:peer_list"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
