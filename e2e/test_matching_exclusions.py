"""A coordinator keeps a peer and a peer supporter apart; the supporter is gone from the suggestions
(shown only as "not available"), and the supporter never sees a trace of it.

Every page on the way is checked with axe-core.
"""

import re

import pytest
from playwright.sync_api import expect

from matching.models import SupporterDetails
from organisations.tenancy import organisation_scope
from people.models import Peer, PeerSupporter

from .conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def ready(cast):
    """Pat, Quinn and Rio support peers and may work one-to-one on their own; Dee speaks English."""
    with organisation_scope(cast.riverside):
        for name in ("pat_profile", "quinn_profile", "rio_profile"):
            supporter = cast.supporters[name]
            PeerSupporter.objects.filter(pk=supporter.pk).update(stage="active", languages=["en"])
            SupporterDetails.objects.update_or_create(supporter=supporter, defaults={"organisation": cast.riverside})
        Peer.objects.filter(pk=cast.dee.pk).update(languages=["en"])
    return cast


def test_a_coordinator_keeps_a_supporter_from_a_peer_and_the_supporter_sees_no_trace(
    live_server, ready, new_context, signed_in
):
    cast = ready
    page = signed_in(new_context(), "cleo").new_page()
    page.goto(f"{live_server.url}/peers/{cast.dee.pk}/")
    page.get_by_role("link", name="Suggested peer supporters").click()
    page.wait_for_url(f"**/peers/{cast.dee.pk}/suggestions/")
    assert_accessible(page)
    suggested = page.locator("section[aria-labelledby=suggested-heading]")
    expect(suggested.get_by_text("Quinn", exact=True)).to_be_visible()

    # The record of who they must never be put with: Quinn, a link to the same network, with a note.
    page.goto(f"{live_server.url}/peers/{cast.dee.pk}/")
    page.get_by_role("link", name="Who they must never be put with").click()
    page.wait_for_url(f"**/peers/{cast.dee.pk}/kept-apart/")
    assert_accessible(page)
    page.get_by_label("A peer supporter").select_option(label="Quinn")
    page.get_by_label("A link to the same network").check()
    page.get_by_label("A note (optional)").fill("Her brother drives for the same people.")
    page.get_by_role("button", name="Keep them apart").click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    expect(page.get_by_text("Quinn (a peer supporter)")).to_be_visible()
    assert_accessible(page)

    # A mistake on the form re-displays it, with what was typed.
    page.get_by_label("A note (optional)").fill("Kept as typed")
    page.get_by_role("button", name="Keep them apart").click()
    expect(page.get_by_text("Choose one person: a peer supporter, or another peer.")).to_be_visible()
    expect(page.get_by_label("A note (optional)")).to_have_value("Kept as typed")
    assert_accessible(page)

    page.goto(f"{live_server.url}/peers/{cast.dee.pk}/suggestions/")
    expect(suggested.get_by_text("Quinn", exact=True)).to_have_count(0)
    left_out = page.locator("section[aria-labelledby=left-out-heading]")
    expect(left_out.get_by_text("Quinn: Not available")).to_be_visible()
    body = page.content()
    assert "network" not in body and "brother" not in body
    assert_accessible(page)

    # Quinn's own pages: nothing says that an exclusion exists, nor who, nor why.
    quinn = signed_in(new_context(), "quinn").new_page()
    for path in ("/", f"/supporters/{cast.quinn_profile.pk}/", f"/peers/{cast.bea.pk}/"):
        quinn.goto(f"{live_server.url}{path}")
        text = quinn.content()
        assert not re.search(r"never be put|kept apart|not available|network|brother|Dee", text, re.I), path
        assert_accessible(quinn)
    for path in (f"/supporters/{cast.quinn_profile.pk}/kept-apart/", f"/peers/{cast.dee.pk}/suggestions/"):
        response = quinn.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 404


def test_a_coordinator_records_what_matters_to_a_peer_a_supporters_details_and_the_settings(
    live_server, ready, new_context, signed_in
):
    cast = ready
    page = signed_in(new_context(), "cleo").new_page()

    page.goto(f"{live_server.url}/peers/{cast.dee.pk}/")
    page.get_by_role("link", name="What matters most to them").click()
    page.wait_for_url(f"**/peers/{cast.dee.pk}/matching-wishes/")
    assert_accessible(page)
    page.get_by_label("Gender").select_option(label="Matters most")
    page.get_by_label("Monday evening").check()
    page.get_by_label("Would rather have a staff member without lived experience").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/peers/{cast.dee.pk}/")
    expect(page.get_by_text("Changes saved.")).to_be_visible()

    page.goto(f"{live_server.url}/peers/{cast.dee.pk}/suggestions/")
    expect(page.get_by_text("They would rather have a staff member without lived experience.")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/supporters/{cast.quinn_profile.pk}/")
    page.get_by_role("link", name="Matching details").click()
    page.wait_for_url(f"**/supporters/{cast.quinn_profile.pk}/matching-details/")
    assert_accessible(page)
    page.get_by_label("Were they once a peer here? The number of their own peer record").fill("999999999")
    page.get_by_label("Culture or background they share").fill("Eritrean")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("No peer record with that number.")).to_be_visible()
    expect(page.get_by_label("Culture or background they share")).to_have_value("Eritrean")
    assert_accessible(page)

    page.goto(f"{live_server.url}/organisation/matching/")
    assert_accessible(page)
    page.get_by_label("Good-enough fit").fill("150")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_label("Good-enough fit")).to_have_value("150")
    assert_accessible(page)
