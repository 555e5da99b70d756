"""A coordinator takes a candidate from application through a readiness conversation to training: the
list of people on the way, a stage move refused without a reason and kept as typed, the conversation
with notes and a judgement in words, and the history on their path. Every page is checked with axe-core.
(The training, competence and shadowing steps are other apps'.)"""

import re

import pytest
from playwright.sync_api import expect

from conftest import make_member
from organisations.tenancy import organisation_scope
from people.models import PeerSupporter
from recruitment import services

from .conftest import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def nia(cast):
    """Nia has just joined as a peer supporter: her path starts at "applied"."""
    with organisation_scope(cast.riverside):
        return services.start_profile(make_member(cast.riverside, "nia", "peer_supporter"))


def test_a_coordinator_takes_a_candidate_from_application_to_training(cast, nia, new_context, signed_in):
    page = signed_in(new_context(), "cleo").new_page()
    page.goto("/")
    page.get_by_role("link", name="See everyone on the way").click()
    page.wait_for_url("**/recruitment/")
    assert_accessible(page)
    applied = page.locator("section", has=page.get_by_role("heading", name=re.compile("^Applied")))
    applied.get_by_role("link", name="Nia").click()
    page.wait_for_url(f"**/supporters/{nia.pk}/path/")
    assert_accessible(page)

    # Moving on without a reason is refused, and what was typed stays.
    page.get_by_role("button", name="Move to another stage").click()
    page.get_by_label("Move them to").select_option(label="Moved on")
    page.get_by_label("In a few words").fill("Unsure about the hours")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert").first).to_contain_text("Nothing has been saved yet.")
    expect(page.get_by_label("In a few words")).to_have_value("Unsure about the hours")
    assert_accessible(page)
    page.get_by_label("Move them to").select_option(label="Readiness conversations")
    page.get_by_label("In a few words").fill("Hours sorted: evenings suit her")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/supporters/{nia.pk}/path/")

    page.get_by_role("button", name="Record a readiness conversation").click()
    page.wait_for_url("**/path/readiness/")
    assert_accessible(page)
    page.get_by_label("A self-care plan and support outside work").fill("A counsellor monthly, and her choir")
    page.get_by_label("Ready, with support").check()
    page.get_by_label("The reasons").fill("Warm and steady; new to hearing others' stories")
    page.get_by_label("The support agreed").fill("Weekly supervision for three months")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/supporters/{nia.pk}/path/")
    expect(page.get_by_text("Ready, with support")).to_be_visible()
    expect(page.get_by_text("Warm and steady; new to hearing others' stories")).to_be_visible()

    page.get_by_role("button", name="Move to another stage").click()
    page.get_by_label("Move them to").select_option(label="In training")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/supporters/{nia.pk}/path/")
    stages = page.locator("ol.plain-list > li")
    expect(stages).to_have_count(3)
    expect(stages.nth(1)).to_contain_text("Hours sorted: evenings suit her")
    expect(stages.nth(2)).to_contain_text("In training")
    assert_accessible(page)
    with organisation_scope(cast.riverside):
        assert PeerSupporter.objects.get(pk=nia.pk).stage == "training"
