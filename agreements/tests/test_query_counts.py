"""The agreement's pages ask the same number of questions for N versions (or agreements) as for 3N."""

from __future__ import annotations

import pytest

from access.tests.test_query_counts import _member
from alongside.tests.pages_asked import PEER_RECORD
from conftest import assign, queries_asked
from organisations.tenancy import all_organisations

from .helpers import amaras_assignment, record, url

N = 5


def versions_of_amaras(cast, start, stop):
    for i in range(start, stop):
        record(cast, other_notes=f"Row {i}")


def supporters_of_amara(cast, start, stop):
    """More peer supporters working with amara, each with an agreement (the record page lists them)."""
    for i in range(start, stop):
        worker = _member(cast, name=f"Supporter {i}")
        record(cast, assignment=assign(cast.amara, worker), by=worker, other_notes=f"Row {i}")


CASES = [
    pytest.param("cleo", lambda cast: url(cast), versions_of_amaras, 7, "Version 16", id="agreement, coordinator"),
    pytest.param("sina", lambda cast: url(cast), versions_of_amaras, 7, "Version 16", id="agreement, supervisor"),
    pytest.param(
        "pat", lambda cast: url(cast, "for_the_peer"), versions_of_amaras, 6, "Row 14", id="peer's copy, supporter"
    ),
    pytest.param(
        # One query per panel of the record, whichever app it is (alongside/tests/pages_asked.py).
        "cleo", lambda cast: f"/peers/{cast.amara.pk}/", supporters_of_amara, PEER_RECORD, "Support agreement with Supporter 14",
        id="peer record with agreements, coordinator",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("player", "address", "grow", "ceiling", "shows"), CASES)
def test_queries_do_not_grow_with_the_rows(request, cast, client_for, player, address, grow, ceiling, shows):
    client = client_for(player)
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


def test_the_helper_sees_amaras_assignment(in_riverside):
    assert amaras_assignment(in_riverside).worker == in_riverside.pat
