"""Aggregate figures: what an evaluator may see. Never a person; small numbers suppressed."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from consent.models import Purpose
from consent.services import peers_who_agreed_to
from goals.choices import GoalStatus
from goals.models import Goal, LifeDomain
from people import choices
from people.models import Need

# A count below this could point at someone in a small program, so it is shown as "fewer than 5".
SMALLEST_SHOWN = 5


@dataclass(frozen=True)
class Figure:
    label: str
    count: int

    @property
    def shown(self) -> str:
        if self.count == 0:
            return "0"
        if self.count < SMALLEST_SHOWN:
            return str(_("fewer than %(n)s") % {"n": SMALLEST_SHOWN})
        return str(self.count)

    @property
    def suppressed(self) -> bool:
        return 0 < self.count < SMALLEST_SHOWN


def _breakdown(counts: dict, labels) -> list[Figure]:
    return [Figure(str(label), counts.get(value, 0)) for value, label in labels]


def peer_figures() -> dict[str, object]:
    """Counts of peers who agreed to be counted in reports, in the current organisation scope."""
    counted = peers_who_agreed_to(Purpose.REPORTS, include_erased=True)
    total = counted.count()
    by_need = dict(Need.objects.filter(peer__in=counted).values_list("domain").annotate(n=Count("pk")).order_by())
    by_primary = dict(counted.values_list("primary_need").annotate(n=Count("pk")).order_by())
    by_age = dict(counted.values_list("age_band").annotate(n=Count("pk")).order_by())
    return {
        "total": Figure(str(_("Peers counted")), total),
        "by_need": _breakdown(by_need, choices.NeedDomain.choices),
        "by_primary_need": _breakdown(by_primary, choices.PrimaryNeed.choices),
        "by_age": _breakdown(by_age, choices.AgeBand.choices),
    }


def goal_figures() -> dict[str, list[Figure]]:
    """The goals of peers who agreed to be counted, by area of life and by where they are (two queries).

    Erased peers' goals still count (erasure keeps the area, kind, status and months). A retired area
    shows only while goals are in it.
    """
    counted = peers_who_agreed_to(Purpose.REPORTS, include_erased=True)
    rows = list(Goal.objects.filter(peer__in=counted).values_list("domain_id", "status").annotate(n=Count("pk")))
    by_domain: dict[int | None, int] = {}
    by_status: dict[str, int] = {}
    for domain_id, status, n in rows:
        by_domain[domain_id] = by_domain.get(domain_id, 0) + n
        by_status[status] = by_status.get(status, 0) + n
    domains = [d for d in LifeDomain.objects.order_by("position", "pk") if d.retired_at is None or d.pk in by_domain]
    figures = [Figure(str(d), by_domain.get(d.pk, 0)) for d in domains]
    if by_domain.get(None):
        figures.append(Figure(str(_("No area of life chosen")), by_domain[None]))
    return {"by_domain": figures, "by_status": _breakdown(by_status, GoalStatus.choices)}
