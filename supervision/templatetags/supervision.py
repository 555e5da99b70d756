"""``{% supervision_dashboard %}`` (overdue supervision: a supervisor's own supervisees, everyone's for
coordinators and admins, a supporter's own next session) and ``{% supervision_for_supporter supporter %}``
(on the supporter's page: next due or overdue, and the way to their supervision)."""

from __future__ import annotations

from django import template

from access.policy import ORGANISATION_WIDE, Do, can
from organisations.models import Role

from .. import services
from ..choices import Every, Topic

register = template.Library()

LISTED = 10  # overdue supervisees named on the dashboard (the count says how many in all)


@register.inclusion_tag("supervision/dashboard_panel.html", takes_context=True)
def supervision_dashboard(context):
    membership = getattr(context.get("request"), "membership", None)
    if not can(membership, Do.SEE_SUPERVISION):
        return {}
    assert membership is not None
    if membership.role in ORGANISATION_WIDE:
        lines = services.organisation_overdue(membership.organisation)
        return {"overdue": lines[:LISTED], "overdue_count": len(lines), "shown": True}
    if membership.role == Role.SUPERVISOR:
        overdue = services.overdue_supervisees(membership.organisation_id, supervisor=membership)
        lines = [services.OverdueLine(d.supporter.pk, d.supporter.membership.user.display_name, d.due_on,
                                      d.days_overdue) for d in overdue]  # fmt: skip
        return {"overdue": lines[:LISTED], "overdue_count": len(lines), "shown": True}
    own = list(services.supervised_supporters(membership.organisation_id).filter(membership=membership))
    return {"own": services.due_for(own)[0] if own else None, "shown": True}


@register.inclusion_tag("supervision/on_the_supporter.html", takes_context=True)
def supervision_for_supporter(context, supporter):
    membership = getattr(context.get("request"), "membership", None)
    if not can(membership, Do.SEE_SUPERVISION):
        return {}
    return {"supporter": supporter, "due": services.due_for([supporter])[0]}


@register.filter
def every_name(code) -> str:
    return str(dict(Every.choices).get(code, code))


@register.filter
def topic_names(codes) -> list[str]:
    labels = dict(Topic.choices)
    return [str(labels[code]) for code in codes or () if code in labels]
