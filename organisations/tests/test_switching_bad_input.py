"""Switching organisations with a value that is not one of yours changes nothing and never fails."""

import pytest

from accounts.middleware import mark_signed_in_with_second_step
from conftest import make_member
from organisations.models import Membership


@pytest.mark.parametrize("value", ["abc", "", "1.5", "99999999999999999999999999999999999999999", "\x00", " "])
def test_a_switch_to_something_that_is_not_an_organisation_leaves_you_where_you_were(cast, client, value):
    member = make_member(cast.riverside, "rob", "coordinator")
    Membership.objects.create(user=member.user, organisation=cast.harbour, role="coordinator")
    client.force_login(member.user)
    session = client.session
    mark_signed_in_with_second_step(session, member.user)
    session.save()
    client.post("/organisation/switch/", {"organisation": cast.riverside.pk})

    response = client.post("/organisation/switch/", {"organisation": value})

    assert response.status_code == 302
    body = client.get("/peers/").content.decode()
    assert "Amara" in body and "Zed" not in body


def test_a_switch_with_no_organisation_at_all_changes_nothing(cast, client_for):
    client = client_for("cleo")
    assert client.post("/organisation/switch/").status_code == 302
    assert "Amara" in client.get("/peers/").content.decode()
