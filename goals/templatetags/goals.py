"""The plan on a peer's record (one query), and how a goal's helpers and domain read on a page."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from access.policy import Do, can
from goals.choices import GoalKind, Helper
from goals.services import open_goals_of

register = template.Library()


@register.inclusion_tag("goals/on_the_peer_record.html", takes_context=True)
def plan_on_record(context, peer):
    """Basic needs and goals being worked on, the next review and whether one is due.

    Everyone who may open the record and ``Do.SEE_GOALS`` sees the peer's plan (the record already
    checked that they see the peer), so this asks one query, and none for anyone else.
    """
    request = context["request"]
    if not can(getattr(request, "membership", None), Do.SEE_GOALS):
        return {"shown": False}
    return {"shown": True, "peer": peer, "plan": open_goals_of(peer)}


def _names(goal, *, to_the_peer: bool) -> list[str]:
    names = []
    for code in goal.helpers or ():
        if code == Helper.PEER:
            names.append(_("You") if to_the_peer else str(Helper.PEER.label))
        elif code == Helper.SUPPORTER:
            names.append(_("Your peer supporter") if to_the_peer else str(Helper.SUPPORTER.label))
        elif code == Helper.PARTNER:
            names.append(goal.partner.name if goal.partner else str(Helper.PARTNER.label))
        elif code == Helper.SOMEONE_ELSE:
            names.append(goal.someone_else or str(Helper.SOMEONE_ELSE.label))
    return names


@register.filter
def helper_names(goal) -> list[str]:
    return _names(goal, to_the_peer=False)


@register.filter
def helper_names_for_peer(goal) -> list[str]:
    return _names(goal, to_the_peer=True)


@register.filter
def plan_parts(plan) -> list[tuple[str, list]]:
    """The plan's two parts that have goals in them, basic needs first."""
    parts = [(GoalKind.BASIC_NEED, plan.basic_needs), (GoalKind.LONGER_TERM, plan.longer_term)]
    return [(str(kind), goals) for kind, goals in parts if goals]


@register.filter
def name_in(domain, language: str) -> str:
    return domain.name_in(language)


@register.filter
def latest_progress(goal):
    """The newest progress entry of a goal whose progress was fetched with it (no query)."""
    entries = list(goal.progress.all())
    return entries[-1] if entries else None
