"""A peer supporter logs a contact on a phone in a few taps (the test counts them), with nothing to
scroll sideways and nothing axe-core objects to; a note typed is kept as a draft while typing."""

import re
import time

import pytest
from playwright.sync_api import expect

from contacts.models import Contact, ContactDraft
from organisations.tenancy import organisation_scope

from .conftest import PHONE, assert_accessible, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser

COUNT_TOUCHES = """() => {
  window.__touched = new Set();
  document.querySelector("form.log-form").addEventListener("change", e => {
    window.__touched.add(e.target.name);
  }, true);
}"""


def test_a_contact_is_logged_on_a_phone_in_three_taps(cast, new_context, signed_in):
    page = signed_in(new_context(viewport=PHONE, is_mobile=True, has_touch=True), "pat").new_page()
    started = time.perf_counter()
    page.goto("/contacts/")
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
    page.get_by_role("button", name="Amara").click()
    page.wait_for_url(re.compile(r"/contacts/new/$"))
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
    page.evaluate(COUNT_TOUCHES)

    page.get_by_text("Emotional support", exact=True).tap()
    page.get_by_text("45 min", exact=True).tap()
    page.get_by_text("Housing", exact=True).tap()
    touched = page.evaluate("() => [...window.__touched]")
    page.get_by_role("button", name="Save the contact").tap()

    expect(page.get_by_role("status").first).to_contain_text("The contact is logged.")
    assert len(touched) <= 3, touched
    assert time.perf_counter() - started < 30
    with organisation_scope(cast.riverside):
        contact = Contact.objects.get()
        assert (contact.kind, contact.minutes, contact.needs, contact.how) == (
            "emotional",
            45,
            ["housing"],
            "in_person",
        )


def test_a_note_is_kept_as_a_draft_while_typing_and_offered_back(cast, new_context, signed_in):
    page = signed_in(new_context(viewport=PHONE, is_mobile=True, has_touch=True), "pat").new_page()
    page.goto("/contacts/")
    page.get_by_role("button", name="Amara").click()
    page.get_by_text("Add a private note").tap()
    page.get_by_label("Private note").fill("She found a room near the college")
    expect(page.locator("#draft-status")).to_contain_text("Kept as a draft")
    assert_accessible(page)
    with organisation_scope(cast.riverside):
        assert ContactDraft.objects.get().fields["note"] == "She found a room near the college"
    stored = page.evaluate("() => [...Object.entries(localStorage), ...Object.entries(sessionStorage)]")
    assert "room" not in str(stored), stored

    page.goto("/contacts/")  # left without saving: the next visit offers it back
    expect(page.get_by_role("heading", name="You had started a note")).to_be_visible()
    page.get_by_role("link", name=re.compile("Carry on")).click()
    expect(page.get_by_label("Private note")).to_have_value("She found a room near the college")
