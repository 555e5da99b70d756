"""Someone is looking over a worker's shoulder: one key press, or one link, leaves for a neutral page
and the back button does not bring the peer's record back."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


@pytest.fixture
def neutral_url(settings, live_server):
    # A page on the live server stands in for the neutral site, so the test makes no outside request.
    settings.QUICK_EXIT_URL = live_server.url + "/healthz"
    return settings.QUICK_EXIT_URL


@pytest.fixture
def on_a_peer_record(cast, new_context, signed_in, neutral_url):
    page = signed_in(new_context(), "pat").new_page()
    page.goto("/")
    page.goto(f"/peers/{cast.amara.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Amara")
    return page


def history_length(page) -> int:
    return page.evaluate("history.length")


def assert_left_without_a_trace(page, neutral_url: str, entries_before: int) -> None:
    page.wait_for_url(neutral_url)
    assert history_length(page) == entries_before, "the record page must be replaced in the history, not kept"
    page.go_back()
    page.wait_for_load_state("load")
    assert page.url.endswith("/"), page.url
    assert "/peers/" not in page.url
    # Back is the dashboard (which may name the worker's own peers, as its "Something worries me"
    # buttons do), never the record.
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Amara")


def test_pressing_escape_leaves_at_once_and_back_does_not_return_to_the_record(on_a_peer_record, neutral_url):
    page = on_a_peer_record
    entries = history_length(page)

    page.keyboard.press("Escape")

    assert_left_without_a_trace(page, neutral_url, entries)


def test_the_quick_exit_is_the_first_thing_after_the_skip_link_and_enter_follows_it(on_a_peer_record, neutral_url):
    page = on_a_peer_record
    entries = history_length(page)

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Tab")
    focused = page.evaluate("({id: document.activeElement.id, text: document.activeElement.innerText})")
    assert focused["id"] == "quick-exit"
    assert focused["text"].startswith("Leave quickly")
    page.keyboard.press("Enter")

    assert_left_without_a_trace(page, neutral_url, entries)


def test_the_quick_exit_is_there_before_signing_in_too(live_server, page, neutral_url):
    page.goto("/accounts/login/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "quick-exit"
    page.keyboard.press("Escape")
    page.wait_for_url(neutral_url)
