"""Which meetings a member may open or change, and the audited lookups every diary page uses.

Built from ``access.policy.can`` (the table) and ``visible_peers`` (which peers a member sees):
- a meeting belongs to an assignment (who works with whom); only that assignment's worker plans,
  moves, cancels it or says how it went, and only while they work with the peer;
- it is read by that worker, by the worker's supervisor, and by coordinators and admins;
- nobody else: another supporter, a case manager on the same peer, a supervisor who sees the peer
  for another reason, and anyone once the assignment has ended (unless organisation-wide) get the
  same audited 404 as for a record of another organisation.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from access.lookups import peers_record_for
from access.policy import Do, can, their_work, visible_peers
from organisations.models import Membership
from people.models import Assignment

from .models import Meeting

OPENED_FOR = "diary"  # the reason on the peer's audit entry when a diary page opens


def diary_assignments(membership: Membership | None, *, to_plan: bool = False) -> QuerySet[Assignment]:
    """The assignments whose meetings this member may read (or, ``to_plan``, plan and change)."""
    needs = Do.PLAN_MEETINGS if to_plan else Do.SEE_DIARY
    if not can(membership, needs):
        return Assignment.objects.none()
    assert membership is not None
    assignments = Assignment.objects.filter(worker__isnull=False, peer__in=visible_peers(membership))
    if to_plan:
        return assignments.current().filter(worker=membership)
    return assignments.filter(their_work(membership))


def diary_meetings(membership: Membership | None, *, to_change: bool = False) -> QuerySet[Meeting]:
    return Meeting.objects.filter(assignment__in=diary_assignments(membership, to_plan=to_change))


def may_change(membership: Membership | None, meeting: Meeting) -> bool:
    """For a meeting this member may already read: are they the one who plans it, now?"""
    return (
        can(membership, Do.PLAN_MEETINGS)
        and membership is not None
        and meeting.assignment.worker_id == membership.pk
        and meeting.assignment.is_current
    )


def assignment_to_plan_on(request: HttpRequest, peer_id: object, assignment_id: object) -> Assignment:
    """The assignment ``assignment_id`` of peer ``peer_id``, if this member works on it now; otherwise
    an audited 404. Opening it is written to the peer's audit trail."""
    assignments = diary_assignments(getattr(request, "membership", None), to_plan=True).select_related("peer")
    return peers_record_for(request, assignments, "assignment", peer_id, assignment_id, reason=OPENED_FOR)


def meeting_for(request: HttpRequest, peer_id: object, meeting_id: object, *, to_change: bool = False) -> Meeting:
    """The meeting ``meeting_id`` of peer ``peer_id`` (with its assignment, peer and worker), if this
    member may read it (or ``to_change`` it); otherwise an audited 404, the same for every reason."""
    meetings = diary_meetings(getattr(request, "membership", None), to_change=to_change)
    records = meetings.select_related("peer", "assignment__worker__user")
    return peers_record_for(request, records, "meeting", peer_id, meeting_id, reason=OPENED_FOR)
