"""The offer pages: a peer's offers (and making one), one offer (recording the answer), the record's list."""

from __future__ import annotations

import pytest
from django.urls import reverse

from batches import services as batches
from batches.tests.helpers import keep_apart, ready
from offers.models import Offer, OfferStatus
from organisations.tenancy import organisation_scope
from people.models import Assignment


@pytest.fixture
def ready_cast(cast):
    with organisation_scope(cast.riverside):
        for supporter in (cast.pat_profile, cast.quinn_profile, cast.rio_profile):
            ready(supporter)
    return cast


def test_a_coordinator_offers_a_supporter_and_records_that_the_peer_declines(ready_cast, client_for):
    c = ready_cast
    client = client_for("cleo")
    response = client.post(reverse("offers:peer_offers", args=[c.dee.pk]), {"supporter": c.quinn_profile.pk})
    assert response.status_code == 302
    with organisation_scope(c.riverside):
        offer = Offer.objects.get(peer=c.dee)
    page = client.get(response["Location"]).content.decode()
    assert "Quinn" in page and "Record their answer" in page
    response = client.post(response["Location"], {"answer": OfferStatus.DECLINED}, follow=True)
    assert "They keep their place on the waiting list" in response.content.decode()
    with organisation_scope(c.riverside):
        offer.refresh_from_db()
        assert offer.status == OfferStatus.DECLINED
        assert not Assignment.objects.filter(peer=c.dee).exists()
        assert c.dee in batches.waiting_peers(c.cleo)
    record = client.get(reverse("people:peer_detail", args=[c.dee.pk])).content.decode()
    assert "Offers of a peer supporter" in record and "Declined for now" in record


def test_accepting_through_the_page_and_a_supporter_then_sees_the_peer(ready_cast, client_for):
    c = ready_cast
    client = client_for("cleo")
    with organisation_scope(c.riverside):
        offer = Offer.objects.create(organisation=c.riverside, peer=c.dee, supporter=c.quinn_profile)
    client.post(reverse("offers:offer_detail", args=[c.dee.pk, offer.pk]), {"answer": OfferStatus.ACCEPTED})
    assert client_for("quinn").get(reverse("people:peer_detail", args=[c.dee.pk])).status_code == 200


def test_an_offer_of_a_pair_kept_apart_says_only_not_available(ready_cast, client_for):
    c = ready_cast
    with organisation_scope(c.riverside):
        keep_apart(c.dee, c.quinn_profile)
    response = client_for("cleo").post(
        reverse("offers:peer_offers", args=[c.dee.pk]), {"supporter": c.quinn_profile.pk}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "not available" in body and "network" not in body
    with organisation_scope(c.riverside):
        assert not Offer.objects.exists()


def test_a_supporter_never_sees_offers_on_a_record(ready_cast, client_for):
    c = ready_cast
    with organisation_scope(c.riverside):
        Offer.objects.create(organisation=c.riverside, peer=c.amara, supporter=c.quinn_profile)
    record = client_for("pat").get(reverse("people:peer_detail", args=[c.amara.pk])).content.decode()
    assert "Offers of a peer supporter" not in record and "Quinn" not in record


@pytest.mark.parametrize("data", [{}, {"supporter": "x"}, {"supporter": "99999999999999999999"}, {"supporter": "-1"}])
def test_hostile_input_when_making_an_offer(ready_cast, client_for, data):
    response = client_for("cleo").post(reverse("offers:peer_offers", args=[ready_cast.dee.pk]), data)
    assert response.status_code == 200


@pytest.mark.parametrize("data", [{}, {"answer": "maybe"}, {"answer": ""}, {"answer": ["accepted", "declined"]}])
def test_hostile_input_when_recording_an_answer(ready_cast, client_for, data):
    c = ready_cast
    with organisation_scope(c.riverside):
        offer = Offer.objects.create(organisation=c.riverside, peer=c.dee, supporter=c.quinn_profile)
    response = client_for("cleo").post(reverse("offers:offer_detail", args=[c.dee.pk, offer.pk]), data)
    assert response.status_code in (200, 302)
    with organisation_scope(c.riverside):
        assert not Assignment.objects.filter(peer=c.dee).exists() or data.get("answer") == ["accepted", "declined"]


def test_another_peers_offer_through_our_peers_url_is_refused(ready_cast, client_for):
    c = ready_cast
    with organisation_scope(c.riverside):
        offer = Offer.objects.create(organisation=c.riverside, peer=c.dee, supporter=c.quinn_profile)
    assert client_for("cleo").get(reverse("offers:offer_detail", args=[c.cat.pk, offer.pk])).status_code == 404


def test_offer_this_supporter_from_the_suggestions_page(ready_cast, client_for):
    c = ready_cast
    client = client_for("cleo")
    page = client.get(reverse("matching:suggestions", args=[c.dee.pk])).content.decode()
    action = reverse("offers:peer_offers", args=[c.dee.pk])
    assert f'action="{action}"' in page and "Offer Quinn" in page and "csrfmiddlewaretoken" in page
    response = client.post(action, {"supporter": c.quinn_profile.pk})
    assert response.status_code == 302
    with organisation_scope(c.riverside):
        assert Offer.objects.get(peer=c.dee).supporter == c.quinn_profile
