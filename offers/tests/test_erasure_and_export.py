"""Erasure empties what offers and batches hold about a peer; their copy of their record lists their offers."""

from __future__ import annotations

import pytest

from batches import services as batches
from batches.models import BatchChoice, BatchPlace, ChoiceKind
from batches.tests.helpers import ready
from datarights.services import erase_peer, peer_record
from datarights.tests.test_erasure_leaves_nothing import what_is_left
from offers import services
from offers.models import Offer, OfferStatus, OfferStep


@pytest.fixture
def riverside(in_riverside):
    for supporter in (in_riverside.pat_profile, in_riverside.quinn_profile, in_riverside.rio_profile):
        ready(supporter)
    return in_riverside


def dee_with_offers_and_a_batch(c):
    offer = services.make_offer(peer=c.dee, supporter=c.quinn_profile, by=c.cleo)
    services.record_answer(offer, answer=OfferStatus.CHANGE_ASKED, by=c.cleo)
    batch = batches.start_cohort(by=c.cleo)
    batches.choose(batch, peer=c.dee, supporter=c.rio_profile, kind=ChoiceKind.PIN, by=c.cleo)
    batches.solve_batch(batch, by=c.cleo)
    batches.send_batch(batch, by=c.cleo)
    return batch


def test_erasure_leaves_no_offer_step_place_or_choice_of_the_peer(riverside):
    c = riverside
    batch = dee_with_offers_and_a_batch(c)
    assert Offer.objects.filter(peer=c.dee).count() == 2
    assert BatchPlace.objects.filter(peer=c.dee).exists() and BatchChoice.objects.filter(peer=c.dee).exists()

    erase_peer(c.dee, by=c.cleo)

    assert not Offer.objects.filter(peer=c.dee).exists()
    assert not OfferStep.objects.filter(offer__peer=c.dee).exists()
    assert not BatchPlace.objects.filter(peer=c.dee).exists()
    assert not BatchChoice.objects.filter(peer=c.dee).exists()
    assert what_is_left(c.dee) == []
    # The rest of the batch is untouched.
    assert BatchPlace.objects.filter(batch=batch, peer=c.cat).exists()


def test_the_peers_copy_of_their_record_lists_each_offer_and_its_steps(riverside):
    c = riverside
    dee_with_offers_and_a_batch(c)
    record = peer_record(c.dee)["offers_of_a_peer_supporter"]
    assert [(o["peer_supporter"], o["status"]) for o in record] == [
        ("Quinn", "They would like someone else"),
        ("Rio", "Waiting for their answer"),
    ]
    assert [s["what"] for s in record[0]["steps"]] == ["Offer made", "Asked for someone else"]
    assert record[0]["steps"][0]["recorded_by"] == "Cleo" and record[0]["steps"][0]["when"]
