"""The plan's pages ask the same number of questions for N goals (or steps, entries, domains) as for 3N."""

from __future__ import annotations

import pytest

from alongside.tests.pages_asked import FIGURES
from conftest import queries_asked
from goals.models import Goal, LifeDomain, ProgressEntry, Step
from organisations.models import Partner
from organisations.tenancy import all_organisations, organisation_scope

from .helpers import domain, goal_of, url

N = 5


def goals_of_amara(cast, start, stop):
    housing = domain(cast.riverside)
    partner = Partner.objects.get(organisation=cast.riverside)
    for i in range(start, stop):
        goal = Goal.objects.create(
            organisation=cast.riverside, peer=cast.amara, words=f"Goal {i}", domain=housing,
            kind="basic_need" if i % 2 else "longer_term", helpers=["partner"], partner=partner,
        )  # fmt: skip
        Step.objects.create(organisation=cast.riverside, goal=goal, words=f"Step {i}")
        ProgressEntry.objects.create(organisation=cast.riverside, goal=goal, words=f"Progress {i}")


def _first_goal(cast) -> Goal:
    with organisation_scope(cast.riverside):
        first = Goal.objects.filter(peer=cast.amara).order_by("pk").first()
        return first or goal_of(cast)


def steps_and_progress_of_one_goal(cast, start, stop):
    goal = _first_goal(cast)
    for i in range(start, stop):
        Step.objects.create(organisation=cast.riverside, goal=goal, words=f"Step {i}")
        ProgressEntry.objects.create(organisation=cast.riverside, goal=goal, words=f"Progress {i}")


def domains(cast, start, stop):
    for i in range(start, stop):
        LifeDomain.objects.create(organisation=cast.riverside, name=f"Domain {i}", position=100 + i)


CASES = [
    pytest.param("cleo", lambda cast: url(cast.amara), goals_of_amara, 7, "Progress 14", id="plan, coordinator"),
    pytest.param("pat", lambda cast: url(cast.amara), goals_of_amara, 8, "Progress 14", id="plan, supporter"),
    pytest.param(
        "pat", lambda cast: url(cast.amara, "for-the-peer/"), goals_of_amara, 7, "Progress 14", id="peer's copy"
    ),
    pytest.param(
        "pat", lambda cast: url(_first_goal(cast)), steps_and_progress_of_one_goal, 7, "Progress 14", id="goal"
    ),
    pytest.param("cleo", lambda cast: "/organisation/life-domains/", domains, 4, "Domain 14", id="life domains"),
    pytest.param("eve", lambda cast: "/figures/", goals_of_amara, FIGURES, "Goals by area of life", id="figures"),
]


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


def test_the_peer_record_asks_one_question_for_the_plan_however_many_goals(cast, client_for):
    client = client_for("cleo")
    address = f"/peers/{cast.amara.pk}/"
    with all_organisations():
        goals_of_amara(cast, 0, N)
    at_n, _ = queries_asked(client, address)
    with all_organisations():
        goals_of_amara(cast, N, 3 * N)
    at_3n, body = queries_asked(client, address)
    assert "Goal 14" in body and at_n == at_3n
