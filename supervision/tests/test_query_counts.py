"""Supervision's lists ask the same number of questions for N rows as for 3N: a supervisee's sessions,
a session's caseload lines, the walk-through form, and overdue supervision on the dashboard."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.tests.pages_asked import DASHBOARD_COORDINATOR, DASHBOARD_SUPERVISOR
from conftest import assign, make_member, make_peer, make_supporter, queries_asked
from organisations.models import Role
from organisations.tenancy import organisation_scope
from supervision.models import Session, Supervisee

from .helpers import held

N = 5


def sessions_of_pat(cast, start, stop):
    for i in range(start, stop):
        held(cast.sina, cast.pat_profile, days_ago=i + 1, notes=f"Session {i}", topics=["boundaries", "ethics"])


def peers_of_pat(cast, start, stop):
    """More peers on pat's caseload, each with a line in pat's first session."""
    session = Session.objects.order_by("pk").first()
    row = Supervisee.objects.get(session=session)
    for i in range(start, stop):
        peer = make_peer(cast.riverside, f"Peer {i}", cast.user("cleo"))
        assign(peer, cast.pat)
        row.caseload_notes.create(organisation=cast.riverside, peer=peer, note=f"Line {i}")


def overdue_supporters(cast, start, stop):
    for i in range(start, stop):
        member = make_member(cast.riverside, f"late{i}", Role.PEER_SUPPORTER, mfa=False)
        profile = make_supporter(member, supervisor=cast.sina)
        profile.started_on = timezone.localdate() - timedelta(weeks=30)
        profile.save()
        if i % 2:
            held(cast.sina, profile, days_ago=45)


def _pats_page(cast):
    return f"/supporters/{cast.pat_profile.pk}/supervision/"


def _pats_first_session(cast):
    with organisation_scope(cast.riverside):
        return f"{_pats_page(cast)}{Session.objects.order_by('pk').first().pk}/"


CASES = [
    pytest.param("sina", _pats_page, sessions_of_pat, 9, "Boundaries: 15", id="sessions, supervisor"),
    pytest.param("cleo", _pats_page, sessions_of_pat, 9, None, id="sessions, coordinator"),
    pytest.param("pat", _pats_page, sessions_of_pat, 9, None, id="sessions, supervisee"),
    pytest.param("sina", _pats_first_session, peers_of_pat, 7, "Line 14", id="caseload lines, supervisor"),
    pytest.param("sina", lambda c: _pats_page(c) + "new/", peers_of_pat, 7, "Peer 14", id="walk-through form"),
    pytest.param("sina", lambda c: "/", overdue_supporters, DASHBOARD_SUPERVISOR, "Late14", id="dashboard, supervisor"),
    pytest.param(
        "cleo", lambda c: "/", overdue_supporters, DASHBOARD_COORDINATOR, "Late14", id="dashboard, coordinator (kept)"
    ),
]


@pytest.mark.parametrize(("player", "url", "grow", "ceiling", "shows"), CASES)
def test_queries_do_not_grow_with_the_rows(request, cast, client_for, player, url, grow, ceiling, shows):
    with organisation_scope(cast.riverside):
        held(cast.sina, cast.pat_profile, days_ago=60, notes="First.")
    client = client_for(player)
    url = url(cast)
    with organisation_scope(cast.riverside):
        grow(cast, 0, N)
    at_n, _ = queries_asked(client, url)
    with organisation_scope(cast.riverside):
        grow(cast, N, 3 * N)
    at_3n, body = queries_asked(client, url)
    print(f"\n{request.node.callspec.id}: {url} {at_n} queries with {N} rows, {at_3n} with {3 * N}")
    if shows is not None:
        assert shows in body, "the page did not show the rows it was measured with"
    assert at_n == at_3n, f"{url} asks more questions as rows grow: {at_n} -> {at_3n}"
    assert at_3n <= ceiling, f"{url} now asks {at_3n} questions; it asked {ceiling}"
