"""A coordinator searches the caseload and pages through the results: the name typed is never in the
address bar or the browser's history, and the tab says "Peers", not whose record is open."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_searching_and_paging_leave_no_name_in_the_address_or_history(cast, new_context, signed_in, monkeypatch):
    monkeypatch.setattr("people.caseload.PAGE_SIZE", 1)
    page = signed_in(new_context(), "cleo").new_page()
    page.goto("/peers/")
    history = page.evaluate("history.length")

    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/peers/")):
        page.get_by_label("Find by name").fill("a")
    results = page.locator("#results")
    expect(results.get_by_text("Page 1 of")).to_be_visible()
    first = results.get_by_role("link").first.inner_text()

    results.get_by_role("button", name="Next page").click()
    expect(results.get_by_text("Page 2 of")).to_be_visible()
    assert results.get_by_role("link").first.inner_text() != first

    expect(page).to_have_url(re.compile(r"/peers/$"))
    assert page.evaluate("history.length") == history
    results.get_by_role("link").first.click()
    expect(page).to_have_title(re.compile(r"^Peer record"))
