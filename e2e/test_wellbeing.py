"""A peer supporter checks in on a phone in under a minute; their supervisor sees the early warning
with its reasons, and the answers only once the supporter shares them."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, assert_accessible, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser

NOTE = "The evening calls are wearing me down"


def test_a_supporter_checks_in_on_a_phone_and_the_supervisor_sees_only_what_is_shared(cast, new_context, signed_in):
    phone = signed_in(new_context(viewport=PHONE, is_mobile=True, has_touch=True), "pat").new_page()
    phone.goto("/")
    phone.get_by_role("link", name="Check in").first.click()
    phone.wait_for_url("**/wellbeing/check-in/")
    assert_no_horizontal_scroll(phone)
    assert_accessible(phone)
    started = time.perf_counter()
    for legend in (
        "I have felt cheerful and in good spirits",
        "I have felt calm and relaxed",
        "I have felt active and vigorous",
        "I woke up feeling fresh and rested",
        "My daily life has been filled with things that interest me",
    ):
        phone.get_by_role("group", name=legend).get_by_label("Some of the time").check()
    phone.get_by_role("group", name="Would you like a conversation").get_by_label("Yes, please").check()
    phone.get_by_label("Anything you want your supervisor to know?").fill(NOTE)
    phone.get_by_role("button", name="Save my check-in").click()
    phone.wait_for_url("**/wellbeing/")
    assert time.perf_counter() - started < 60
    expect(phone.get_by_text("Your supervisor will see that a conversation is suggested.")).to_be_visible()
    expect(phone.locator("svg.trend")).to_be_visible()
    assert_no_horizontal_scroll(phone)
    assert_accessible(phone)

    supervisor = signed_in(new_context(), "sina").new_page()
    supervisor.goto("/")
    panel = supervisor.get_by_role("region", name="Early warning: the peer supporters you supervise")
    expect(panel.get_by_text("A conversation is suggested")).to_be_visible()
    expect(panel.get_by_text("Their last check-in suggests a conversation.")).to_be_visible()
    assert NOTE not in supervisor.content()
    panel.get_by_role("link", name="Pat").click()
    supervisor.wait_for_url(f"**/supporters/{cast.pat_profile.pk}/wellbeing/")
    expect(supervisor.get_by_text("No supervision recorded here yet.")).to_be_visible()
    expect(supervisor.get_by_text("They have not shared any check-in with you.")).to_be_visible()
    assert NOTE not in supervisor.content() and "20 out of 100" not in supervisor.content()
    assert_accessible(supervisor)

    # Pat shares that check-in with her supervisor, from her phone.
    phone.get_by_label("Who sees your answers?").select_option("supervisor")
    phone.get_by_role("button", name="Change", exact=True).click()
    expect(phone.get_by_text("Who sees that check-in is changed.")).to_be_visible()
    supervisor.reload()
    expect(supervisor.get_by_text(NOTE)).to_be_visible()
    expect(supervisor.get_by_text("Wellbeing 20 out of 100.")).to_be_visible()
