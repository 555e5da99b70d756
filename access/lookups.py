"""Fetching one person's record for a request: allowed and audited, or 404 and audited.

Every view that shows or changes one person goes through these functions, so that a record from
another organisation, or one the role may not see, answers 404 (never 403, never the object), and
both the read and the refusal are written to the audit log.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TypeVar

from django.db.models import Exists, Model, OuterRef, QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from audit.log import audit, audit_together, entry
from audit.models import TRIED_FROM_ELSEWHERE, Action, AuditEvent
from organisations.tenancy import all_organisations
from people.models import Assignment, Peer, PeerSupporter

from .policy import Do, can, visible_peers, visible_supporters

R = TypeVar("R", bound=Model)

# Ids are 64-bit integers: anything else names no record (and must not reach the database, where
# PostgreSQL refuses a number that does not fit a bigint).
LARGEST_ID = 2**63 - 1

# The records a refusal can name, so that the organisation holding the record hears of it too.
_RECORD_MODELS: dict[str, type[Peer] | type[PeerSupporter] | type[Assignment]] = {
    "peer": Peer,
    "peersupporter": PeerSupporter,
    "assignment": Assignment,
}


def record_id_or_none(value: object) -> int | None:
    """``value`` as a record id, or None when it cannot be one."""
    try:
        number = int(str(value))
    except ValueError:
        return None
    return number if 0 < number <= LARGEST_ID else None


# However often someone asks for the same record, its organisation hears of it once in this time:
# its admins see every record tried and by whom, and nobody can flood their log by asking again.
# (Every attempt is still filed with the organisation the person was working in.)
HOLDER_HEARS_ONCE_IN = timedelta(hours=1)


def _holder_to_tell(request: HttpRequest, record_type: str, record_id: object) -> int | None:
    """The organisation holding the record, if it has not heard of this person trying it lately.

    One query whether or not the record exists (only to file the refusal there, whoever is asking).
    """
    model = _RECORD_MODELS.get(record_type)
    pk = record_id_or_none(record_id)
    if model is None or pk is None:
        return None
    actor = request.user if request.user.is_authenticated else None
    heard = AuditEvent.objects.filter(
        organisation_id=OuterRef("organisation_id"),
        actor=actor,
        action=Action.DENIED,
        record_type=record_type,
        record_id=str(pk),
        reason=TRIED_FROM_ELSEWHERE,
        at__gte=timezone.now() - HOLDER_HEARS_ONCE_IN,
    )
    with all_organisations():
        row = model.objects.filter(pk=pk).annotate(heard=Exists(heard)).values_list("organisation_id", "heard")
        found = row.first()
    return found[0] if found is not None and not found[1] else None


def refuse(request: HttpRequest, record_type: str, record_id: object) -> Http404:
    """Audit a refused attempt and return the 404 to raise.

    The refusal is filed under the organisation the person was working in (their admins see what
    their people try) and, when the record exists in another organisation, under that one too (its
    admins see who tried their records; once an hour per person and record). The answer is the same
    404 either way, after the same statements: one read, one write of one or two entries.
    """
    tried_from = getattr(request, "organisation", None)
    entries = [
        entry(request.user, Action.DENIED, organisation=tried_from, record_type=record_type, record_id=record_id)
    ]
    holder = _holder_to_tell(request, record_type, record_id)
    if holder is not None and holder != getattr(tried_from, "pk", None):
        entries.append(
            entry(
                request.user,
                Action.DENIED,
                organisation_id=holder,
                record_type=record_type,
                record_id=record_id,
                reason=TRIED_FROM_ELSEWHERE,
            )
        )
    audit_together(entries)
    return Http404()


def _one(request, queryset: QuerySet, record_type: str, pk: object, action: Action, reason: str):
    if record_id_or_none(pk) is None:
        raise refuse(request, record_type, pk)
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


def peers_record_for(
    request: HttpRequest,
    records: QuerySet[R],
    record_type: str,
    peer_id: object,
    record_id: object,
    *,
    reason: str | None,
) -> R:
    """Record ``record_id`` of peer ``peer_id``, taken from ``records`` (those this member may open,
    with whatever the page needs selected), or the audited 404: the same answer for an id that cannot
    be one, another peer's record asked for under this peer's address, another organisation's record
    and one the role may not open. Opening it is written to the peer's audit trail with ``reason``;
    ``None`` only for a request that shows nothing of the peer (a draft kept while typing).
    """
    peer_pk, pk = record_id_or_none(peer_id), record_id_or_none(record_id)
    if peer_pk is None:
        raise refuse(request, "peer", peer_id)
    if pk is None:
        raise refuse(request, record_type, record_id)
    record = records.filter(pk=pk, peer_id=peer_pk).first()
    if record is None:
        raise refuse(request, record_type, record_id)
    if reason is not None:
        audit(request.user, Action.VIEW, record.peer, reason=reason)  # type: ignore[attr-defined]
    return record


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
