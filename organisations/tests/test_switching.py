"""Someone who works in two organisations sees one at a time and switches on purpose."""

from accounts.middleware import mark_signed_in_with_second_step
from conftest import make_member
from organisations.models import Membership


def test_a_member_of_two_organisations_sees_only_the_one_they_chose(cast, client):
    member = make_member(cast.riverside, "rob", "coordinator")
    Membership.objects.create(user=member.user, organisation=cast.harbour, role="coordinator")
    client.force_login(member.user)
    session = client.session
    mark_signed_in_with_second_step(session, member.user)
    session.save()

    first = client.get("/peers/").content.decode()
    assert "Zed" not in first or "Amara" not in first  # never both at once

    client.post("/organisation/switch/", {"organisation": cast.harbour.pk})
    body = client.get("/peers/").content.decode()
    assert "Zed" in body and "Amara" not in body
    assert client.get(f"/peers/{cast.amara.pk}/").status_code == 404

    client.post("/organisation/switch/", {"organisation": cast.riverside.pk})
    body = client.get("/peers/").content.decode()
    assert "Amara" in body and "Zed" not in body


def test_nobody_can_switch_into_an_organisation_they_do_not_belong_to(cast, client_for):
    client = client_for("cleo")
    client.post("/organisation/switch/", {"organisation": cast.harbour.pk})
    body = client.get("/peers/").content.decode()
    assert "Amara" in body and "Zed" not in body
