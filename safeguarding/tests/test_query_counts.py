"""The concerns list, the dashboard panel and the peer's record ask the same number of questions for
N concerns (flags, visits) as for 3N."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from alongside.tests.pages_asked import DASHBOARD_COORDINATOR, DASHBOARD_SUPERVISOR, PEER_RECORD
from conftest import queries_asked
from organisations.tenancy import organisation_scope
from safeguarding import services
from safeguarding.models import Visit

from .helpers import concern

N = 5


def concerns_about_amara(cast, start, stop):
    for i in range(start, stop):
        c = concern(cast, what=f"Worry {i}")
        if i % 2:
            services.take_concern(c, by=cast.sina)
            services.add_action(c, by=cast.sina, what="Call", due_on=timezone.localdate() - timedelta(days=1))
        if i % 3 == 0:
            services.record_outcome(c, by=cast.cleo, outcome="safe_now")


def flags_and_visits(cast, start, stop):
    for i in range(start, stop):
        services.add_flag(cast.amara, by=cast.pat, kind="other", details=f"Flag {i}")
        services.record_aggression(cast.amara, by=cast.pat, happened_on=timezone.localdate(), description="x")
        concern(cast, what=f"Worry {i}")
        visit = services.check_in(cast.amara, by=cast.pat, where="", back_by=timezone.now() + timedelta(hours=1))
        Visit.objects.filter(pk=visit.pk).update(checked_out_at=timezone.now())


CASES = [
    pytest.param("cleo", "/concerns/", concerns_about_amara, 5, "Amara", id="concerns list, coordinator"),
    pytest.param("sina", "/concerns/", concerns_about_amara, 5, "Amara", id="concerns list, supervisor"),
    pytest.param("pat", "/concerns/", concerns_about_amara, 4, "Amara", id="concerns list, peer supporter"),
    # 2 of them for overdue supervision (supervision/templatetags).
    pytest.param(
        "sina", "/", concerns_about_amara, DASHBOARD_SUPERVISOR, "concerns need you", id="dashboard, supervisor"
    ),
    pytest.param(
        "cleo", "/", concerns_about_amara, DASHBOARD_COORDINATOR, "concerns need you", id="dashboard, coordinator"
    ),
    pytest.param(
        "pat",
        lambda cast: f"/peers/{cast.amara.pk}/",
        flags_and_visits,
        PEER_RECORD,
        "Flag 14",
        id="peer record, supporter",
    ),
]


@pytest.mark.parametrize(("player", "url", "grow", "ceiling", "shows"), CASES)
def test_queries_do_not_grow_with_the_rows(request, cast, client_for, player, url, grow, ceiling, shows):
    client = client_for(player)
    url = url(cast) if callable(url) else url
    with organisation_scope(cast.riverside):
        grow(cast, 0, N)
    at_n, _ = queries_asked(client, url)
    with organisation_scope(cast.riverside):
        grow(cast, N, 3 * N)
    at_3n, body = queries_asked(client, url)
    print(f"\n{request.node.callspec.id}: {at_n} queries with {N} rows, {at_3n} with {3 * N}")
    assert shows in body
    assert at_n == at_3n, f"{url} asks more questions as rows grow: {at_n} -> {at_3n}"
    assert at_3n <= ceiling, f"{url} now asks {at_3n} questions; it asked {ceiling}"
