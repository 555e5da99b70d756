"""A coordinator reviews a batch and the offers go out; a peer declines and keeps their place.

"Keeps their place" is shown on the intake's own waiting list page (``/waiting/``): while the offer
is out their row says so, and after they say no they are still there, their wait still counted from
the day they first asked (the cast's dee said "now" a week ago).
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from batches.services import waiting_peers
from batches.tests.helpers import ready
from offers.models import Offer, OfferStatus
from organisations.tenancy import organisation_scope

from .conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def ready_cast(cast):
    with organisation_scope(cast.riverside):
        for supporter in (cast.pat_profile, cast.quinn_profile, cast.rio_profile):
            ready(supporter)
    return cast


def test_a_batch_is_reviewed_and_offers_go_out_then_a_peer_declines_and_keeps_their_place(
    ready_cast, new_context, signed_in
):
    c = ready_cast
    page = signed_in(new_context(), "cleo").new_page()
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Batches", exact=True).click()
    expect(page.get_by_text("2 peers are waiting for a peer supporter.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Propose matches for everyone waiting").click()
    page.wait_for_url(re.compile(r"/batches/\d+/$"))
    expect(page.get_by_text("A proposal is ready for your review. Nothing has been sent.")).to_be_visible()
    proposal = page.get_by_role("table")
    expect(proposal.get_by_role("cell", name="Cat", exact=True)).to_be_visible()
    expect(proposal.get_by_role("cell", name="Dee", exact=True)).to_be_visible()
    page.get_by_text("Why this pair").first.click()
    expect(page.get_by_text("Lived experience:").first).to_be_visible()
    assert_accessible(page)
    with organisation_scope(c.riverside):
        assert not Offer.objects.exists(), "nothing goes out before the review"

    page.get_by_role("button", name="Send the offers").click()
    expect(
        page.get_by_text("2 offers are waiting for answers; 0 keep their place on the waiting list.")
    ).to_be_visible()
    assert_accessible(page)
    with organisation_scope(c.riverside):
        assert Offer.objects.filter(status=OfferStatus.OPEN).count() == 2

    # On the intake's waiting list, Dee's row says an offer is with them, and how long she has waited.
    week_ago = timezone.localdate() - timedelta(days=7)
    page.goto("/waiting/")
    dees_row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Dee", exact=True))
    expect(dees_row).to_contain_text("7 days")
    expect(dees_row).to_contain_text(f"since {week_ago.day} {week_ago:%b %Y}")
    expect(dees_row).to_contain_text("An offer is with them")

    # Dee says no for now.
    page.goto(f"/peers/{c.dee.pk}/")
    offers = page.get_by_role("region", name="Offers of a peer supporter")
    expect(offers.get_by_text("Waiting for their answer")).to_be_visible()
    offers.get_by_role("link").first.click()
    page.wait_for_url(re.compile(rf"/peers/{c.dee.pk}/offers/\d+/$"))
    assert_accessible(page)
    page.get_by_label("They said no for now (they keep their place)").check()
    page.get_by_role("button", name="Save their answer").click()
    expect(page.get_by_text("Their answer is recorded. They keep their place on the waiting list.")).to_be_visible()
    expect(page.get_by_text("Declined for now").first).to_be_visible()
    assert_accessible(page)

    # Still on the waiting list, with her wait: a week, not since today; the offer is no longer out.
    page.goto("/waiting/")
    expect(dees_row).to_be_visible()
    expect(dees_row).to_contain_text("7 days")
    expect(dees_row).to_contain_text(f"since {week_ago.day} {week_ago:%b %Y}")
    expect(dees_row).not_to_contain_text("An offer is with them")
    expect(dees_row).to_contain_text("Not said yet")
    assert_accessible(page)
    with organisation_scope(c.riverside):
        assert c.dee in waiting_peers(c.cleo)
    page.goto("/batches/")
    expect(page.get_by_text("1 peer is waiting for a peer supporter.")).to_be_visible()


def test_re_matching_a_leaving_supporter_and_a_peers_offers_page_are_accessible(ready_cast, new_context, signed_in):
    c = ready_cast
    page = signed_in(new_context(), "cleo").new_page()
    page.goto(f"/supporters/{c.pat_profile.pk}/")
    page.get_by_role("button", name="They are leaving: re-match their peers").click()
    assert_accessible(page)
    page.get_by_role("button", name="Propose new matches").click()
    page.wait_for_url(re.compile(r"/batches/\d+/$"))
    expect(page.get_by_text("Pat is moving on from their role.")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/peers/{c.dee.pk}/offers/")
    assert_accessible(page)
    page.get_by_label("Peer supporter to offer").select_option(label="Quinn")
    page.get_by_role("button", name="Make the offer").click()
    expect(page.get_by_text("The offer is made. Record their answer when they give it.")).to_be_visible()
    assert_accessible(page)
