"""The next meetings on a peer's record, for those who may read them (one query, none when there are none to read)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from access.policy import Do, can, is_their_work
from diary.choices import Status
from diary.models import Meeting
from people.record import assignments_on_record

register = template.Library()

SHOWN = 5


@register.inclusion_tag("diary/on_the_peer_record.html", takes_context=True)
def next_meetings(context, peer):
    """Drawn on the record of a peer the member already sees, beside the list of who works with them
    (``assignments``), from which the readable ones are picked by the same rule as ``diary_assignments``."""
    membership = getattr(context["request"], "membership", None)
    listed = assignments_on_record(context, peer)
    readable, to_plan = [], []
    if can(membership, Do.SEE_DIARY):
        assert membership is not None
        current = [a for a in listed if a.is_current]
        readable = [a.pk for a in current if is_their_work(membership, a)]
        if can(membership, Do.PLAN_MEETINGS):
            to_plan = sorted(a.pk for a in current if a.worker_id == membership.pk)
    meetings = []
    if readable:
        meetings = list(
            Meeting.objects.filter(assignment_id__in=readable, status=Status.PLANNED, starts_at__gte=timezone.now())
            .select_related("assignment__worker__user")
            .only("pk", "peer_id", "kind", "starts_at", "minutes", "status", "assignment__worker__user__display_name")
            .order_by("starts_at", "pk")[:SHOWN]
        )
    return {"peer": peer, "meetings": meetings, "plan_on": to_plan[0] if to_plan else None, "shown": SHOWN}
