"""Every change to a batch goes through these functions: start, pin or forbid, solve, send, set aside.

The data comes from the matching app (``matching.profiles`` for what each peer wished for and what
each supporter offers, ``matching.core.fit`` for the fit, ``matching.rules.blocked_pairs`` for the
pairs that may never be made, ``settings_for`` for the good-enough fit); ``solver.solve`` proposes;
nothing goes out until ``send_batch``, where each proposed pair becomes an offer through
``offers.services.make_offer`` (which asks ``may_pair`` again).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from access.policy import Do, can, visible_peers
from audit.log import audit
from audit.models import Action
from competence.rules import DIRECT_WORK_STAGES
from intake import services as intake
from intake.models import IntakeConversation
from matching import core
from matching.profiles import peer_wishes, settings_for, supporter_offers
from matching.rules import blocked_pairs
from offers import services as offers
from offers.models import Offer, OfferStatus
from organisations.models import Membership
from people import services as people
from people.models import Assignment, AssignmentKind, Peer, PeerSupporter

from . import solver
from .models import Batch, BatchChoice, BatchKind, BatchPlace, BatchStatus, ChoiceKind, Unplaced


class BatchError(ValueError):
    pass


# --- Who a batch is about. -------------------------------------------------------------------------


def waiting_peers(membership: Membership | None) -> QuerySet[Peer]:
    """Who a new cohort is about: the intake's waiting list (``intake.services.waiting_peers``, the
    one definition), those who want a peer supporter now, less those with an offer waiting for their
    answer. Longest wait first.

    A peer whose date to ask again has come is on the waiting list to be asked, not matched; a peer
    with no intake conversation is on neither (the safety conversation comes first).
    """
    waiting = Offer.objects.filter(peer=OuterRef("pk"), status=OfferStatus.OPEN)
    return intake.waiting_peers(membership, to_match=True).exclude(Exists(waiting))


def without_an_intake(membership: Membership | None) -> QuerySet[Peer]:
    """Peers with no peer support who have not had an intake conversation: never matched before it.

    The batches page counts them, so that nobody waits unseen off both lists.
    """
    if not can(membership, Do.SEE_WAITING_LIST):
        return Peer.objects.none()
    # Two lists read once (NOT IN), not two lookups for each of the organisation's peers (half the time).
    return (
        visible_peers(membership)
        .exclude(pk__in=offers.peer_support_going_on().values("peer_id"))
        .exclude(pk__in=IntakeConversation.objects.values("peer_id"))
    )


def supporters_with_room(organisation, *, leaving: PeerSupporter | None = None) -> list[PeerSupporter]:
    """Supporters who are taking peers on and have a place left (open offers hold a place).

    Not a supporter who is leaving: one whose peers a re-match is reviewing or has sent.
    """
    # Only the stages where direct work can begin, read cheaply here; which of them competence lets take
    # a peer on is in their offers (``matching.profiles.who_may_take_peers``), and the solver keeps to it.
    found = PeerSupporter.objects.filter(
        organisation=organisation, membership__is_active=True, stage__in=DIRECT_WORK_STAGES
    )
    # A supporter whose peers are being (or were) re-matched because they are leaving takes nobody new.
    found = found.exclude(
        pk__in=Batch.objects.filter(
            kind=BatchKind.REMATCH, status__in=[BatchStatus.REVIEWING, BatchStatus.SENT]
        ).values("leaving_supporter")
    )
    if leaving is not None:
        found = found.exclude(pk=leaving.pk)
    supporters = list(found.select_related("membership__user").order_by("membership__user__display_name", "pk"))
    room = offers.places_left(supporters)
    return [s for s in supporters if room[s.pk] > 0]


# --- The problem, as plain data. ---------------------------------------------------------------------


@dataclass(frozen=True)
class Loaded:
    problem: solver.BatchProblem
    wishes: dict[int, core.PeerWish]
    offers: dict[int, core.SupporterOffer]
    weights: core.Weights


def load(
    organisation, peers: Sequence[Peer], supporters: Sequence[PeerSupporter], choices: Sequence[BatchChoice] = ()
) -> Loaded:
    """The solver's problem for these peers and supporters, in a constant number of queries.

    Blocked: every pair ``matching.rules.blocked_pairs`` refuses, and every pair with a hard reason
    (``matching.core.hard_reason``: not taking peers, no shared language...). The solver treats both
    as "not available" and never says which.
    """
    matching = settings_for(organisation)
    wishes = peer_wishes(peers)
    room = offers.places_left(supporters)
    offered = supporter_offers(supporters)
    blocked = set(blocked_pairs(peers, supporters))
    fit = []
    for wish in wishes:
        row = []
        for offer in offered:
            if core.hard_reason(wish, offer) not in (None, core.LeftOut.AT_CAPACITY):
                blocked.add((wish.peer_id, offer.supporter_id))
                row.append(0)  # never made, so not worth scoring
            else:
                row.append(core.fit(wish, offer, matching.weights).score)
        fit.append(row)
    problem = solver.BatchProblem(
        peers=tuple(solver.PeerNeed(w.peer_id, one_to_one=w.wants_one_to_one) for w in wishes),
        supporters=tuple(
            solver.SupporterRoom(o.supporter_id, room[o.supporter_id], may_work_alone=o.may_work_alone) for o in offered
        ),
        fit=fit,
        good_enough=matching.good_enough,
        blocked=frozenset(blocked),
        forbidden=frozenset((c.peer_id, c.supporter_id) for c in choices if c.kind == ChoiceKind.FORBID),
        pinned=tuple((c.peer_id, c.supporter_id) for c in choices if c.kind == ChoiceKind.PIN),
    )
    return Loaded(problem, {w.peer_id: w for w in wishes}, {o.supporter_id: o for o in offered}, matching.weights)


def problem_for(organisation, peers: Sequence[Peer], supporters: Sequence[PeerSupporter]) -> solver.BatchProblem:
    """The problem alone (bench/matching.py)."""
    return load(organisation, peers, supporters).problem


def batch_peers(batch: Batch) -> list[Peer]:
    return list(Peer.objects.filter(batch_places__batch=batch, erased_at__isnull=True).order_by("created_at", "pk"))


def batch_supporters(batch: Batch) -> list[PeerSupporter]:
    return supporters_with_room(batch.organisation, leaving=batch.leaving_supporter)


# --- The steps of a batch. ---------------------------------------------------------------------------


def _create(by: Membership, kind: str, peers: Sequence[Peer], leaving: PeerSupporter | None = None) -> Batch:
    if not peers:
        raise BatchError(_("Nobody is waiting for a peer supporter just now."))
    batch = Batch.objects.create(organisation=by.organisation, kind=kind, leaving_supporter=leaving, started_by=by.user)
    BatchPlace.objects.bulk_create(
        [BatchPlace(organisation_id=batch.organisation_id, batch=batch, peer=peer) for peer in peers]
    )
    audit(by.user, Action.CREATE, batch, reason=kind)
    solve_batch(batch, by=by)
    return batch


@transaction.atomic
def start_cohort(*, by: Membership, most: int | None = None) -> Batch:
    """A batch of the peers waiting for a peer supporter (the ``most`` who waited longest), solved.

    Nothing is sent yet.
    """
    waiting = waiting_peers(by)
    return _create(by, BatchKind.COHORT, list(waiting[:most] if most else waiting))


def leaving_supporters_peers(supporter: PeerSupporter) -> list[Peer]:
    return list(
        Peer.objects.filter(
            erased_at__isnull=True,
            pk__in=Assignment.objects.current()
            .filter(worker=supporter.membership_id, kind=AssignmentKind.PEER_SUPPORT)
            .values("peer_id"),
        ).order_by("created_at", "pk")
    )


@transaction.atomic
def start_rematch(*, supporter: PeerSupporter, by: Membership) -> Batch:
    """A batch of the peers of a supporter who is leaving; their support ends only when it is sent."""
    if Batch.objects.filter(leaving_supporter=supporter, status=BatchStatus.REVIEWING).exists():
        raise BatchError(_("A re-match for this peer supporter is already being reviewed."))
    peers = leaving_supporters_peers(supporter)
    if not peers:
        raise BatchError(_("This peer supporter is not working with anyone just now."))
    return _create(by, BatchKind.REMATCH, peers, leaving=supporter)


def _open(batch: Batch) -> Batch:
    batch = Batch.objects.select_for_update().get(pk=batch.pk)
    if not batch.is_open:
        raise BatchError(_("This batch has already been sent or set aside."))
    return batch


@transaction.atomic
def solve_batch(batch: Batch, *, by: Membership) -> solver.Proposal:
    """Solve again with the coordinator's pins and forbids; the proposal replaces the last one."""
    batch = _open(batch)
    choices = list(BatchChoice.objects.filter(batch=batch))
    loaded = load(batch.organisation, batch_peers(batch), batch_supporters(batch), choices)
    proposal = solver.solve(loaded.problem)
    proposed = {pair.peer_id: pair for pair in proposal.pairs}
    unplaced = dict(proposal.unplaced)
    places = list(BatchPlace.objects.filter(batch=batch))
    for place in places:
        pair = proposed.get(place.peer_id)
        place.proposed_id = pair.supporter_id if pair else None
        place.fit = pair.fit if pair else None
        place.pinned = bool(pair and pair.pinned)
        place.unplaced = "" if pair else str(unplaced.get(place.peer_id, Unplaced.NO_GOOD_FIT))
    BatchPlace.objects.bulk_update(places, ["proposed", "fit", "pinned", "unplaced"])
    batch.solved_at = timezone.now()
    batch.save(update_fields=["solved_at"])
    audit(by.user, Action.UPDATE, batch, reason="solved")
    return proposal


