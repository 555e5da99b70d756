"""Whose plans a member opens, and the audited lookups every goal page uses.

Built from ``access.policy.can`` (the table) and ``visible_peers`` (which peers a member sees):
- a plan is read by everyone who sees the peer and may ``Do.SEE_GOALS``: the peer's workers
  (current assignments), their supervisors, coordinators and admins;
- it is written (``Do.RECORD_GOALS``) by coordinators and admins, and otherwise only by someone
  working with the peer now: a supervisor reads their supervisees' peers' plans but writes only in
  the plans of the peers they work with themselves;
- anyone else, and an evaluator always, gets the same audited 404 as for another organisation's record.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from access.lookups import peer_for, peers_record_for
from access.policy import ORGANISATION_WIDE, Do, can, visible_peers
from organisations.models import Membership
from people.models import Assignment, Peer

from .models import Goal

OPENED_FOR = "plan"  # the reason on the peer's audit entry when a plan page opens


def plan_peers(membership: Membership | None, *, to_record: bool = False) -> QuerySet[Peer]:
    """The peers whose plan this member may read (or, ``to_record``, write in)."""
    if not can(membership, Do.RECORD_GOALS if to_record else Do.SEE_GOALS):
        return Peer.objects.none()
    assert membership is not None
    peers = visible_peers(membership)
    if to_record and membership.role not in ORGANISATION_WIDE:
        peers = peers.filter(pk__in=Assignment.objects.current().filter(worker=membership).values("peer_id"))
    return peers


def may_record(membership: Membership | None, peer: Peer) -> bool:
    """For a peer whose plan this member may already read: may they write in it? (One query at most.)"""
    if not can(membership, Do.RECORD_GOALS) or membership is None:
        return False
    if membership.role in ORGANISATION_WIDE:
        return True
    return Assignment.objects.current().filter(peer=peer, worker=membership).exists()


def plan_peer(request: HttpRequest, peer_id: object, *, to_record: bool = False) -> Peer:
    """The peer, if this member may open (or write in) their plan; otherwise an audited 404."""
    membership = getattr(request, "membership", None)
    needs = Do.RECORD_GOALS if to_record else Do.SEE_GOALS
    return peer_for(request, peer_id, needs, queryset=plan_peers(membership, to_record=to_record), reason=OPENED_FOR)  # type: ignore[arg-type]


def goal_for(request: HttpRequest, peer_id: object, goal_id: object, *, to_record: bool = False) -> Goal:
    """The goal ``goal_id`` of peer ``peer_id``, with its peer, if this member may open (or change) it;
    otherwise an audited 404, the same for every reason. Opening it is written to the peer's trail.
    """
    peers = plan_peers(getattr(request, "membership", None), to_record=to_record)
    goals = Goal.objects.filter(peer__in=peers).select_related("peer", "domain", "partner")
    return peers_record_for(request, goals, "goal", peer_id, goal_id, reason=OPENED_FOR)
