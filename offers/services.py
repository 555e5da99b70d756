"""Every change to an offer goes through these functions: make it, record the peer's answer, withdraw it.

The pairing is checked with ``matching.rules.may_pair`` when the offer is made and again when it is
accepted: an exclusion recorded in between wins, and the offer is withdrawn as "no longer available"
(never why). Accepting creates the peer-support assignment through ``people.services.assign``.
Declining or asking for someone else leaves the peer with no assignment, so they stay waiting.
While an offer is open the intake's waiting list says "an offer is with them"; closing it clears that.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from audit.log import audit
from audit.models import Action
from intake import services as intake
from intake.models import WaitingReason, WaitingStatus
from matching.rules import may_pair
from organisations.models import Membership
from people import services as people
from people.models import Assignment, AssignmentKind, Peer, PeerSupporter

from .models import Offer, OfferStatus, OfferStep, StepKind


class OfferError(ValueError):
    pass


NOT_AVAILABLE = gettext_lazy("That peer supporter is not available for this peer.")


def open_offers_by_supporter(
    supporter_ids: Iterable[int] | None = None, *, except_peer: Peer | None = None
) -> dict[int, int]:
    """How many open offers each supporter (id) has waiting, in one grouped query: each holds a place
    (``except_peer``: not counting the offers to that peer, whose place it is)."""
    offers = Offer.objects.filter(status=OfferStatus.OPEN)
    if except_peer is not None:
        offers = offers.exclude(peer=except_peer)
    if supporter_ids is not None:
        offers = offers.filter(supporter__in=list(supporter_ids))
    return dict(offers.values_list("supporter").annotate(n=Count("pk")).order_by())


def places_left(supporters: Iterable[PeerSupporter], *, except_peer: Peer | None = None) -> dict[int, int]:
    """Each supporter's free places: their capacity less the peers they work with and their open offers
    (``except_peer``: a place held by an offer to that peer is theirs to take)."""
    supporters = list(supporters)
    caseloads = people.current_caseloads(s.membership_id for s in supporters)
    waiting = open_offers_by_supporter((s.pk for s in supporters), except_peer=except_peer)
    return {s.pk: max(s.capacity - caseloads.get(s.membership_id, 0) - waiting.get(s.pk, 0), 0) for s in supporters}


def peer_support_going_on() -> QuerySet[Assignment]:
    """Peer support current or planned that carries on after today, as the waiting list counts it.

    Support that ends today (as a re-match ends it) is over: that peer is waiting again at once.
    """
    today = timezone.localdate()
    return Assignment.objects.filter(kind=AssignmentKind.PEER_SUPPORT).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gt=today)
    )


def has_peer_support(peer: Peer) -> bool:
    return peer_support_going_on().filter(peer=peer).exists()


def _step(offer: Offer, kind: str, by: Membership | None) -> OfferStep:
    return OfferStep.objects.create(
        organisation_id=offer.organisation_id, offer=offer, kind=kind, by=by.user if by else None
    )


@transaction.atomic
def make_offer(*, peer: Peer, supporter: PeerSupporter, by: Membership, batch=None, fit: int | None = None) -> Offer:
    """Offer ``supporter`` to ``peer``. Refused when they may not be paired, or nothing fits the offer."""
    if peer.organisation_id != supporter.organisation_id or peer.erased_at is not None:
        raise OfferError(str(NOT_AVAILABLE))
    # Two coordinators offering at once: the peer's one open offer and the supporter's last place are
    # decided one after the other (PostgreSQL locks the two rows until this transaction ends).
    list(Peer.objects.select_for_update().filter(pk=peer.pk).values_list("pk"))
    list(PeerSupporter.objects.select_for_update().filter(pk=supporter.pk).values_list("pk"))
    if not may_pair(peer, supporter):
        raise OfferError(str(NOT_AVAILABLE))
    fit = _fit_or_refuse(peer, supporter, fit)
    if Offer.objects.filter(peer=peer, status=OfferStatus.OPEN).exists():
        raise OfferError(_("They already have an offer waiting for their answer."))
    if has_peer_support(peer):
        raise OfferError(_("They already have a peer supporter."))
    if places_left([supporter])[supporter.pk] <= 0:
        raise OfferError(_("That peer supporter has no place left."))
    offer = Offer.objects.create(
        organisation_id=peer.organisation_id, peer=peer, supporter=supporter, batch=batch, fit=fit, made_by=by.user
    )
    _step(offer, StepKind.MADE, by)
    audit(by.user, Action.CREATE, offer)
    intake.set_waiting_reason(peer, WaitingReason.OFFER_OUT, by=by)
    return offer


def _fit_or_refuse(peer: Peer, supporter: PeerSupporter, fit: int | None, *, answering: bool = False) -> int:
    """The fit of the pair now, or an OfferError when a rule of the batches forbids it.

    An offer made by hand, or a batch sent after its solve, keeps the same rules as the solver: a
    supporter taking peers on (active, not leaving), the one-to-one rule, a shared language, the
    good-enough fit (capacity is checked by the caller, with the open offers). ``answering``: the peer
    said yes to an offer already made, so the fit they accepted is not weighed again.
    """
    from batches.models import Batch, BatchKind, BatchStatus
    from matching import core, profiles

    leaving = Batch.objects.filter(
        kind=BatchKind.REMATCH, status__in=[BatchStatus.REVIEWING, BatchStatus.SENT], leaving_supporter=supporter
    )
    if not supporter.membership.is_active or leaving.exists():
        raise OfferError(str(NOT_AVAILABLE))
    wish = profiles.peer_wish(peer)
    offered = profiles.supporter_offers([supporter], with_culture=bool(core.words(wish.supporter_culture)))[0]
    reason = core.hard_reason(wish, offered)
    if reason is not None and reason != core.LeftOut.AT_CAPACITY:
        from matching.explain import left_out_text

        raise OfferError(left_out_text(reason))
    if answering:
        return fit or 0
    settings = profiles.settings_for(peer.organisation_id)
    now = core.fit(wish, offered, settings.weights).score
    if now < settings.good_enough:
        raise OfferError(_("That peer supporter does not fit them well enough."))
    return now if fit is None else fit


def peer_support_refusal(peer: Peer, supporter: PeerSupporter, *, accepting: bool = False) -> str | None:
    """Why ``supporter`` may not begin peer support with ``peer`` now, in words for the coordinator, or None.

    The rules every way of starting peer support keeps (an offer, its acceptance, a coordinator's
    assignment by hand): the pair may be put together (``may_pair``; all anyone is told is "not
    available"), the supporter is active, taking peers on and not leaving, the one-to-one rule, a
    shared language, a place left (open offers to other peers hold one), and the good-enough fit,
    which is not weighed again when the peer accepts an offer already made (``accepting``).
    """
    if not may_pair(peer, supporter):
        return str(NOT_AVAILABLE)
    try:
        _fit_or_refuse(peer, supporter, None, answering=accepting)
    except OfferError as refusal:
        return str(refusal)
    if places_left([supporter], except_peer=peer)[supporter.pk] <= 0:
        return _("That peer supporter has no place left.")
    return None


ANSWER_STEPS: dict[str, str] = {
    OfferStatus.ACCEPTED: StepKind.ACCEPTED,
    OfferStatus.CHANGE_ASKED: StepKind.CHANGE_ASKED,
    OfferStatus.DECLINED: StepKind.DECLINED,
}


@transaction.atomic
def record_answer(offer: Offer, *, answer: str, by: Membership) -> Offer:
    """Record the peer's answer. Accepting makes the assignment, unless the pairing is no longer allowed.

    When it is not (an exclusion recorded since the offer was made, say), the offer is withdrawn as
    "no longer available" and the peer stays waiting; the caller sees the status and says so.
    """
    offer = Offer.objects.select_for_update().select_related("peer", "supporter__membership").get(pk=offer.pk)
    if not offer.is_open:
        raise OfferError(_("This offer has already been answered."))
    if answer not in ANSWER_STEPS:
        raise OfferError(_("Choose one of the answers."))
    if answer == OfferStatus.ACCEPTED:
        try:  # the rules of peer_support_refusal still hold (kept apart, one-to-one alone...), the fit aside
            assignment = people.assign(
                peer=offer.peer,
                worker=offer.supporter.membership,
                by=by,
                kind=AssignmentKind.PEER_SUPPORT,
                accepting_offer=True,
            )
        except people.AssignmentError:
            return _close(offer, OfferStatus.WITHDRAWN, StepKind.NO_LONGER_AVAILABLE, by)
        offer.assignment = assignment
    return _close(offer, answer, ANSWER_STEPS[answer], by)


def _close(offer: Offer, status: str, step: str, by: Membership) -> Offer:
    """Close the offer. "An offer is with them" is no longer true, so it is cleared (a reason the
    coordinator set since is kept). Declined, someone else asked for or withdrawn, the peer stays on
    the waiting list, their wait counting from when it began; accepted, they have peer support."""
    offer.status = status
    offer.save(update_fields=["status", "assignment"])
    _step(offer, step, by)
    audit(by.user, Action.UPDATE, offer, reason=status)
    if WaitingStatus.objects.filter(peer_id=offer.peer_id, reason=WaitingReason.OFFER_OUT).exists():
        intake.set_waiting_reason(offer.peer, "", by=by)
    return offer


@transaction.atomic
def withdraw_offer(offer: Offer, *, by: Membership) -> Offer:
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    if not offer.is_open:
        raise OfferError(_("This offer has already been answered."))
    return _close(offer, OfferStatus.WITHDRAWN, StepKind.WITHDRAWN, by)


def forget_peer(peer: Peer) -> None:
    """For erasure: every offer made to the peer, and its steps, go (nothing in them is counted)."""
    Offer.objects.filter(peer=peer).delete()


def offers_in_record(peer: Peer) -> list[dict]:
    """The peer's offers for their copy of their record (datarights): who, and each step with its date."""
    offers = (
        Offer.objects.filter(peer=peer)
        .select_related("supporter__membership__user")
        .prefetch_related(Prefetch("steps", queryset=OfferStep.objects.select_related("by")))
        .order_by("made_at", "pk")
    )
    return [
        {
            "peer_supporter": str(offer.supporter),
            "status": str(offer.get_status_display()),
            "steps": [
                {
                    "what": str(step.get_kind_display()),
                    "when": step.at.isoformat(),
                    "recorded_by": str(step.by) if step.by else None,
                }
                for step in offer.steps.all()
            ],
        }
        for offer in offers
    ]
