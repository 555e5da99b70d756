"""The referral pages ask the same number of questions for N referrals (or steps) as for 3N."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from alongside.tests.pages_asked import PEER_RECORD
from conftest import queries_asked
from organisations.models import Partner
from organisations.tenancy import all_organisations
from people.models import Need
from referrals.models import Referral, SharedItem, Step

from .helpers import fill_amara, path_of, refer

N = 5


def referrals_of_amara(cast, start, stop):
    partner = Partner.objects.get(organisation=cast.riverside)
    for i in range(start, stop):
        referral = Referral.objects.create(
            organisation=cast.riverside, peer=cast.amara, partner=partner, partner_email="in@p.test",
            asked=f"Asked {i}", acknowledge_by=timezone.localdate(), outcome_by=timezone.localdate(),
        )  # fmt: skip
        SharedItem.objects.create(organisation=cast.riverside, referral=referral, code="asked")
        Partner.objects.filter(pk=partner.pk).update(name=f"Partner {i}")


def steps_of_the_first(cast, start, stop):
    referral = Referral.objects.filter(peer=cast.amara).order_by("pk").first()
    for _ in range(start, stop):
        Step.objects.create(organisation=cast.riverside, referral=referral, kind="new_link", by=cast.user("pat"))
    Need.objects.get_or_create(organisation=cast.riverside, peer=cast.amara, domain="legal")


@pytest.fixture
def made(cast):
    with all_organisations():
        contact = fill_amara(cast.amara)
        _referral, link = refer(cast, items=("chosen_name", "asked", "contact", "needs", "languages"), contact=contact)
    return path_of(link)


def first(cast):
    with all_organisations():
        return Referral.objects.filter(peer=cast.amara).order_by("pk").first()


CASES = [
    pytest.param("cleo", lambda cast: "/referrals/", referrals_of_amara, 3, "Partner 14", id="list, coordinator"),
    pytest.param("pat", lambda cast: "/referrals/", referrals_of_amara, 3, "Partner 14", id="list, supporter"),
    pytest.param(
        "pat", lambda cast: f"/peers/{cast.amara.pk}/referrals/{first(cast).pk}/", steps_of_the_first, 9,
        "A new link was sent", id="referral, supporter",
    ),
    pytest.param(
        "cleo", lambda cast: f"/peers/{cast.amara.pk}/", referrals_of_amara, PEER_RECORD, "Partner 14",
        id="peer record with referrals, coordinator",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("player", "address", "grow", "ceiling", "shows"), CASES)
def test_queries_do_not_grow_with_the_rows(request, cast, made, client_for, player, address, grow, ceiling, shows):
    client = client_for(player)
    address = address(cast)
    with all_organisations():
        grow(cast, 0, N)
    at_n, _ = queries_asked(client, address)
    with all_organisations():
        grow(cast, N, 3 * N)
    at_3n, body = queries_asked(client, address)
    print(f"\n{request.node.callspec.id}: {at_n} queries with {N} rows, {at_3n} with {3 * N}")
    assert shows in body, "the page did not show the rows it was measured with"
    assert at_n == at_3n, f"{address} asks more questions as rows grow: {at_n} -> {at_3n}"
    assert at_3n <= ceiling, f"{address} now asks {at_3n} questions; it asked {ceiling}"


def test_the_partners_page_asks_the_same_for_more_needs_and_languages(cast, made):
    client = Client()
    at_n, _ = queries_asked(client, made)
    with all_organisations():
        for domain in ("legal", "medical", "safety"):
            Need.objects.create(organisation=cast.riverside, peer=cast.amara, domain=domain)
    at_more, body = queries_asked(client, made)
    print(f"\npartner's page: {at_n} queries, {at_more} with more needs")
    assert "Legal" in body
    assert at_n == at_more <= 5