@transaction.atomic
def choose(batch: Batch, *, peer: Peer, supporter: PeerSupporter, kind: str, by: Membership) -> BatchChoice:
    """Pin (keep) or forbid one pair of the batch; the next solve honours it."""
    batch = _open(batch)
    if kind not in ChoiceKind.values:
        raise BatchError(_("Choose whether to keep or rule out the pair."))
    if not BatchPlace.objects.filter(batch=batch, peer=peer).exists():
        raise BatchError(_("That peer is not in this batch."))
    if supporter.organisation_id != batch.organisation_id:
        raise BatchError(_("That peer supporter is not available for this peer."))
    if kind == ChoiceKind.PIN:
        # One pin per peer: a new one replaces theirs.
        BatchChoice.objects.filter(batch=batch, peer=peer, kind=ChoiceKind.PIN).delete()
    choice, _created = BatchChoice.objects.update_or_create(
        batch=batch,
        peer=peer,
        supporter=supporter,
        defaults={"kind": kind, "made_by": by.user, "organisation_id": batch.organisation_id},
    )
    audit(by.user, Action.UPDATE, batch, reason=f"{kind}")
    return choice


@transaction.atomic
def clear_choice(batch: Batch, *, choice_id: int, by: Membership) -> None:
    batch = _open(batch)
    BatchChoice.objects.filter(batch=batch, pk=choice_id).delete()
    audit(by.user, Action.UPDATE, batch, reason="choice cleared")


