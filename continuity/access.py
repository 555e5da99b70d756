"""Which peer supports a member may plan the ending of, and the audited lookup the ending pages use.

Built from ``access.policy.can`` (``Do.PLAN_ENDINGS``) and ``visible_peers``, like the agreements:
- an ending is planned, and the closing conversation recorded, on a peer-support assignment;
- by that assignment's worker (the peer's own supporter), the worker's supervisor, coordinators and
  admins;
- nobody else: a case manager on the same peer, a cover supporter, or a supervisor who sees the peer
  for another reason gets the same audited 404 as for a record of another organisation.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from access.lookups import peers_record_for
from access.policy import Do, can, is_their_work, peer_supports_seen, their_work
from organisations.models import Membership
from people.models import Assignment, AssignmentKind

OPENED_FOR = "ending"  # the reason on the peer's audit entry when an ending page opens


def ending_assignments(membership: Membership | None) -> QuerySet[Assignment]:
    """The peer-support assignments whose ending this member may plan and whose closing they record."""
    if not can(membership, Do.PLAN_ENDINGS):
        return Assignment.objects.none()
    assert membership is not None
    return peer_supports_seen(membership).filter(their_work(membership))


def ending_for(request: HttpRequest, peer_id: object, assignment_id: object) -> Assignment:
    """The assignment ``assignment_id`` of peer ``peer_id``, with its peer and worker, if this member
    may plan its ending; otherwise an audited 404 (the same for every reason). Opening it is written
    to the peer's audit trail.
    """
    assignments = ending_assignments(getattr(request, "membership", None)).select_related("peer", "worker__user")
    return peers_record_for(request, assignments, "assignment", peer_id, assignment_id, reason=OPENED_FOR)


def may_plan(membership: Membership | None, assignment: Assignment) -> bool:
    """``ending_assignments`` for one assignment of a peer the member already sees, asking nothing of
    the database (its worker's supporter profile loaded with it)."""
    if not can(membership, Do.PLAN_ENDINGS) or assignment.kind != AssignmentKind.PEER_SUPPORT:
        return False
    assert membership is not None
    return is_their_work(membership, assignment)
