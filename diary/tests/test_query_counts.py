"""The diary's lists ask the same number of questions for N meetings as for 3N (no N+1): the diary,
a supervisor's and a coordinator's read of it, the calendar feed, and the next meetings on a record."""

from __future__ import annotations

from datetime import timedelta

import pytest

from access.tests.test_query_counts import _member
from alongside.tests.pages_asked import PEER_RECORD
from conftest import assign, make_peer, queries_asked
from diary import services
from diary.models import Meeting
from organisations.tenancy import all_organisations

from .helpers import at

N = 5


def _meeting(assignment, i: int, **fields) -> Meeting:
    return Meeting.objects.create(
        organisation_id=assignment.organisation_id,
        peer_id=assignment.peer_id,
        assignment=assignment,
        starts_at=at(days=1) + timedelta(minutes=i),
        place=f"Place {i}",
        kind="doctor" if i % 2 else "meeting",
        **fields,
    )


def peers_of_pat(cast, start, stop):
    """More peers working with pat, each with a meeting tomorrow (the diary lists them and whom to plan with)."""
    for i in range(start, stop):
        peer = make_peer(cast.riverside, f"Peer {i}", cast.user("cleo"))
        _meeting(assign(peer, cast.pat), i)


def supporters_of_amara(cast, start, stop):
    """More peer supporters working with amara, each with a meeting planned (the record shows the next)."""
    for i in range(start, stop):
        _meeting(assign(cast.amara, _member(cast, name=f"Supporter {i}")), i)


def pats_feed(cast):
    with all_organisations():
        return f"/diary/feed/{services.renew_feed(membership=cast.pat)}.ics"


CASES = [
    pytest.param("pat", lambda cast: "/diary/", peers_of_pat, 4, "Peer 14", id="own diary"),
    pytest.param(
        "sina", lambda cast: f"/supporters/{cast.pat_profile.pk}/diary/", peers_of_pat, 5, "Peer 14",
        id="supervisor's read",
    ),
    pytest.param(
        "cleo", lambda cast: f"/supporters/{cast.pat_profile.pk}/diary/", peers_of_pat, 5, "Peer 14",
        id="coordinator's read",
    ),
    pytest.param(None, pats_feed, peers_of_pat, 2, "BEGIN:VEVENT", id="calendar feed"),
    pytest.param(
        "cleo", lambda cast: f"/peers/{cast.amara.pk}/", supporters_of_amara, PEER_RECORD, "Next meetings",
        id="peer record with meetings",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("player", "address", "grow", "ceiling", "shows"), CASES)
def test_queries_do_not_grow_with_the_rows(request, cast, client, client_for, player, address, grow, ceiling, shows):
    client = client_for(player) if player else client
    address = address(cast)
    with all_organisations():
        grow(cast, 0, N)
    at_n, _ = queries_asked(client, address)
    with all_organisations():
        grow(cast, N, 3 * N)
    at_3n, body = queries_asked(client, address)
    print(f"\n{request.node.callspec.id}: {at_n} queries with {N} rows, {at_3n} with {3 * N}")
    assert shows in body, "the page did not show the rows it was measured with"
    assert at_n == at_3n, f"{address} asks more questions as rows grow: {at_n} -> {at_3n}"
    assert at_3n <= ceiling, f"{address} now asks {at_3n} questions; it asked {ceiling}"
