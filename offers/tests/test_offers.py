"""The peer's offer: accept, ask for someone else, or decline without losing support; every step kept."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from batches import services as batches
from batches.tests.helpers import keep_apart, ready
from intake import services as intake
from intake.models import WaitingReason, WaitingStatus
from offers import services
from offers.models import Offer, OfferStatus, StepKind
from people.models import Assignment, AssignmentKind


@pytest.fixture
def riverside(in_riverside):
    for supporter in (in_riverside.pat_profile, in_riverside.quinn_profile, in_riverside.rio_profile):
        ready(supporter)
    return in_riverside


def steps(offer) -> list[tuple[str, str]]:
    return [(s.kind, s.by.display_name) for s in offer.steps.select_related("by")]


def test_accepting_makes_the_peer_support_assignment_and_every_step_says_who_and_when(riverside):
    c = riverside
    offer = services.make_offer(peer=c.dee, supporter=c.quinn_profile, by=c.cleo)
    services.record_answer(offer, answer=OfferStatus.ACCEPTED, by=c.ada)
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED
    assert offer.assignment is not None and offer.assignment.worker == c.quinn
    assert offer.assignment.kind == AssignmentKind.PEER_SUPPORT and offer.assignment.is_current
    assert steps(offer) == [(StepKind.MADE, "Cleo"), (StepKind.ACCEPTED, "Ada")]
    assert all(step.at is not None for step in offer.steps.all())


def on_the_waiting_list(c, peer) -> tuple[date, str] | None:
    """Since when and why the peer waits on the intake's waiting list, or None when not on it."""
    row = intake.waiting_peers(c.cleo).filter(pk=peer.pk).first()
    return None if row is None else (row.waiting_since, row.waiting_reason or "")


@pytest.mark.parametrize("answer", [OfferStatus.DECLINED, OfferStatus.CHANGE_ASKED, "withdrawn"])
def test_declining_asking_for_someone_else_or_a_withdrawal_keeps_their_place_on_the_waiting_list(riverside, answer):
    c = riverside
    week_ago = timezone.localdate() - timedelta(days=7)
    assert on_the_waiting_list(c, c.dee) == (week_ago, "")
    offer = services.make_offer(peer=c.dee, supporter=c.quinn_profile, by=c.cleo)
    assert on_the_waiting_list(c, c.dee) == (week_ago, WaitingReason.OFFER_OUT), "the list says an offer is out"
    assert c.dee not in batches.waiting_peers(c.cleo), "an offer waiting for an answer holds them"
    if answer == "withdrawn":
        services.withdraw_offer(offer, by=c.cleo)
    else:
        services.record_answer(offer, answer=answer, by=c.cleo)
    assert not Assignment.objects.filter(peer=c.dee).exists()
    assert on_the_waiting_list(c, c.dee) == (week_ago, ""), "their wait still counts from when it began"
    assert c.dee in batches.waiting_peers(c.cleo)
    # And another offer can be made to them.
    assert services.make_offer(peer=c.dee, supporter=c.rio_profile, by=c.cleo).is_open


def test_a_reason_the_coordinator_set_while_the_offer_was_out_is_kept(riverside):
    c = riverside
    offer = services.make_offer(peer=c.dee, supporter=c.quinn_profile, by=c.cleo)
    intake.set_waiting_reason(c.dee, WaitingReason.ASKED_TO_WAIT, by=c.cleo)
    services.record_answer(offer, answer=OfferStatus.DECLINED, by=c.cleo)
    assert on_the_waiting_list(c, c.dee)[1] == WaitingReason.ASKED_TO_WAIT  # type: ignore[index]


def test_accepting_takes_them_off_the_waiting_list(riverside):
    c = riverside
    offer = services.make_offer(peer=c.dee, supporter=c.quinn_profile, by=c.cleo)
    services.record_answer(offer, answer=OfferStatus.ACCEPTED, by=c.cleo)
    assert on_the_waiting_list(c, c.dee) is None
    assert WaitingStatus.objects.get(peer=c.dee).reason == "", "no stale 'an offer is out' for when support ends"


def test_an_offer_of_a_pair_kept_apart_is_refused_as_not_available(riverside):
    c = riverside
    keep_apart(c.dee, c.quinn_profile)
    with pytest.raises(services.OfferError, match="not available"):
        services.make_offer(peer=c.dee, supporter=c.quinn_profile, by=c.cleo)
    assert not Offer.objects.exists()


def test_an_exclusion_recorded_between_the_offer_and_the_answer_wins(riverside):
    c = riverside
    offer = services.make_offer(peer=c.dee, supporter=c.quinn_profile, by=c.cleo)
    keep_apart(c.dee, c.quinn_profile)
    offer = services.record_answer(offer, answer=OfferStatus.ACCEPTED, by=c.cleo)
    assert offer.status == OfferStatus.WITHDRAWN
    assert [kind for kind, _ in steps(offer)] == [StepKind.MADE, StepKind.NO_LONGER_AVAILABLE]
    assert not Assignment.objects.filter(peer=c.dee).exists()
    assert c.dee in batches.waiting_peers(c.cleo)


def test_an_open_offer_holds_a_place_and_a_full_supporter_is_not_offered(riverside):
    c = riverside
    ready(c.quinn_profile, capacity=2)  # bea is with quinn: one place left
    services.make_offer(peer=c.dee, supporter=c.quinn_profile, by=c.cleo)
    with pytest.raises(services.OfferError, match="no place"):
        services.make_offer(peer=c.cat, supporter=c.quinn_profile, by=c.cleo)


def test_one_offer_at_a_time_and_never_to_someone_who_has_a_peer_supporter(riverside):
    c = riverside
    services.make_offer(peer=c.dee, supporter=c.quinn_profile, by=c.cleo)
    with pytest.raises(services.OfferError):
        services.make_offer(peer=c.dee, supporter=c.rio_profile, by=c.cleo)
    with pytest.raises(services.OfferError):
        services.make_offer(peer=c.amara, supporter=c.rio_profile, by=c.cleo)


def test_an_answered_offer_cannot_be_answered_again(riverside):
    c = riverside
    offer = services.make_offer(peer=c.dee, supporter=c.quinn_profile, by=c.cleo)
    services.record_answer(offer, answer=OfferStatus.DECLINED, by=c.cleo)
    with pytest.raises(services.OfferError):
        services.record_answer(offer, answer=OfferStatus.ACCEPTED, by=c.cleo)
    with pytest.raises(services.OfferError):
        services.withdraw_offer(offer, by=c.cleo)


def test_another_organisations_supporter_is_never_offered(riverside, cast):
    with pytest.raises(services.OfferError):
        services.make_offer(peer=riverside.dee, supporter=cast.hana_profile, by=riverside.cleo)
