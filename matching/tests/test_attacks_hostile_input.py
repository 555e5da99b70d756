"""Hostile input on the matching, batch and offer pages: a clear page or an audited 404, never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from batches import services as batches
from batches.tests.helpers import keep_apart, ready
from conftest import make_peer
from matching.models import Exclusion, KeepAway, SupporterDetails
from offers import services as offers
from offers.models import Offer
from organisations.tenancy import organisation_scope

HUGE = str(10**30)


@pytest.fixture
def world(cast):
    with organisation_scope(cast.riverside):
        for s in (cast.pat_profile, cast.quinn_profile, cast.rio_profile):
            ready(s)
        offer = offers.make_offer(peer=cast.dee, supporter=cast.quinn_profile, by=cast.cleo)
        keep_apart(cast.amara, cast.rio_profile, by=cast.user("cleo"))
    with organisation_scope(cast.harbour):
        ready(cast.hana_profile, capacity=9)
        other_offer_peer = cast.zed
        harbour_batch = None
    cast.extra = {"offer": offer, "zed": other_offer_peer, "harbour_batch": harbour_batch}
    return cast


def test_another_peers_offer_under_this_peers_address_is_an_audited_404(world, client_for):
    client = client_for("cleo")
    offer = world.extra["offer"]
    for url in [
        reverse("offers:offer_detail", args=[world.amara.pk, offer.pk]),
        reverse("offers:offer_detail", args=[world.zed.pk, offer.pk]),
        reverse("offers:peer_offers", args=[world.zed.pk]),
        f"/peers/{world.dee.pk}/offers/{HUGE}/",
        f"/peers/{HUGE}/offers/",
    ]:
        before = AuditEvent.objects.filter(action=Action.DENIED).count()
        response = client.get(url)
        assert response.status_code == 404, url
        assert AuditEvent.objects.filter(action=Action.DENIED).count() > before, url


@pytest.mark.parametrize("name", ["pat", "quinn", "sina", "stef", "eve", "hugo"])
def test_nobody_but_the_coordinators_reaches_an_offer_or_whom_a_peer_is_kept_from(world, client_for, name):
    client = client_for(name)
    offer = world.extra["offer"]
    for url in [
        reverse("offers:offer_detail", args=[world.dee.pk, offer.pk]),
        reverse("offers:peer_offers", args=[world.dee.pk]),
        reverse("matching:peer_exclusions", args=[world.amara.pk]),
        reverse("matching:supporter_exclusions", args=[world.rio_profile.pk]),
        reverse("matching:suggestions", args=[world.amara.pk]),
    ]:
        assert client.get(url).status_code == 404, (name, url)


@pytest.mark.parametrize(
    "data",
    [
        {"supporter": HUGE},
        {"supporter": "-1"},
        {"supporter": "abc"},
        {"supporter": "1.5"},
        {"supporter": ""},
    ],
)
def test_making_an_offer_with_a_strange_supporter_redisplays_the_form(world, client_for, data):
    client = client_for("cleo")
    response = client.post(reverse("offers:peer_offers", args=[world.fay.pk]), data)
    assert response.status_code == 200
    with organisation_scope(world.riverside):
        assert not Offer.objects.filter(peer=world.fay).exists()


def test_making_an_offer_of_another_organisations_supporter_or_one_kept_apart_saves_nothing(world, client_for):
    client = client_for("cleo")
    for peer, supporter in [(world.fay, world.hana_profile), (world.amara, world.rio_profile)]:
        response = client.post(reverse("offers:peer_offers", args=[peer.pk]), {"supporter": supporter.pk})
        assert response.status_code == 200
        html = response.content.decode()
        assert "same_network" not in html and "network" not in html.lower().replace("networks", "")
    with organisation_scope(world.riverside):
        assert Offer.objects.filter(peer__in=[world.fay, world.amara]).count() == 0


@pytest.mark.parametrize("answer", [HUGE, "accepted\x00", "", "withdrawn'--"])
def test_a_strange_answer_to_an_offer_redisplays_the_form(world, client_for, answer):
    client = client_for("cleo")
    offer = world.extra["offer"]
    response = client.post(reverse("offers:offer_detail", args=[world.dee.pk, offer.pk]), {"answer": answer})
    assert response.status_code == 200
    offer.refresh_from_db()
    assert offer.is_open


@pytest.mark.parametrize(
    "post",
    [
        {"action": "record", "exclusion-other_peer_number": HUGE, "exclusion-reason": "same_network"},
        {"action": "record", "exclusion-other_peer_number": "ZED", "exclusion-reason": "same_network"},
        {"action": "record", "exclusion-other_peer_number": "-5", "exclusion-reason": "same_network"},
        {"action": "record", "exclusion-other_supporter": HUGE, "exclusion-reason": "same_network"},
        {"action": "record", "exclusion-other_peer_number": "1", "exclusion-reason": "nonsense"},
        {"action": "lift", "exclusion": HUGE, "lift-reason": "x"},
        {"action": "lift", "exclusion": "abc", "lift-reason": "x"},
        {"action": "lift_automatic", "supporter": HUGE, "peer": "x", "lift-reason": "x"},
        {"action": "remove_place", "place": HUGE},
        {"action": "add_place", "keepaway-kind": "area", "keepaway-words": "   ,;  "},
        {"action": "add_place", "keepaway-kind": "bogus", "keepaway-words": "Mill Road"},
        {"action": "add_place", "keepaway-kind": "area", "keepaway-words": "x" * 5000},
        {"action": "explode"},
    ],
)
def test_hostile_input_on_whom_a_peer_is_kept_from_redisplays_and_saves_nothing(world, client_for, post):
    client = client_for("cleo")
    with organisation_scope(world.riverside):
        before = (
            Exclusion.objects.count(),
            KeepAway.objects.count(),
            Exclusion.objects.filter(lifted_at__isnull=False).count(),
        )
    response = client.post(reverse("matching:peer_exclusions", args=[world.dee.pk]), post)
    assert response.status_code == 200
    with organisation_scope(world.riverside):
        after = (
            Exclusion.objects.count(),
            KeepAway.objects.count(),
            Exclusion.objects.filter(lifted_at__isnull=False).count(),
        )
    assert before == after


def test_another_organisations_or_an_erased_peer_cannot_be_recorded_as_kept_apart_or_as_a_former_record(
    world, client_for
):
    from datarights.services import erase_peer

    with organisation_scope(world.riverside):
        erase_peer(world.cat, by=world.cleo)
    client = client_for("cleo")
    for number in (world.zed.pk, world.cat.pk, HUGE, "0"):
        response = client.post(
            reverse("matching:peer_exclusions", args=[world.dee.pk]),
            {"action": "record", "exclusion-other_peer_number": number, "exclusion-reason": "same_network"},
        )
        assert response.status_code == 200
        assert "No peer record with that number." in response.content.decode() or number == "0"
        response = client.post(
            reverse("matching:supporter_details", args=[world.quinn_profile.pk]), {"former_peer_number": number}
        )
        assert response.status_code == 200
    with organisation_scope(world.riverside):
        assert not Exclusion.objects.filter(peer=world.dee).exists()
        assert not SupporterDetails.objects.filter(former_peer__isnull=False).exists()


@pytest.mark.parametrize(
    "post",
    [
        {"action": "choose", "peer": HUGE, "supporter": "1", "kind": "pin"},
        {"action": "choose", "peer": "abc", "supporter": "abc", "kind": "pin"},
        {"action": "choose", "kind": "nonsense"},
        {"action": "clear", "choice": HUGE},
        {"action": "clear", "choice": "-1"},
        {"action": "nonsense"},
    ],
)
def test_hostile_input_on_a_batch_review_redisplays_it(world, client_for, post):
    with organisation_scope(world.riverside):
        make_peer(world.riverside, "Gus", world.user("cleo"))
        batch = batches.start_cohort(by=world.cleo)
    client = client_for("cleo")
    response = client.post(reverse("batches:batch_detail", args=[batch.pk]), post)
    assert response.status_code == 200


def test_a_batch_pin_of_another_organisations_supporter_or_peer_is_refused(world, client_for):
    with organisation_scope(world.riverside):
        batch = batches.start_cohort(by=world.cleo)  # the cast's peers waiting to be matched (cat, dee)
        place = batch.places.select_related("peer").first()
        gus_in_batch = place is not None
        gus = place.peer
    client = client_for("cleo")
    response = client.post(
        reverse("batches:batch_detail", args=[batch.pk]),
        {"action": "choose", "peer": gus.pk, "supporter": world.hana_profile.pk, "kind": "pin"},
    )
    assert response.status_code == 200 and gus_in_batch
    response = client.post(
        reverse("batches:batch_detail", args=[batch.pk]),
        {"action": "choose", "peer": world.zed.pk, "supporter": world.quinn_profile.pk, "kind": "pin"},
    )
    assert response.status_code == 200
    from batches.models import BatchChoice

    with organisation_scope(world.riverside):
        assert not BatchChoice.objects.filter(batch=batch).exists()
    assert client_for("hugo").get(reverse("batches:batch_detail", args=[batch.pk])).status_code == 404