@dataclass(frozen=True)
class Sent:
    offered: int
    waiting: int  # left unplaced, or no longer available when sent


@transaction.atomic
def send_batch(batch: Batch, *, by: Membership) -> Sent:
    """Make each proposed pair an offer; for a re-match, end the leaving supporter's support first.

    Every offer asks ``may_pair`` again (``offers.services.make_offer``): a pair blocked since the
    last solve is not offered, and that peer stays waiting.
    """
    batch = _open(batch)
    places = list(
        BatchPlace.objects.filter(batch=batch, peer__erased_at__isnull=True).select_related("peer", "proposed")
    )
    if batch.kind == BatchKind.REMATCH and batch.leaving_supporter_id:
        leaving = batch.leaving_supporter
        assert leaving is not None
        for assignment in Assignment.objects.current().filter(
            worker=leaving.membership_id, kind=AssignmentKind.PEER_SUPPORT, peer__in=[p.peer_id for p in places]
        ):
            people.end_assignment(assignment, by=by)
    offered = 0
    for place in places:
        if place.proposed is None:
            continue
        try:
            place.offer = offers.make_offer(
                peer=place.peer, supporter=place.proposed, by=by, batch=batch, fit=place.fit
            )
        except offers.OfferError:
            place.unplaced = Unplaced.NO_LONGER_AVAILABLE
            place.proposed = None
            place.fit = None
        else:
            offered += 1
        place.save(update_fields=["offer", "unplaced", "proposed", "fit"])
    batch.status, batch.sent_by, batch.sent_at = BatchStatus.SENT, by.user, timezone.now()
    batch.save(update_fields=["status", "sent_by", "sent_at"])
    audit(by.user, Action.UPDATE, batch, reason="sent")
    return Sent(offered=offered, waiting=len(places) - offered)


@transaction.atomic
def set_aside(batch: Batch, *, by: Membership) -> Batch:
    batch = _open(batch)
    batch.status = BatchStatus.SET_ASIDE
    batch.save(update_fields=["status"])
    audit(by.user, Action.UPDATE, batch, reason="set aside")
    return batch


def what_they_will_be_told(batch: Batch, place: BatchPlace) -> str:
    """What the coordinator tells this peer when the batch is sent (shown before and after sending)."""
    new = str(place.proposed) if place.proposed_id else ""
    if batch.kind == BatchKind.REMATCH:
        leaving = str(batch.leaving_supporter)
        if new:
            return _(
                "%(leaving)s is moving on from their role. We would like to introduce you to %(new)s, who we "
                "think fits what you asked for. You can say yes, ask for someone else, or say no for now: "
                "your support carries on whatever you choose."
            ) % {"leaving": leaving, "new": new}
        return _(
            "%(leaving)s is moving on from their role. We are looking for a peer supporter who fits you "
            "well and will be in touch; until then you can reach us as usual."
        ) % {"leaving": leaving}
    if new:
        return _(
            "We would like to introduce you to %(new)s, who we think fits what you asked for. You can say "
            "yes, ask for someone else, or say no for now: you keep your place whatever you choose."
        ) % {"new": new}
    return _("Nothing yet: they keep their place while we look for someone who fits them well.")


def forget_peer(peer: Peer) -> None:
    """For erasure: the peer's places and the pins or forbids about them go."""
    BatchChoice.objects.filter(peer=peer).delete()
    BatchPlace.objects.filter(peer=peer).delete()
