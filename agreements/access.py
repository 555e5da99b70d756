"""Which support agreements a member may open, and the audited lookup every agreement page uses.

Built from ``access.policy.can`` (the table) and ``visible_peers`` (which peers a member sees):
- an agreement belongs to a peer-support assignment; it is recorded only by that assignment's worker
  (the peer's own supporter), and only while the support is current;
- it is read by that worker, by the worker's supervisor, and by coordinators and admins;
- nobody else: case managers, counsellors and evaluators get the same audited 404 as for a record of
  another organisation, and so does a supervisor who sees the peer for another reason.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from access.lookups import peers_record_for
from access.policy import Do, can, peer_supports_seen, their_work
from organisations.models import Membership
from people.models import Assignment

OPENED_FOR = "support agreement"  # the reason on the peer's audit entry when an agreement page opens


def agreement_assignments(membership: Membership | None, *, to_record: bool = False) -> QuerySet[Assignment]:
    """The peer-support assignments whose agreement this member may read (or, ``to_record``, record)."""
    needs = Do.RECORD_AGREEMENTS if to_record else Do.SEE_AGREEMENTS
    if not can(membership, needs):
        return Assignment.objects.none()
    assert membership is not None
    assignments = peer_supports_seen(membership)
    if to_record:
        return assignments.current().filter(worker=membership)
    return assignments.filter(their_work(membership))


def may_record(membership: Membership | None, assignment: Assignment) -> bool:
    """For an assignment this member may already read: are they the one who records its agreement?"""
    return (
        can(membership, Do.RECORD_AGREEMENTS)
        and membership is not None
        and (assignment.worker_id == membership.pk and assignment.is_current)
    )


def assignment_for(
    request: HttpRequest, peer_id: object, assignment_id: object, *, to_record: bool = False
) -> Assignment:
    """The assignment ``assignment_id`` of peer ``peer_id``, with its peer and worker, if this member
    may open its agreement; otherwise an audited 404 (the same for every reason, and for a record of
    another organisation). Opening it is written to the peer's audit trail.
    """
    assignments = agreement_assignments(getattr(request, "membership", None), to_record=to_record)
    records = assignments.select_related("peer", "worker__user")
    return peers_record_for(request, records, "assignment", peer_id, assignment_id, reason=OPENED_FOR)
