"""An attacker's pass over offers: every rule the batch keeps binds an offer made by hand, and at sending."""

from __future__ import annotations

import pytest

from batches import services as batches
from batches.models import BatchPlace
from batches.tests.helpers import ready
from competence.testing import allow_alone
from matching.models import MatchingSettings, SupporterDetails
from offers import services
from offers.models import Offer
from people.choices import SupporterStage


@pytest.fixture
def riverside(in_riverside):
    for supporter in (in_riverside.pat_profile, in_riverside.quinn_profile, in_riverside.rio_profile):
        ready(supporter)
    return in_riverside


def test_a_one_to_one_offer_of_a_supporter_not_yet_allowed_alone_is_refused(riverside):
    c = riverside
    ready(c.quinn_profile, alone=False)  # Dee did not ask for a group: one-to-one
    with pytest.raises(services.OfferError):
        services.make_offer(peer=c.dee, supporter=c.quinn_profile, by=c.cleo)
    assert not Offer.objects.exists()


def test_an_offer_of_a_supporter_not_taking_peers_or_no_longer_active_is_refused(riverside):
    c = riverside
    c.quinn_profile.stage = SupporterStage.TRAINING
    c.quinn_profile.save()
    with pytest.raises(services.OfferError):
        services.make_offer(peer=c.dee, supporter=c.quinn_profile, by=c.cleo)
    c.rio.is_active = False
    c.rio.save()
    with pytest.raises(services.OfferError):
        services.make_offer(peer=c.dee, supporter=c.rio_profile, by=c.cleo)
    assert not Offer.objects.exists()


def test_an_offer_of_a_supporter_who_is_leaving_is_refused(riverside):
    c = riverside
    batches.start_rematch(supporter=c.quinn_profile, by=c.cleo)  # Quinn is moving on (Bea is re-matched)
    with pytest.raises(services.OfferError):
        services.make_offer(peer=c.dee, supporter=c.quinn_profile, by=c.cleo)


def test_an_offer_below_the_good_enough_fit_is_refused(riverside):
    c = riverside
    MatchingSettings.objects.update_or_create(organisation=c.riverside, defaults={"good_enough": 100})
    SupporterDetails.objects.filter(supporter=c.quinn_profile).update(availability=["mon_morning"])
    from matching.models import PeerWishes

    PeerWishes.objects.create(organisation=c.riverside, peer=c.dee, availability=["sun_evening"])
    with pytest.raises(services.OfferError):
        services.make_offer(peer=c.dee, supporter=c.quinn_profile, by=c.cleo)


def test_a_supporter_no_longer_allowed_alone_after_the_solve_is_not_offered_when_the_batch_is_sent(riverside):
    c = riverside
    for supporter in (c.pat_profile, c.rio_profile):
        ready(supporter, alone=False)
    batch = batches.start_cohort(by=c.cleo)
    place = BatchPlace.objects.get(batch=batch, peer=c.dee)
    assert place.proposed == c.quinn_profile
    allow_alone(c.quinn_profile, False)
    sent = batches.send_batch(batch, by=c.cleo)
    assert not Offer.objects.filter(peer=c.dee).exists()
    assert sent.offered == 0


def test_a_supporter_no_longer_allowed_alone_between_the_offer_and_the_answer_is_not_assigned(riverside):
    c = riverside
    offer = services.make_offer(peer=c.dee, supporter=c.quinn_profile, by=c.cleo)
    allow_alone(c.quinn_profile, False)
    offer = services.record_answer(offer, answer="accepted", by=c.cleo)
    assert offer.status == "withdrawn" and offer.assignment is None


def test_a_supporter_who_started_leaving_between_the_offer_and_the_answer_is_not_assigned(riverside):
    c = riverside
    offer = services.make_offer(peer=c.dee, supporter=c.quinn_profile, by=c.cleo)
    batches.start_rematch(supporter=c.quinn_profile, by=c.cleo)
    offer = services.record_answer(offer, answer="accepted", by=c.cleo)
    assert offer.status == "withdrawn" and offer.assignment is None
