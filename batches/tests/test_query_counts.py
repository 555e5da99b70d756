"""The batch and offer pages ask the same number of questions for N rows as for 3N (no N+1)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from alongside.tests.pages_asked import PEER_RECORD
from batches import services as batches
from batches.models import Batch, BatchKind, BatchPlace
from batches.tests.helpers import ready
from conftest import make_peer, make_supporter, queries_asked
from intake.models import IntakeConversation
from offers import services as offers
from offers.models import Offer, OfferStatus
from organisations.models import Membership, Role
from organisations.tenancy import all_organisations

N = 5


def _supporter(cast, i: int):
    user = User.objects.create_user(f"qc{i}@riverside.test", "a long test password", display_name=f"Counted {i}")
    member = Membership.objects.create(user=user, organisation=cast.riverside, role=Role.PEER_SUPPORTER)
    return ready(make_supporter(member, capacity=2))


def peers_and_supporters(cast, start, stop):
    """Waiting peers (each would like a peer supporter now) and supporters with room; the batch
    re-solved over all of them."""
    for i in range(start, stop):
        peer = make_peer(cast.riverside, f"Row peer {i}", cast.user("cleo"), languages=["en"])
        IntakeConversation.objects.create(
            organisation=cast.riverside, peer=peer, wants_peer_support="now", ready_since=timezone.localdate()
        )
        _supporter(cast, i)


def batch_page(cast):
    with all_organisations():
        batch = Batch.objects.filter(organisation=cast.riverside).first()
        if batch is None:
            batch = batches.start_cohort(by=cast.cleo)
        else:
            for peer in batches.waiting_peers(cast.cleo).exclude(batch_places__batch=batch):
                BatchPlace.objects.create(organisation=cast.riverside, batch=batch, peer=peer)
            batches.solve_batch(batch, by=cast.cleo)
    return reverse("batches:batch_detail", args=[batch.pk])


def some_batches(cast, start, stop):
    for _ in range(start, stop):
        Batch.objects.create(organisation=cast.riverside, kind=BatchKind.REMATCH, leaving_supporter=cast.quinn_profile)


def offers_to_dee(cast, start, stop):
    for i in range(start, stop):
        supporter = _supporter(cast, 100 + i)
        offer = offers.make_offer(peer=cast.dee, supporter=supporter, by=cast.cleo)
        offers.record_answer(offer, answer=OfferStatus.DECLINED if i % 2 else OfferStatus.CHANGE_ASKED, by=cast.cleo)


CASES = [
    pytest.param(peers_and_supporters, batch_page, 14, lambda stop: f"Row peer {stop - 1}", id="batch review"),
    pytest.param(some_batches, lambda cast: reverse("batches:batch_list"), 5, None, id="batch list"),
    pytest.param(
        offers_to_dee, lambda cast: reverse("offers:peer_offers", args=[cast.dee.pk]), 8,
        lambda stop: f"Counted {100 + stop - 1}", id="a peer's offers",
    ),
    pytest.param(
        # 12: one more for endings and cover (continuity/templatetags).
        offers_to_dee, lambda cast: reverse("people:peer_detail", args=[cast.dee.pk]), PEER_RECORD, None,
        id="peer record with offers",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("grow", "url", "ceiling", "shows"), CASES)
def test_queries_do_not_grow_with_the_rows(request, cast, client_for, grow, url, ceiling, shows):
    client = client_for("cleo")
    with all_organisations():
        for supporter in (cast.pat_profile, cast.quinn_profile, cast.rio_profile):
            ready(supporter)
        grow(cast, 0, N)
    at_n, _ = queries_asked(client, url(cast))
    with all_organisations():
        grow(cast, N, 3 * N)
    at_3n, body = queries_asked(client, url(cast))
    print(f"\n{request.node.callspec.id}: {at_n} queries with {N} rows, {at_3n} with {3 * N}")
    if shows is not None:
        assert shows(3 * N) in body, "the page did not show the rows it was measured with"
    assert at_n == at_3n, f"asks more questions as rows grow: {at_n} -> {at_3n}"
    assert at_3n <= ceiling, f"now asks {at_3n} questions; it asked {ceiling}"


def test_the_offer_page_asks_the_same_for_a_long_history(cast, client_for):
    with all_organisations():
        for supporter in (cast.quinn_profile, cast.rio_profile):
            ready(supporter)
        offer = offers.make_offer(peer=cast.dee, supporter=cast.quinn_profile, by=cast.cleo)
    client = client_for("cleo")
    url = reverse("offers:offer_detail", args=[cast.dee.pk, offer.pk])
    short, _ = queries_asked(client, url)
    with all_organisations():
        for _ in range(10):
            offers._step(Offer.objects.get(pk=offer.pk), "made", cast.cleo)
    long, _ = queries_asked(client, url)
    print(f"\noffer page: {short} queries, {long} with a long history")
    assert short == long <= 7
