"""The training panel on the dashboard: a supporter's documents to agree; an evaluator's counts."""

from __future__ import annotations

from django import template

from access.policy import Do, can
from home.figures import Figure
from people.models import PeerSupporter

from .. import services

register = template.Library()


@register.inclusion_tag("training/on_the_dashboard.html", takes_context=True)
def training_dashboard(context):
    membership = getattr(context.get("request"), "membership", None)
    if membership is None:
        return {}
    if can(membership, Do.AGREE_DOCUMENTS):
        try:  # already read for the navigation ("My profile")
            supporter = membership.supporter_profile
        except PeerSupporter.DoesNotExist:
            return {}
        return {"supporter": supporter, "to_agree": services.how_many_to_agree(supporter)}
    if can(membership, Do.SEE_AGGREGATES) and not can(membership, Do.RUN_TRAINING):
        counts = services.counts(membership.organisation_id)
        return {"figures": [Figure(label, counts[key]) for key, label in services.COUNT_LABELS]}
    return {}
