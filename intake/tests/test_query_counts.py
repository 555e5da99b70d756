"""Each intake page asks the same number of questions for N rows as for 3N (no N+1), under a ceiling."""

from __future__ import annotations

import pytest

from access.tests.test_query_counts import _member
from alongside.tests.pages_asked import DASHBOARD_COORDINATOR
from conftest import assign, make_peer, queries_asked
from intake.models import WaitingReason
from intake.services import set_waiting_reason
from organisations.models import Partner
from organisations.tenancy import all_organisations

from .helpers import days_ago, intake

N = 5


def waiting_peers(cast, start, stop):
    """Peers waiting: each with an intake, a reason, an ended support, preferences."""
    for i in range(start, stop):
        peer = make_peer(
            cast.riverside,
            f"Waiting {i}",
            cast.user("cleo"),
            languages=["ro", "en"],
            supporter_language="ro",
            support_modes=["online"],
            support_format="one_to_one",
        )
        intake(
            peer,
            cast.cleo,
            wants_peer_support="now" if i % 2 else "later",
            had_on=days_ago(100 + i),
            ask_again_on=days_ago(i + 1),
            network_link="maybe" if i % 3 else "",
        )
        ended = assign(peer, _member(cast))
        ended.starts_on, ended.ends_on = days_ago(90), days_ago(50 - i)
        ended.save()
        set_waiting_reason(peer, list(WaitingReason)[i % len(WaitingReason)], by=cast.cleo)


def conversations_of_amara(cast, start, stop):
    for i in range(start, stop):
        intake(
            cast.amara,
            _member(cast, "coordinator"),
            wants_peer_support="now",
            wants_notes=f"Version {i}",
            places_to_avoid="The market",
            had_on=days_ago(stop - i),
        )


def partners(cast, start, stop):
    for i in range(start, stop):
        Partner.objects.create(organisation=cast.riverside, name=f"Partner {i}")
    intake(cast.amara, cast.cleo, wants_peer_support="now")


CASES = [
    pytest.param("cleo", "/waiting/", waiting_peers, 7, lambda cast, stop: "Waiting 0<", id="waiting list"),
    pytest.param(
        "cleo", lambda cast: f"/peers/{cast.amara.pk}/intake/", conversations_of_amara, 7,
        lambda cast, stop: f"Version {stop - 2}", id="intake conversation, coordinator",
    ),
    pytest.param(
        "pat", lambda cast: f"/peers/{cast.amara.pk}/intake/new/", partners, 8,
        lambda cast, stop: f"Partner {stop - 1}", id="intake form, peer supporter",
    ),
    pytest.param(
        "cleo", lambda cast: f"/peers/{cast.dee.pk}/waiting/", waiting_peers, 6, None, id="waiting reason",
    ),
    pytest.param("ada", "/organisation/waiting/", waiting_peers, 4, None, id="waiting settings"),
    pytest.param("cleo", "/", waiting_peers, DASHBOARD_COORDINATOR, None, id="dashboard, coordinator (counts kept)"),
]  # fmt: skip


@pytest.mark.parametrize(("player", "url", "grow", "ceiling", "shows"), CASES)
def test_queries_do_not_grow_with_the_rows(request, cast, client_for, player, url, grow, ceiling, shows):
    client = client_for(player)
    url = url(cast) if callable(url) else url
    with all_organisations():
        grow(cast, 0, N)
    at_n, _ = queries_asked(client, url)
    with all_organisations():
        grow(cast, N, 3 * N)
    at_3n, body = queries_asked(client, url)
    print(f"\n{request.node.callspec.id}: {url} {at_n} queries with {N} rows, {at_3n} with {3 * N}")
    if shows is not None:
        assert shows(cast, 3 * N) in body, "the page did not show the rows it was measured with"
    assert at_n == at_3n, f"{url} asks more questions as rows grow: {at_n} -> {at_3n}"
    assert at_3n <= ceiling, f"{url} now asks {at_3n} questions; it asked {ceiling}"


def test_the_waiting_list_shows_every_row_it_was_measured_with(cast, client_for):
    with all_organisations():
        waiting_peers(cast, 0, 3 * N)
    body = client_for("cleo").get("/waiting/").content.decode()
    for i in range(3 * N):  # those who said now, and those whose date to ask again has come
        assert f"Waiting {i}<" in body
