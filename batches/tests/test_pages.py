"""The batch pages as a coordinator uses them, and hostile input that must never cause a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from batches.models import Batch, BatchChoice, BatchPlace, BatchStatus
from batches.tests.helpers import ready
from offers.models import Offer
from organisations.tenancy import organisation_scope


@pytest.fixture
def ready_cast(cast):
    with organisation_scope(cast.riverside):
        for supporter in (cast.pat_profile, cast.quinn_profile, cast.rio_profile):
            ready(supporter)
    return cast


def started(client) -> Batch:
    response = client.post(reverse("batches:batch_start"))
    assert response.status_code == 302
    return Batch.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def test_a_coordinator_starts_reviews_and_sends_a_batch(ready_cast, client_for):
    client = client_for("cleo")
    page = client.get(reverse("batches:batch_list")).content.decode()
    assert "2 peers are waiting" in page
    with organisation_scope(ready_cast.riverside):
        batch = started(client)
        review = client.get(reverse("batches:batch_detail", args=[batch.pk])).content.decode()
        assert "Cat" in review and "Dee" in review and "Why this pair" in review and "Lived experience" in review
        assert not Offer.objects.exists()
        response = client.post(reverse("batches:batch_detail", args=[batch.pk]), {"action": "send"}, follow=True)
        assert response.status_code == 200
        assert "2 offers are waiting for answers" in response.content.decode()
        assert Offer.objects.filter(batch=batch).count() == 2
        batch.refresh_from_db()
        assert batch.status == BatchStatus.SENT


def test_pinning_and_forbidding_through_the_page(ready_cast, client_for):
    c = ready_cast
    client = client_for("cleo")
    with organisation_scope(c.riverside):
        batch = started(client)
        url = reverse("batches:batch_detail", args=[batch.pk])
        dee = BatchPlace.objects.get(batch=batch, peer=c.dee)
        client.post(url, {"action": "choose", "peer": c.dee.pk, "supporter": dee.proposed_id, "kind": "forbid"})
        client.post(url, {"action": "solve"})
        assert BatchPlace.objects.get(batch=batch, peer=c.dee).proposed_id != dee.proposed_id
        choice = BatchChoice.objects.get(batch=batch)
        client.post(url, {"action": "clear", "choice": choice.pk})
        assert not BatchChoice.objects.filter(batch=batch).exists()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"action": "nonsense"},
        {"action": "choose"},
        {"action": "choose", "peer": "x", "supporter": "y", "kind": "pin"},
        {"action": "choose", "peer": "99999999999999999999999", "supporter": "1", "kind": "pin"},
        {"action": "choose", "peer": "1", "supporter": "1", "kind": "maybe"},
        {"action": "clear", "choice": "not a number"},
        {"action": "clear", "choice": "99999999999999999999999"},
    ],
)
def test_hostile_input_re_displays_the_review(ready_cast, client_for, data):
    client = client_for("cleo")
    with organisation_scope(ready_cast.riverside):
        batch = started(client)
        response = client.post(reverse("batches:batch_detail", args=[batch.pk]), data)
        assert response.status_code == 200
        assert Batch.objects.get(pk=batch.pk).status == BatchStatus.REVIEWING


def test_another_organisations_supporter_cannot_be_pinned(ready_cast, client_for):
    c = ready_cast
    client = client_for("cleo")
    with organisation_scope(c.riverside):
        batch = started(client)
        response = client.post(
            reverse("batches:batch_detail", args=[batch.pk]),
            {"action": "choose", "peer": c.dee.pk, "supporter": c.hana_profile.pk, "kind": "pin"},
        )
        assert response.status_code == 200
        assert not BatchChoice.objects.exists()
        assert "Hana" not in response.content.decode()


def test_re_matching_from_the_supporters_record(ready_cast, client_for):
    c = ready_cast
    client = client_for("cleo")
    url = reverse("batches:rematch_start", args=[c.pat_profile.pk])
    assert "Amara" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == 302
    with organisation_scope(c.riverside):
        batch = Batch.objects.get(leaving_supporter=c.pat_profile)
        review = client.get(response["Location"]).content.decode()
    assert "Pat is moving on from their role" in review
    again = client.post(url)
    assert again.status_code == 200 and "already being reviewed" in again.content.decode()
    assert batch.kind == "rematch"


def test_starting_with_nobody_waiting_says_so_on_the_list(ready_cast, client_for):
    client = client_for("cleo")
    with organisation_scope(ready_cast.riverside):
        batch = started(client)
        client.post(reverse("batches:batch_detail", args=[batch.pk]), {"action": "send"})
    response = client.post(reverse("batches:batch_start"), follow=True)
    assert "Nobody is waiting" in response.content.decode()


def test_the_page_titles_name_nobody(ready_cast, client_for):
    client = client_for("cleo")
    with organisation_scope(ready_cast.riverside):
        batch = started(client)
    for url in (
        reverse("batches:batch_list"),
        reverse("batches:batch_detail", args=[batch.pk]),
        reverse("batches:rematch_start", args=[ready_cast.pat_profile.pk]),
    ):
        title = client.get(url).content.decode().split("<title>")[1].split("</title>")[0]
        for name in ("Amara", "Cat", "Dee", "Pat", "Quinn", "Rio"):
            assert name not in title


def test_the_list_counts_those_not_matched_until_their_intake_conversation(ready_cast, client_for):
    from conftest import make_peer

    client = client_for("cleo")
    assert "not had an intake conversation" not in client.get(reverse("batches:batch_list")).content.decode()
    with organisation_scope(ready_cast.riverside):
        make_peer(ready_cast.riverside, "Lou", ready_cast.user("cleo"))
    page = client.get(reverse("batches:batch_list")).content.decode()
    assert "2 peers are waiting" in page  # Lou is not among them
    assert "1 peer without a peer supporter has not had an intake conversation yet" in page
    assert "Lou" not in page
