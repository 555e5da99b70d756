"""``{% wellbeing_dashboard %}`` (on the home dashboard: a supervisor's supervisees with their early
warning and its reasons; a peer supporter's "Check in" and "This was hard") and
``{% wellbeing_link supporter %}`` (on a supporter's page: their supervisor's way to the warning,
the supporter's own way to their wellbeing). Never a check-in's answers."""

from __future__ import annotations

from django import template

from access.policy import Do, can

from .. import access, explain, gather
from ..warning import CLEAR, TALK

register = template.Library()


@register.inclusion_tag("wellbeing/dashboard_panel.html", takes_context=True)
def wellbeing_dashboard(context):
    membership = getattr(context.get("request"), "membership", None)
    if membership is None:
        return {}
    rows = []
    if can(membership, Do.SEE_WELLBEING_WARNINGS):
        supervisees = list(access.supervisees(membership))
        warnings = gather.warnings_for(supervisees, last_supervised=gather.last_supervised_for(supervisees))
        for supporter in supervisees:
            found = warnings[supporter.membership_id]
            rows.append(
                {
                    "supporter": supporter,
                    "level": found.level,
                    "level_words": explain.level_words(found.level),
                    "reasons": [explain.factor_words(f) for f in found.raised],
                }
            )
        order = {TALK: 0, CLEAR: 2}
        rows.sort(key=lambda r: (order.get(r["level"], 1), r["supporter"].membership.user.display_name))
    return {
        "supervising": can(membership, Do.SEE_WELLBEING_WARNINGS),
        "rows": rows,
        "own": can(membership, Do.KEEP_OWN_WELLBEING),
    }


@register.inclusion_tag("wellbeing/supporter_link.html", takes_context=True)
def wellbeing_link(context, supporter):
    membership = getattr(context.get("request"), "membership", None)
    return {
        "supporter": supporter,
        "as_supervisor": can(membership, Do.SEE_WELLBEING_WARNINGS) and supporter.supervisor_id == membership.pk,
        "as_self": can(membership, Do.KEEP_OWN_WELLBEING) and supporter.membership_id == membership.pk,
    }
