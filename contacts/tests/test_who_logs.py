"""Only the assignment's own worker logs on it, and only for a peer they see (visible_peers)."""

import pytest

from access.policy import visible_peers
from conftest import assign, make_peer
from contacts.access import loggable_assignments
from datarights.services import erase_peer
from organisations.tenancy import organisation_scope


@pytest.mark.parametrize("name", ["ada", "cleo", "sina", "pat", "quinn", "stef", "eve", "sol", "rio"])
def test_where_a_member_logs_stays_inside_the_peers_they_see(cast, name):
    member = cast.members[name]
    with organisation_scope(cast.riverside):
        gone = make_peer(cast.riverside, "Gone", cast.user("cleo"))
        assign(gone, member)
        erase_peer(gone, by=cast.cleo)
        assign(make_peer(cast.riverside, "Here", cast.user("cleo")), member)
        loggable = set(loggable_assignments(member).values_list("peer_id", flat=True))
        assert loggable <= set(visible_peers(member).values_list("pk", flat=True))
        assert gone.pk not in loggable
        if name not in ("ada", "eve"):
            assert loggable, "a member who logs contacts logs on their own current supports"
        else:
            assert not loggable
