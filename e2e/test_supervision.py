"""A supervisor records a session with their supervisee, walking through the caseload peer by peer;
the supervisee reads it and adds their own reflection; the coordinator sees when, not what."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_a_supervisor_records_a_session_walking_through_the_caseload(cast, new_context, signed_in):
    page = signed_in(new_context(), "sina").new_page()
    page.goto(f"/supporters/{cast.pat_profile.pk}/")
    page.get_by_role("link", name="Supervision sessions and how often").click()
    page.wait_for_url(re.compile(r"/supervision/$"))
    assert_accessible(page)
    page.get_by_role("button", name="Record a session").click()
    page.wait_for_url("**/supervision/new/")
    assert_accessible(page)
    # Only the peers sina sees through pat are walked through.
    caseload = page.get_by_role("group", name="Their caseload, peer by peer")
    expect(caseload.get_by_label("Amara")).to_be_visible()
    expect(caseload.get_by_label("Bea")).to_have_count(0)
    caseload.get_by_label("Amara").fill("Settling into the new flat.")
    page.get_by_label("Notes").fill("Talked about saying no to late calls.")
    topics = page.get_by_role("group", name="Topics that came up")
    topics.get_by_label("Boundaries").check()
    topics.get_by_label("Capacity").check()
    page.get_by_label("Length in minutes").fill("50")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/supervision/\d+/$"))
    expect(page.get_by_text("Supervision saved.")).to_be_visible()
    expect(page.get_by_text("Settling into the new flat.")).to_be_visible()
    expect(page.get_by_text("Boundaries, Capacity")).to_be_visible()
    assert_accessible(page)
    session_url = page.url

    pats = signed_in(new_context(), "pat").new_page()
    pats.goto(session_url)
    expect(pats.get_by_text("Talked about saying no to late calls.")).to_be_visible()
    pats.get_by_label("Your own reflection").fill("I will say no kindly, and early.")
    pats.get_by_role("button", name="Save my reflection").click()
    expect(pats.get_by_text("Your reflection is saved.")).to_be_visible()

    cleos = signed_in(new_context(), "cleo").new_page()
    cleos.goto(session_url)
    expect(cleos.get_by_text("stays between the supervisee and their supervisors")).to_be_visible()
    expect(cleos.get_by_text("Talked about saying no to late calls.")).to_have_count(0)
    expect(cleos.get_by_text("I will say no kindly, and early.")).to_have_count(0)
