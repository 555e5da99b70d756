"""Small helpers for the diary's tests (the cast is in the project's conftest.py)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from diary.models import Meeting
from diary.services import Plan, plan_meeting
from organisations.tenancy import all_organisations
from people.models import Assignment


def at(days: int = 1, hour: int = 14, minute: int = 0) -> datetime:
    """``days`` from today at ``hour``:``minute``, in the organisation's time zone."""
    return timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=days), time(hour, minute)))


def assignment_of(cast, peer: str = "amara", kind: str = "peer_support") -> Assignment:
    """The peer's current assignment (their peer support, unless ``kind`` says another)."""
    with all_organisations():
        return Assignment.objects.select_related("peer", "worker").get(
            peer=cast.peers[peer], ends_on__isnull=True, kind=kind if peer != "cat" else "case_management"
        )


def plan(cast, peer: str = "amara", *, by=None, **fields) -> Meeting:
    """A meeting planned through the service by whoever works with ``peer``."""
    assignment = assignment_of(cast, peer)
    values = {"starts_at": at()}
    values.update(fields)
    with all_organisations():
        return plan_meeting(assignment=assignment, by=by or assignment.worker, plan=Plan(**values))


def in_the_past(meeting: Meeting, hours: int = 2) -> Meeting:
    """Move a meeting's time back (as if it had come), without the service, which plans only ahead."""
    with all_organisations():
        Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(hours=hours))
        meeting.refresh_from_db()
    return meeting


def url(meeting: Meeting, name: str = "meeting") -> str:
    from django.urls import reverse

    return reverse(f"diary:{name}", kwargs={"peer_id": meeting.peer_id, "meeting_id": meeting.pk})


def form(starts_at: datetime, **fields) -> dict:
    local = timezone.localtime(starts_at)
    data = {"day": local.date().isoformat(), "at": local.strftime("%H:%M"), "minutes": "60", "kind": "meeting"}
    data.update(fields)
    return data
