"""Every change to a peer, a peer supporter or an assignment goes through these functions.

Each one checks what it needs, writes in one transaction, and audits. Views, commands and
later the API call them; nothing else writes these models.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import audit
from audit.models import Action
from matching.rules import may_pair
from organisations.models import Membership, Role

from .choices import EndingReason
from .models import Assignment, AssignmentKind, ContactMethod, Need, Peer, PeerSupporter


class AssignmentError(ValueError):
    pass


@transaction.atomic
def create_peer(
    *, membership: Membership, fields: dict, needs: Iterable[str] = (), contact_methods: Iterable[dict] = ()
) -> Peer:
    """Register a peer. Someone who only sees their own peers is assigned to the peer they add."""
    peer = Peer.objects.create(organisation=membership.organisation, created_by=membership.user, **fields)
    set_needs(peer, needs)
    replace_contact_methods(peer, contact_methods)
    audit(membership.user, Action.CREATE, peer)
    if membership.role in (Role.PEER_SUPPORTER, Role.STAFF):
        assign(
            peer=peer,
            worker=membership,
            by=membership,
            kind=AssignmentKind.PEER_SUPPORT
            if membership.role == Role.PEER_SUPPORTER
            else AssignmentKind.CASE_MANAGEMENT,
            reason=_("Added the peer themselves."),
        )
    return peer


@transaction.atomic
def update_peer(
    *, peer: Peer, by: Membership, fields: dict, needs: Iterable[str], contact_methods: Iterable[dict]
) -> Peer:
    for name, value in fields.items():
        setattr(peer, name, value)
    peer.save()
    set_needs(peer, needs)
    replace_contact_methods(peer, contact_methods)
    audit(by.user, Action.UPDATE, peer)
    return peer


def set_needs(peer: Peer, domains: Iterable[str]) -> None:
    wanted = set(domains)
    Need.objects.filter(peer=peer).exclude(domain__in=wanted).delete()
    have = set(Need.objects.filter(peer=peer).values_list("domain", flat=True))
    Need.objects.bulk_create(
        [Need(organisation_id=peer.organisation_id, peer=peer, domain=d) for d in sorted(wanted - have)]
    )


def replace_contact_methods(peer: Peer, methods: Iterable[dict]) -> None:
    ContactMethod.objects.filter(peer=peer).delete()
    ContactMethod.objects.bulk_create(
        [ContactMethod(organisation_id=peer.organisation_id, peer=peer, **method) for method in methods]
    )


WORKER_ROLES: dict[str, set[str]] = {
    Role.PEER_SUPPORTER: {AssignmentKind.PEER_SUPPORT, AssignmentKind.COVER},
    Role.STAFF: {AssignmentKind.CASE_MANAGEMENT, AssignmentKind.COUNSELLING},
    Role.SUPERVISOR: {AssignmentKind.PEER_SUPPORT, AssignmentKind.COUNSELLING, AssignmentKind.COVER},
    Role.COORDINATOR: {AssignmentKind.CASE_MANAGEMENT},
}


def _refuse_peer_support(
    peer: Peer, supporter: PeerSupporter | None, starts_on: date, ends_on: date | None, *, accepting_offer: bool
) -> None:
    if supporter is not None:
        # offers builds on this module, so its rules are asked for here rather than imported above.
        from offers.services import peer_support_refusal

        refusal = peer_support_refusal(peer, supporter, accepting=accepting_offer)
        if refusal is not None:
            raise AssignmentError(refusal)
    overlapping = Assignment.objects.filter(peer=peer, kind=AssignmentKind.PEER_SUPPORT).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=starts_on)
    )
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=ends_on)
    if overlapping.exists():
        raise AssignmentError(
            _("They already have a peer supporter for those dates: end that support first, or start this after it.")
        )


@transaction.atomic
def assign(
    *,
    peer: Peer,
    worker: Membership,
    by: Membership,
    kind: str,
    starts_on: date | None = None,
    ends_on: date | None = None,
    reason: str = "",
    accepting_offer: bool = False,
) -> Assignment:
    """Record that ``worker`` works with ``peer``: by hand, or when the peer accepts an offer.

    Peer support with a peer supporter keeps every rule an offer keeps (``offers.services.
    peer_support_refusal``: kept apart, capacity, the one-to-one rule, a shared language, the
    good-enough fit, which ``accepting_offer`` does not weigh again), and a peer has one peer
    supporter at a time (a handover can start the day the other support ends).
    """
    if worker.organisation_id != peer.organisation_id or not worker.is_active:
        raise AssignmentError(_("That person is not an active member of this organisation."))
    if kind not in WORKER_ROLES.get(worker.role, set()):
        raise AssignmentError(_("That kind of support does not fit that person's role."))
    # The one pairing check (matching.rules.may_pair) binds a worker who is a peer supporter: only peers
    # and peer supporters are kept apart. Peer support asks it among the rules of offers, below.
    supporter = PeerSupporter.objects.filter(membership=worker).select_related("membership").first()
    if kind != AssignmentKind.PEER_SUPPORT and supporter is not None and not may_pair(peer, supporter):
        raise AssignmentError(_("That person is not available to work with this peer."))
    starts_on = starts_on or timezone.localdate()
    if ends_on is not None and ends_on < starts_on:
        raise AssignmentError(_("The end date is before the start date."))
    if kind == AssignmentKind.PEER_SUPPORT:
        _refuse_peer_support(peer, supporter, starts_on, ends_on, accepting_offer=accepting_offer)
    if kind == AssignmentKind.COVER and ends_on is None:
        raise AssignmentError(_("Cover runs to the last day their peer supporter is away: give that day."))
    assignment = Assignment.objects.create(
        organisation_id=peer.organisation_id,
        peer=peer,
        worker=worker,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
        created_by=by.user,
    )
    audit(by.user, Action.CREATE, assignment)
    return assignment


@transaction.atomic
def end_assignment(
    assignment: Assignment, *, by: Membership | None, on: date | None = None, reason: str = ""
) -> Assignment:
    """The one way an assignment ends: today, or on a later day (a planned ending), and why.

    ``reason`` is one of ``EndingReason`` (or empty: not said). The row is kept, so the history stays.
    ``by`` is None only when a change elsewhere ends it (cover following an absence's new dates).
    """
    if reason and reason not in EndingReason.values:
        raise AssignmentError(_("Choose one of the reasons offered."))
    on = on or timezone.localdate()
    assignment.ends_on = max(on, assignment.starts_on)
    assignment.ending_reason = reason
    assignment.save(update_fields=["ends_on", "ending_reason"])
    audit(by.user if by is not None else None, Action.UPDATE, assignment)
    return assignment


def caseload_size(supporter: PeerSupporter) -> int:
    return Assignment.objects.current().filter(worker=supporter.membership_id).count()


def current_caseloads(worker_ids: Iterable[int] | None = None) -> dict[int, int]:
    """How many peers each worker (membership id) works with today, in one grouped query."""
    current = Assignment.objects.current().filter(worker__isnull=False)  # an erased peer's has no worker
    if worker_ids is not None:
        current = current.filter(worker__in=list(worker_ids))
    return dict(current.values_list("worker").annotate(n=Count("pk")).order_by())


@transaction.atomic
def update_supporter(supporter: PeerSupporter, *, by: Membership, fields: dict) -> PeerSupporter:
    for name, value in fields.items():
        setattr(supporter, name, value)
    supporter.save()
    audit(by.user, Action.UPDATE, supporter)
    return supporter
