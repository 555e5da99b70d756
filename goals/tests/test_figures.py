"""An evaluator sees goals counted by area of life and by where they are: only of peers who agreed
to be counted, with small numbers suppressed, never a person or their words."""

from __future__ import annotations

from django.utils import timezone

from consent.models import ConsentText, Purpose
from consent.services import record_consent
from goals.models import Goal
from home.figures import goal_figures
from organisations.tenancy import organisation_scope

from .helpers import domain


def _counted_goals(cast, peer, n: int, status: str = "working_on", code: str = "housing"):
    record_consent(
        peer=peer, by=cast.cleo, text=ConsentText.objects.get(language="en"),
        agreed=[Purpose.TAKE_PART, Purpose.STORE_DATA, Purpose.REPORTS],
        limits_explained_by=cast.cleo, limits_explained_at=timezone.now(),
    )  # fmt: skip
    for i in range(n):
        Goal.objects.create(
            organisation=cast.riverside, peer=peer, words=f"secret {i}", domain=domain(cast.riverside, code),
            status=status,
        )  # fmt: skip


def test_goals_are_counted_by_domain_and_status_with_small_numbers_suppressed(in_riverside, client_for):
    cast = in_riverside
    _counted_goals(cast, cast.amara, 6)
    _counted_goals(cast, cast.bea, 2, status="achieved", code="money")
    Goal.objects.create(organisation=cast.riverside, peer=cast.cat, words="not counted", domain=domain(cast.riverside))
    figures = goal_figures()
    by_domain = {f.label: f for f in figures["by_domain"]}
    by_status = {f.label: f for f in figures["by_status"]}
    assert by_domain["Housing"].shown == "6" and by_domain["Money"].shown == "fewer than 5"
    assert by_status["Working on it"].count == 6 and by_status["Achieved"].suppressed
    with organisation_scope(cast.harbour):
        assert sum(f.count for f in goal_figures()["by_domain"]) == 0

    body = client_for("eve").get("/figures/").content.decode()
    assert "Goals by area of life" in body and "secret" not in body and "fewer than 5" in body
