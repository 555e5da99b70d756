"""The path's link on a supporter's page, and "people on the way" on the coordinator's dashboard."""

from __future__ import annotations

from django import template

from access.policy import Do, can
from people.choices import SupporterStage

from ..models import ON_THE_WAY
from ..services import kept_counts_by_stage

register = template.Library()


@register.inclusion_tag("recruitment/path_link.html", takes_context=True)
def path_link(context, supporter):
    """A link to their path for whoever may see it (they already see the supporter): no query."""
    membership = getattr(context.get("request"), "membership", None)
    return {"supporter": supporter, "shown": can(membership, Do.SEE_PATHS)}


@register.inclusion_tag("recruitment/dashboard_panel.html", takes_context=True)
def recruitment_dashboard(context):
    """How many are at each stage on the way in, for those who run recruitment: kept 30 s, forgotten on any change."""
    membership = getattr(context.get("request"), "membership", None)
    if not can(membership, Do.RUN_RECRUITMENT):
        return {"shown": False}
    counts = kept_counts_by_stage(membership.organisation)
    labels = dict(SupporterStage.choices)
    return {
        "shown": True,
        "stages": [(labels[s], counts[s]) for s in ON_THE_WAY],
        "paused": counts[SupporterStage.PAUSED],
    }
