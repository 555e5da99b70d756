"""The peer's offer: accept, ask for someone else, or decline without losing support; every step kept."""

from __future__ import annotations

import pytest

from batches import services as batches
from batches.tests.helpers import keep_apart, ready
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


@pytest.mark.parametrize("answer", [OfferStatus.DECLINED, OfferStatus.CHANGE_ASKED])
def test_declining_or_asking_for_someone_else_keeps_their_place_on_the_waiting_list(riverside, answer):
    c = riverside
    offer = services.make_offer(peer=c.dee, supporter=c.quinn_profile, by=c.cleo)
    assert c.dee not in batches.waiting_peers(c.riverside), "an offer waiting for an answer holds them"
    services.record_answer(offer, answer=answer, by=c.cleo)
    assert not Assignment.objects.filter(peer=c.dee).exists()
    assert c.dee in batches.waiting_peers(c.riverside)
    # And another offer can be made to them.
    assert services.make_offer(peer=c.dee, supporter=c.rio_profile, by=c.cleo).is_open


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
    assert c.dee in batches.waiting_peers(c.riverside)


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
