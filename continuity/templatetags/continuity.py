"""Endings and cover on a peer's record, from the record's one read of who works with them
(``people.record``): their peer supports and covers, with the closing conversations and whom each
cover stands in for."""

from __future__ import annotations

from django import template
from django.utils import timezone

from access.policy import Do, can
from continuity.access import may_plan
from people.models import AssignmentKind
from people.record import assignments_on_record

register = template.Library()


@register.inclusion_tag("continuity/on_the_peer_record.html", takes_context=True)
def endings_and_cover(context, peer):
    membership = getattr(context["request"], "membership", None)
    today = timezone.localdate()
    rows = sorted(
        (
            a
            for a in assignments_on_record(context, peer)
            if a.kind in (AssignmentKind.PEER_SUPPORT, AssignmentKind.COVER) and a.worker_id is not None
        ),
        key=lambda a: (a.starts_on, a.pk),
    )
    supports = [a for a in rows if a.kind == AssignmentKind.PEER_SUPPORT]
    for a in supports:
        a.may_plan = may_plan(membership, a)
        a.conversation = getattr(a, "closing_conversation", None)
    going_on = [a for a in supports if a.ends_on is None or a.ends_on >= today]
    ended = [a for a in supports if a.ends_on is not None and a.ends_on < today]
    covers = [a for a in rows if a.kind == AssignmentKind.COVER and a.ends_on is not None and a.ends_on >= today]
    return {
        "peer": peer,
        "today": today,
        "going_on": going_on,
        "ended": ended[::-1],
        "covers": covers,
        "door_open": bool(ended) and not going_on,
        "can_welcome_back": can(membership, Do.ASSIGN_WORKERS),
    }


@register.inclusion_tag("continuity/cover_link.html", takes_context=True)
def cover_link(context, supporter):
    """On a peer supporter's page, for those who arrange cover: their next time away, and the link."""
    membership = getattr(context["request"], "membership", None)
    if not can(membership, Do.ARRANGE_COVER):
        return {"absence": None}
    from absences.services import upcoming

    absence = upcoming(supporter.organisation_id).filter(member=supporter.membership_id).first()
    return {"absence": absence, "supporter": supporter}
