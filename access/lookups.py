"""Fetching one person's record for a request: allowed and audited, or 404 and audited.

Every view that shows or changes one person goes through these functions, so that a record from
another organisation, or one the role may not see, answers 404 (never 403, never the object), and
both the read and the refusal are written to the audit log.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from audit.log import audit
from audit.models import Action
from people.models import Peer, PeerSupporter

from .policy import Do, can, visible_peers, visible_supporters


def refuse(request: HttpRequest, record_type: str, record_id: object) -> Http404:
    """Audit a refused attempt and return the 404 to raise."""
    audit(
        request.user,
        Action.DENIED,
        organisation=getattr(request, "organisation", None),
        record_type=record_type,
        record_id=record_id,
    )
    return Http404()


def _one(request, queryset: QuerySet, record_type: str, pk: object, action: Action, reason: str):
    obj = queryset.filter(pk=pk).first()
    if obj is None:
        raise refuse(request, record_type, pk)
    audit(request.user, action, obj, reason=reason)
    return obj


def peer_for(
    request: HttpRequest,
    peer_id: int,
    needs: Do = Do.SEE_PEERS,
    *,
    action: Action = Action.VIEW,
    queryset: QuerySet[Peer] | None = None,
    reason: str = "",
) -> Peer:
    """The peer ``peer_id`` if this member may ``needs`` them; otherwise an audited 404."""
    membership = getattr(request, "membership", None)
    if not can(membership, needs):
        raise refuse(request, "peer", peer_id)
    peers = visible_peers(membership)
    if queryset is not None:
        peers = queryset & peers
    return _one(request, peers, "peer", peer_id, action, reason)


def supporter_for(
    request: HttpRequest, supporter_id: int, *, action: Action = Action.VIEW, edit: bool = False
) -> PeerSupporter:
    membership = getattr(request, "membership", None)
    if edit and not can(membership, Do.EDIT_SUPPORTERS):
        raise refuse(request, "peersupporter", supporter_id)
    supporters = visible_supporters(membership).select_related("membership__user", "supervisor__user")
    return _one(request, supporters, "peersupporter", supporter_id, action, "")


def require(request: HttpRequest, action: Do, record_type: str = "page") -> None:
    """For pages that list people: a role that may not ``action`` gets an audited 404."""
    if not can(getattr(request, "membership", None), action):
        raise refuse(request, record_type, request.resolver_match.url_name if request.resolver_match else "")
