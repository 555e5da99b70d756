"""The next meetings on a peer's record, for those who may read them (two queries)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from diary.access import diary_assignments
from diary.choices import Status
from diary.models import Meeting

register = template.Library()

SHOWN = 5


@register.inclusion_tag("diary/on_the_peer_record.html", takes_context=True)
def next_meetings(context, peer):
    membership = getattr(context["request"], "membership", None)
    readable = diary_assignments(membership).filter(peer=peer).current()
    meetings = list(
        Meeting.objects.filter(assignment__in=readable, status=Status.PLANNED, starts_at__gte=timezone.now())
        .select_related("assignment__worker__user")
        .only("pk", "peer_id", "kind", "starts_at", "minutes", "status", "assignment__worker__user__display_name")
        .order_by("starts_at", "pk")[:SHOWN]
    )
    to_plan = list(
        diary_assignments(membership, to_plan=True).filter(peer=peer).order_by("pk").values_list("pk", flat=True)
    )
    return {"peer": peer, "meetings": meetings, "plan_on": to_plan[0] if to_plan else None, "shown": SHOWN}
