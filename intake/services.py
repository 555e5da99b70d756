"""Recording the intake conversation and how a peer arrived; the waiting list and its threshold.

Views, commands, the batches and offers apps and the tests call these; nothing else writes the intake
models. Each change is one transaction and is audited on the peer's record.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import models, transaction
from django.db.models import F, FilteredRelation, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from access.policy import Do, can, visible_peers
from audit.log import audit
from audit.models import Action
from organisations.models import Membership, Organisation
from people.models import Assignment, AssignmentKind, Peer

from .models import (
    ASK_AGAIN,
    DEFAULT_WAITING_THRESHOLD_DAYS,
    Arrival,
    ArrivalRoute,
    BasicNeed,
    IntakeConversation,
    NetworkLink,
    SafeAnswer,
    WaitingReason,
    WaitingSettings,
    WaitingStatus,
    WantsPeerSupport,
)

# "Later" or "not sure" without a date: asked again after this long, so nobody is forgotten.
ASK_AGAIN_AFTER = timedelta(days=90)

# The answers about someone here being linked to the same network: read back only with SEE_NETWORK_LINKS.
NETWORK_FIELDS = ("network_link", "network_notes")

# Every answer of the conversation, as the form and the service name them.
ANSWERS = (
    "had_on",
    "safe_to_come",
    "safe_to_contact",
    "safety_notes",
    "network_link",
    "network_notes",
    "places_to_avoid",
    "people_to_avoid",
    "needs_first",
    "needs_first_notes",
    "wants_peer_support",
    "ask_again_on",
    "wants_notes",
)


class IntakeError(ValueError):
    pass


class SavedMeanwhileError(IntakeError):
    """Another conversation was recorded since the form was opened (the same one sent twice, say)."""


def current_conversation(peer: Peer) -> IntakeConversation | None:
    return IntakeConversation.objects.in_force().filter(peer=peer).first()


def arrival_of(peer: Peer) -> Arrival | None:
    return Arrival.objects.filter(peer=peer).select_related("partner").first()


def _ready_since(answers: dict[str, Any], before: IntakeConversation | None) -> date | None:
    """Since when they have been ready for a peer supporter (or due to be asked again).

    Saying "now" again keeps the day they first said it (having the conversation again does not put
    them at the back of the list); a date to ask again that has come counts from that date.
    """
    wants, had_on = answers.get("wants_peer_support"), answers["had_on"]
    if wants in ASK_AGAIN:
        return answers["ask_again_on"]
    if wants != WantsPeerSupport.NOW:
        return None
    if before is None or before.ready_since is None or before.ready_since > had_on:
        return had_on
    still_ready = before.wants_peer_support == WantsPeerSupport.NOW or before.wants_peer_support in ASK_AGAIN
    return before.ready_since if still_ready else had_on


@transaction.atomic
def record_intake(
    *,
    peer: Peer,
    by: Membership,
    answers: dict[str, Any],
    arrival: dict[str, Any] | None = None,
    after: int | None = None,
) -> IntakeConversation:
    """Record a conversation; the one in force until now is kept, superseded.

    ``after``: the id of the conversation in force when the form was opened (0 for none). When another
    has been recorded since, nothing is saved (``SavedMeanwhileError``).

    Someone who may not read what was said of a network link (``Do.SEE_NETWORK_LINKS``) is not shown
    it, so when they leave it unanswered the earlier answer is carried over rather than lost.
    """
    if not can(by, Do.RECORD_INTAKE) or by.organisation_id != peer.organisation_id:
        raise IntakeError("This member may not record an intake for this peer.")
    if peer.erased_at is not None:
        raise IntakeError("This peer's record has been erased.")
    answers = {name: answers.get(name) for name in ANSWERS}
    answers["had_on"] = answers["had_on"] or timezone.localdate()
    for name in ANSWERS:
        if answers[name] is None and name not in ("had_on", "ask_again_on"):
            answers[name] = [] if name == "needs_first" else ""
    _check_choices(answers)
    if answers["wants_peer_support"] in ASK_AGAIN:
        answers["ask_again_on"] = answers["ask_again_on"] or answers["had_on"] + ASK_AGAIN_AFTER
        if answers["ask_again_on"] < answers["had_on"]:
            raise IntakeError("The date to ask again is before the conversation.")
    else:
        answers["ask_again_on"] = None
    before = IntakeConversation.objects.in_force().filter(peer=peer).select_for_update().first()
    if after is not None and after != (before.pk if before is not None else 0):
        raise SavedMeanwhileError("Another conversation was recorded since this one was begun.")
    if before is not None and not can(by, Do.SEE_NETWORK_LINKS):
        _keep_what_they_may_not_read(answers, before)
    ready_since = _ready_since(answers, before)
    if before is not None:
        IntakeConversation.objects.filter(pk=before.pk).update(superseded_at=timezone.now())
    conversation = IntakeConversation.objects.create(
        organisation_id=peer.organisation_id, peer=peer, recorded_by=by.user, ready_since=ready_since, **answers
    )
    if arrival is not None:
        _save_arrival(peer, by, arrival)
    audit(by.user, Action.UPDATE, peer, reason=f"intake conversation {conversation.pk}")
    return conversation


# The answers stored plain, to be counted: only their codes, never words about a person.
_CHOICES: dict[str, type[models.TextChoices]] = {
    "safe_to_come": SafeAnswer,
    "safe_to_contact": SafeAnswer,
    "network_link": NetworkLink,
    "wants_peer_support": WantsPeerSupport,
}


def _check_choices(answers: dict[str, Any]) -> None:
    for name, choices in _CHOICES.items():
        if answers[name] and answers[name] not in choices.values:
            raise IntakeError(f"Not one of the answers to {name}.")
    needs = answers["needs_first"]
    if not isinstance(needs, list) or not set(needs) <= set(BasicNeed.values):
        raise IntakeError("Not one of the answers to needs_first.")


# How strongly an answer says someone here may be linked to the same network.
_CONCERN: dict[str, int] = {NetworkLink.YES: 2, NetworkLink.MAYBE: 1}


def _keep_what_they_may_not_read(answers: dict[str, Any], before: IntakeConversation) -> None:
    """For a member who is never shown the network-link answer: an unanswered question keeps what was
    said before; a concern raised before is never lowered by them (that is for those who read it and
    record exclusions), and what was said of it is kept, with what they add after it."""
    said = answers["network_link"]
    if not said:
        answers["network_link"] = before.network_link
        answers["network_notes"] = answers["network_notes"] or before.network_notes
        return
    if not before.raises_a_network_link:
        return
    if _CONCERN.get(said, 0) < _CONCERN[before.network_link]:
        answers["network_link"] = before.network_link
    answers["network_notes"] = "\n\n".join(n for n in (before.network_notes, answers["network_notes"]) if n)


def _save_arrival(peer: Peer, by: Membership, values: dict[str, Any]) -> Arrival:
    route, partner = values.get("route") or "", values.get("partner")
    if route not in ("", *ArrivalRoute.values):
        raise IntakeError("Not one of the ways of coming to us.")
    if partner is not None and partner.organisation_id != peer.organisation_id:
        raise IntakeError("That partner belongs to another organisation.")
    arrival, _ = Arrival.objects.update_or_create(
        peer=peer,
        defaults={
            "organisation_id": peer.organisation_id,
            "route": route,
            "partner": partner,
            "arrived_on": values.get("arrived_on"),
            "recorded_by": by.user,
        },
    )
    return arrival


# --- The waiting list. ----------------------------------------------------------------------------


def waiting_peers(membership: Membership | None, *, on: date | None = None, to_match: bool = False) -> QuerySet[Peer]:
    """The peers this member may see who are waiting for a peer supporter, longest wait first.

    Waiting: no current or planned peer-support assignment, and the intake conversation in force says
    they want a peer supporter now, or its date to ask again has come. A peer with no intake
    conversation is not on it: the safety conversation comes before any pairing. Support that ends
    today is over here (a re-match ends a leaving supporter's peers' support today, and they are
    waiting again at once, their wait counting from today). Each peer is annotated with
    ``waiting_since`` (since they were ready, or since their last peer support ended, whichever is
    later), ``wants_now`` (they said now, rather than being due to be asked again), ``ask_again_on``,
    ``network_link`` (for those who may read it; empty otherwise) and ``waiting_reason``.
    Only coordinators and admins (``Do.SEE_WAITING_LIST``) get anyone. ``to_match``: only those who
    said now (a batch matches them; a peer whose date to ask again has come needs asking first).
    """
    if not can(membership, Do.SEE_WAITING_LIST):
        return Peer.objects.none()
    on = on or timezone.localdate()
    peer_support = Assignment.objects.filter(kind=AssignmentKind.PEER_SUPPORT)
    matched = peer_support.filter(Q(ends_on__isnull=True) | Q(ends_on__gt=on)).values("peer_id")
    last_ended = peer_support.filter(peer=OuterRef("pk"), ends_on__lte=on).order_by("-ends_on").values("ends_on")[:1]
    peers = (
        visible_peers(membership)
        .annotate(
            intake=FilteredRelation("intake_conversations", condition=Q(intake_conversations__superseded_at=None))
        )
        .filter(
            Q(intake__wants_peer_support=WantsPeerSupport.NOW)
            if to_match
            else Q(intake__wants_peer_support=WantsPeerSupport.NOW)
            | Q(intake__wants_peer_support__in=ASK_AGAIN, intake__ask_again_on__lte=on),
            intake__ready_since__isnull=False,
        )
        .exclude(pk__in=matched)
        .annotate(
            ready_since=F("intake__ready_since"),
            waiting_since=Greatest(F("intake__ready_since"), Coalesce(Subquery(last_ended), F("intake__ready_since"))),
            wants_now=Q(intake__wants_peer_support=WantsPeerSupport.NOW),
            ask_again_on=F("intake__ask_again_on"),
            # Read back only by those who may (Do.SEE_NETWORK_LINKS); empty for anyone else.
            network_link=F("intake__network_link") if can(membership, Do.SEE_NETWORK_LINKS) else Value(""),
            waiting_reason=F("waiting_status__reason"),
        )
        .order_by("waiting_since", "pk")
    )
    return peers


def waiting_threshold(organisation: Organisation) -> int:
    found = WaitingSettings.objects.filter(organisation=organisation).values_list("threshold_days", flat=True).first()
    return found or DEFAULT_WAITING_THRESHOLD_DAYS


def waiting_past_threshold(membership: Membership, *, on: date | None = None) -> int:
    """How many peers have waited longer than the organisation's threshold (the dashboard's count)."""
    on = on or timezone.localdate()
    threshold = waiting_threshold(membership.organisation)
    waiting = waiting_peers(membership, on=on)
    return waiting.filter(waiting_since__lt=on - timedelta(days=threshold)).count()  # type: ignore[misc]


def wants_peer_support_now(peer: Peer) -> bool:
    """Whether the intake conversation in force says they want a peer supporter now.

    About their wish only: a peer who already has a peer supporter can still say yes. A date to ask
    again that has come is not a yes (they are on the waiting list to be asked, not to be matched).
    """
    return IntakeConversation.objects.in_force().filter(peer=peer, wants_peer_support=WantsPeerSupport.NOW).exists()


@transaction.atomic
def set_waiting_reason(peer: Peer, reason: str, *, by: Membership) -> WaitingStatus:
    """Say why a peer is waiting (the waiting list's page, and offers: ``WaitingReason.OFFER_OUT``)."""
    if reason and reason not in WaitingReason.values:
        raise IntakeError(f"Not a waiting reason: {reason!r}")
    if by.organisation_id != peer.organisation_id:
        raise IntakeError("This member works in another organisation.")
    if peer.erased_at is not None:
        raise IntakeError("This peer's record has been erased.")
    status, _ = WaitingStatus.objects.update_or_create(
        peer=peer,
        defaults={
            "organisation_id": peer.organisation_id,
            "reason": reason,
            "set_at": timezone.now(),
            "set_by": by.user,
        },
    )
    # Which reason is not said: the audit log outlives erasure, and holds no content.
    audit(by.user, Action.UPDATE, peer, reason="why they are waiting")
    return status


@transaction.atomic
def set_waiting_threshold(organisation: Organisation, *, days: int, by: Membership) -> WaitingSettings:
    if not 1 <= days <= 365:
        raise IntakeError("The waiting threshold is between 1 and 365 days.")
    found, _ = WaitingSettings.objects.update_or_create(organisation=organisation, defaults={"threshold_days": days})
    audit(by.user, Action.UPDATE, found, organisation=organisation)
    return found


# --- What the peer's copy of their record holds. ------------------------------------------------


def _choice(obj, field: str) -> dict[str, str] | None:
    value = getattr(obj, field)
    return {"value": value, "label": str(getattr(obj, f"get_{field}_display")())} if value else None


def record_of(peer: Peer) -> dict[str, Any]:
    """Everything the intake app holds about a peer, in plain data (for datarights' export)."""
    arrival = arrival_of(peer)
    conversations = IntakeConversation.objects.filter(peer=peer).select_related("recorded_by").order_by("recorded_at")
    status = WaitingStatus.objects.filter(peer=peer).first()
    return {
        "how_they_arrived": None
        if arrival is None
        else {
            "route": _choice(arrival, "route"),
            "referred_by": arrival.partner.name if arrival.partner else None,
            "arrived_on": arrival.arrived_on.isoformat() if arrival.arrived_on else None,
        },
        "intake_conversations": [
            {
                "had_on": c.had_on.isoformat(),
                "safe_to_come": _choice(c, "safe_to_come"),
                "safe_to_contact": _choice(c, "safe_to_contact"),
                "safety_notes": c.safety_notes,
                "network_link": _choice(c, "network_link"),
                "network_notes": c.network_notes,
                "places_to_avoid": c.places_to_avoid,
                "people_to_avoid": c.people_to_avoid,
                "needs_first": c.needs_first_labels(),
                "needs_first_notes": c.needs_first_notes,
                "wants_peer_support": _choice(c, "wants_peer_support"),
                "ask_again_on": c.ask_again_on.isoformat() if c.ask_again_on else None,
                "wants_notes": c.wants_notes,
                "recorded_by": str(c.recorded_by) if c.recorded_by else None,
                "superseded_on": c.superseded_at.isoformat() if c.superseded_at else None,
            }
            for c in conversations
        ],
        "waiting": None if status is None or not status.reason else _choice(status, "reason"),
    }
