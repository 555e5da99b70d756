"""Each request reads the signed-in user and the memberships they work in together (accounts/backends.py):
only active memberships count, and an account that was switched off is signed out at its next request."""

from __future__ import annotations

from organisations.models import Membership, Role


def test_a_switched_off_membership_is_not_an_organisation_they_work_in(cast, client_for):
    client = client_for("cleo")
    Membership.objects.create(user=cast.user("cleo"), organisation=cast.harbour, role=Role.EVALUATOR, is_active=False)
    page = client.get("/").content.decode()
    assert "Work in another organisation" not in page and "Harbour" not in page

    Membership.objects.filter(user=cast.user("cleo")).update(is_active=False)
    page = client.get("/").content.decode()
    assert "You are not part of an organisation yet" in page and "Riverside" not in page
    assert client.get("/peers/").status_code == 404


def test_a_switched_off_account_is_signed_out_at_its_next_request(cast, client_for):
    client = client_for("cleo")
    assert client.get("/").status_code == 200
    user = cast.user("cleo")
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
