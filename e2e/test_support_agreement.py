"""A peer supporter writes down the support agreement at the first meeting, shows it to the peer in
French and prints it: the French page holds the organisation's threshold word for word, and on
paper there is nothing but the agreement (no navigation, no names)."""

import re

import pytest
from playwright.sync_api import expect

from agreements.services import publish_threshold
from agreements.tests.helpers import FRENCH_THRESHOLD
from organisations.tenancy import organisation_scope

from .conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_an_agreement_is_recorded_and_printed_in_french(cast, new_context, signed_in):
    with organisation_scope(cast.riverside):
        publish_threshold(organisation=cast.riverside, by=cast.ada, version=2, language="en", body="What stays.")
        publish_threshold(organisation=cast.riverside, by=cast.ada, version=2, language="fr", body=FRENCH_THRESHOLD)
    page = signed_in(new_context(), "pat").new_page()

    page.goto(f"/peers/{cast.amara.pk}/")
    page.get_by_role("link", name="Support agreement with Pat").click()
    page.wait_for_url(re.compile(r"/agreement/$"))
    assert_accessible(page)

    page.get_by_role("button", name="Record a new version").click()
    page.wait_for_url("**/agreement/new/")
    assert_accessible(page)
    # A mistake first: the form comes back with what was typed, and says what to look at.
    page.get_by_label("Who to contact in a crisis").fill("999, then the duty coordinator")
    page.get_by_label("When you will look at this agreement again").fill("")
    page.get_by_role("button", name="Save the agreement").click()
    expect(page.get_by_role("alert").first).to_contain_text("Nothing has been saved yet.")
    expect(page.get_by_label("Who to contact in a crisis")).to_have_value("999, then the duty coordinator")
    assert_accessible(page)
    page.get_by_label("When you will look at this agreement again").fill("2031-01-15")
    page.get_by_label("How often you will be in touch").select_option(label="Every two weeks")
    ways = page.get_by_role("group", name="Ways you will be in touch")
    ways.get_by_label("Phone calls").check()
    ways.get_by_label("Meeting in person").check()
    page.get_by_role("group", name="Ways you will never use").get_by_label("Social media").check()
    page.get_by_label("The hours contact is expected").fill("Weekdays, 10am to 4pm")
    page.get_by_label("Who to contact outside those hours").fill("The office line, or the helpline")
    page.get_by_role("group", name="Will the peer supporter draw on their own story?").get_by_label(
        "No, they will keep their own story to themselves"
    ).check()
    page.get_by_role("group", name="Does the peer want to talk about their own experience?").get_by_label(
        "No, they would rather not talk about it"
    ).check()
    page.get_by_label("Who to contact in a crisis").fill("999, then the duty coordinator")
    page.get_by_role("button", name="Save the agreement").click()
    page.wait_for_url(re.compile(r"/agreement/$"))
    expect(page.get_by_text("The agreement is saved.")).to_be_visible()
    expect(page.get_by_text("We will be in touch every two weeks.")).to_be_visible()
    expect(page.get_by_text("Neither of us will talk about our own experience.", exact=False)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Show it to them, or print it").click()
    page.wait_for_url("**/for-the-peer/")
    page.get_by_label("Show it in").select_option("fr")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**/for-the-peer/?language=fr")
    assert page.locator("html").get_attribute("lang") == "fr"
    expect(page.get_by_role("heading", level=1)).to_have_text("Notre accord de soutien")
    assert page.title().startswith("Notre accord de soutien")
    threshold = page.locator(".agreement .threshold")
    assert threshold.inner_text().split("\n\n") == FRENCH_THRESHOLD.split("\n\n")  # word for word
    expect(page.get_by_text("Nous serons en contact toutes les deux semaines.")).to_be_visible()
    expect(page.get_by_text("Vous serez prévenu·e d'abord", exact=False)).to_be_visible()
    assert_accessible(page)

    # On paper: the agreement and nothing else.
    page.emulate_media(media="print")
    for hidden in ("header.site-header", "footer.site-footer", "#quick-exit", ".no-print"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator(".agreement")).to_be_visible()
    printed = page.locator("body").inner_text()
    for name in ("Amara", "Pat", "Riverside"):
        assert name not in printed, f"the printed copy names {name}"
    assert FRENCH_THRESHOLD.split("\n\n")[0] in printed
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000
