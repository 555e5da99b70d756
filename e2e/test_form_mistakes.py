"""A worker makes a mistake on a form: it comes back with their answers kept and says what to fix."""

import pytest
from playwright.sync_api import expect

from organisations.tenancy import all_organisations
from people.models import Peer

from .conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def cleo_page(new_context, signed_in):
    return signed_in(new_context(), "cleo").new_page()


def test_consent_naming_a_partner_without_agreeing_to_sharing_is_sent_back_with_the_answers_kept(cast, cleo_page):
    page = cleo_page
    page.goto(f"/peers/{cast.dee.pk}/consent/")
    page.get_by_label("Taking part in peer support").check()
    page.get_by_label("Us keeping a record of their support").check()
    page.get_by_label("Riverside Housing").check()
    page.get_by_label("Being contacted later for follow-up surveys").check()
    page.get_by_role("button", name="Save consent").click()

    page.wait_for_load_state("load")
    assert page.url.endswith(f"/peers/{cast.dee.pk}/consent/")
    expect(page.get_by_role("alert").first).to_have_text("Some answers need another look. Nothing has been saved yet.")
    expect(page.get_by_text("Tick sharing with partners too, or untick the partners.")).to_be_visible()
    expect(page.get_by_label("Taking part in peer support")).to_be_checked()
    expect(page.get_by_label("Us keeping a record of their support")).to_be_checked()
    expect(page.get_by_label("Riverside Housing")).to_be_checked()
    expect(page.get_by_label("Being contacted later for follow-up surveys")).to_be_checked()
    expect(page.get_by_label("Sharing information with the partners they name")).not_to_be_checked()
    assert_accessible(page)

    page.goto(f"/peers/{cast.dee.pk}/")
    expect(page.get_by_text("No consent is in force")).to_be_visible()


def test_a_peer_without_a_chosen_name_is_sent_back_with_the_rest_kept(cast, cleo_page):
    page = cleo_page
    page.goto("/peers/new/")
    page.get_by_label("Pronouns:", exact=True).fill("they/them")
    page.get_by_label("Country of origin:", exact=True).fill("Eritrea")
    page.get_by_label("Code word:", exact=True).fill("sunflower")
    page.get_by_role("button", name="Save").click()

    page.wait_for_load_state("load")
    assert page.url.endswith("/peers/new/")
    expect(page.get_by_text("Some answers need another look. Nothing has been saved yet.")).to_be_visible()
    name = page.get_by_label("Chosen name:", exact=True)
    assert name.get_attribute("aria-invalid") == "true"
    expect(page.locator(".field-error").filter(has=name).get_by_text("This field is required.")).to_be_visible()
    expect(page.get_by_label("Pronouns:", exact=True)).to_have_value("they/them")
    expect(page.get_by_label("Country of origin:", exact=True)).to_have_value("Eritrea")
    expect(page.get_by_label("Code word:", exact=True)).to_have_value("sunflower")
    assert_accessible(page)


def test_erasing_without_ticking_the_confirmation_erases_nothing_and_says_why(cast, cleo_page):
    page = cleo_page
    page.goto(f"/peers/{cast.bea.pk}/erase/")
    page.get_by_role("button", name="Erase the record").click()

    page.wait_for_load_state("load")
    assert page.url.endswith(f"/peers/{cast.bea.pk}/erase/")
    error = page.get_by_role("alert")
    expect(error).to_have_text("Tick the box to confirm, or go back if you did not mean to erase.")
    checkbox = page.get_by_label("I understand this cannot be undone")
    assert checkbox.get_attribute("aria-invalid") == "true"
    assert checkbox.get_attribute("aria-describedby") == error.get_attribute("id")
    assert_accessible(page)
    with all_organisations():
        assert not Peer.objects.get(pk=cast.bea.pk).is_erased
