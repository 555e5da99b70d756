"""The intake conversation on a phone, and the waiting list that follows from it."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import make_peer
from intake.models import IntakeConversation
from organisations.tenancy import organisation_scope

from .conftest import PHONE, assert_accessible, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser


def _phone(new_context, signed_in, name):
    return signed_in(new_context(viewport=PHONE, is_mobile=True, has_touch=True), name).new_page()


def test_a_coordinator_records_an_intake_on_a_phone_and_the_peer_shows_on_the_waiting_list(
    cast, new_context, signed_in
):
    with organisation_scope(cast.riverside):  # a peer with no intake conversation yet (dee has one)
        noor = make_peer(cast.riverside, "Noor", cast.user("cleo"))
    page = _phone(new_context, signed_in, "cleo")
    page.goto(f"/peers/{noor.pk}/")
    page.get_by_role("link", name="Intake conversation: safety, what comes first, and a peer supporter").click()
    page.wait_for_url(f"**/peers/{noor.pk}/intake/")
    assert_accessible(page)
    page.get_by_role("button", name="Record the intake conversation").click()
    page.wait_for_url(f"**/peers/{noor.pk}/intake/new/")
    assert_no_horizontal_scroll(page)
    assert_accessible(page)

    twelve_days_ago = timezone.localdate() - timedelta(days=12)
    page.get_by_label("When the conversation was had:").fill(twelve_days_ago.isoformat())
    page.get_by_label("How they came to us:").select_option("partner")
    page.get_by_label("The partner who referred them:").select_option(label="Riverside Housing")
    page.get_by_label("Is it safe for them to come to us?").select_option("yes")
    page.get_by_label("Places they must not be seen:").fill("The market on Station Road")
    page.get_by_label("A safe place to stay").check()
    page.get_by_label("Would they like a peer supporter?").select_option("now")
    page.get_by_role("button", name="Save the conversation").click()

    page.wait_for_url(f"**/peers/{noor.pk}/intake/")
    expect(page.get_by_role("status")).to_have_text("The intake conversation has been saved.")
    expect(page.get_by_text("The market on Station Road")).to_be_visible()
    expect(page.get_by_text("A partner referred them: Riverside Housing")).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_accessible(page)

    page.get_by_role("link", name="The waiting list").click()
    page.wait_for_url("**/waiting/")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Noor"))
    expect(row).to_contain_text("12 days")
    assert_no_horizontal_scroll(page)
    assert_accessible(page)

    row.get_by_role("link", name="Say why").click()
    page.wait_for_url(f"**/peers/{noor.pk}/waiting/")
    assert_accessible(page)
    page.get_by_label("Why they are waiting").select_option("language")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/waiting/")
    expect(page.get_by_role("row").filter(has_text="Noor")).to_contain_text("speaks their language")


def test_a_peer_supporter_records_an_intake_for_their_peer_on_a_phone(cast, new_context, signed_in):
    page = _phone(new_context, signed_in, "pat")
    page.goto(f"/peers/{cast.amara.pk}/intake/new/")
    assert_no_horizontal_scroll(page)
    page.get_by_label("Might someone in our organisation be linked to the people who harmed them?").select_option(
        "maybe"
    )
    page.get_by_role("button", name="Save the conversation").click()
    page.wait_for_url(f"**/peers/{cast.amara.pk}/intake/")
    expect(page.get_by_role("status")).to_contain_text("A coordinator will make sure")
    assert_accessible(page)
    with organisation_scope(cast.riverside):
        assert IntakeConversation.objects.in_force().get(peer=cast.amara).network_link == "maybe"


def test_the_dashboard_and_the_threshold_settings(cast, new_context, signed_in):
    with organisation_scope(cast.riverside):
        from intake.services import record_intake

        record_intake(
            peer=cast.dee,
            by=cast.cleo,
            answers={"wants_peer_support": "now", "had_on": timezone.localdate() - timedelta(days=45)},
        )
    page = signed_in(new_context(), "ada").new_page()
    page.goto("/organisation/")
    page.get_by_role("link", name="How long a peer may wait before the dashboard says so").click()
    page.wait_for_url("**/organisation/waiting/")
    assert_accessible(page)
    page.get_by_label("Days a peer may wait before the dashboard says so:").fill("0")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert").first).to_contain_text("Nothing has been saved yet")
    assert_accessible(page)
    page.get_by_label("Days a peer may wait before the dashboard says so:").fill("40")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/organisation/")
    page.goto("/")
    tile = page.get_by_role("link", name="Peers waiting for a peer supporter longer than 40 days")
    expect(tile).to_be_visible()
    assert_accessible(page)
