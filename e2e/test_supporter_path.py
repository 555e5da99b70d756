"""Issue 9's acceptance: a coordinator takes a candidate from application to supporting peers, all
through the browser, and then sees them suggested for a waiting peer.

Nia has just joined as a peer supporter (her path starts at "Applied"; sina is her supervisor). The
coordinator (cleo) moves her to readiness conversations and records one, judged "ready"; adds the two
modules the organisation requires for the "Supervised one-to-one" level on the training page, starts a
cohort with a past session of each, enrols her (her stage becomes "In training" by itself) and marks
her present at both. Her supervisor (sina) gives her the supervised one-to-one level with a reason (her
stage becomes "Shadowing" by itself), signs off each competence the level asks for and records the six
sessions she shadowed a colleague: her competence page then shows nothing missing for supervised
one-to-one, and still what is missing for one-to-one on her own. The coordinator moves her to
"Supporting peers", the path showing every move, and finds her among the peer supporters suggested for
Dee, a waiting peer who asked for a group (so supervised one-to-one suits her wishes), speaks Romanian
and is free on Tuesday evenings, as Nia is. Every distinct page is checked with axe-core.

Seeded, as the other browser tests seed: the cast, Nia's profile at "applied", her languages and the
times she is free, and Dee's wishes. Everything the story is about goes through the pages.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from competence.defaults import COMPETENCES, LEVELS, SUPERVISED
from conftest import make_member
from matching.models import PeerWishes, SupporterDetails
from organisations.tenancy import organisation_scope
from people.models import PeerSupporter
from recruitment import services as recruitment

from .conftest import assert_accessible

pytestmark = pytest.mark.browser

MODULES = ("Role and boundaries", "Safeguarding in practice")
LEVEL_NAME = next(name for code, name, *_ in LEVELS if code == SUPERVISED)
COMPETENCE_NAMES = {code: name for code, _kind, _area, name, *_ in COMPETENCES}
LEVEL_COMPETENCES = next(needed for code, *_, needed, _shadowing, _shadowed in LEVELS if code == SUPERVISED)
SHADOWING_NEEDED = next(shadowing for code, *_, shadowing, _shadowed in LEVELS if code == SUPERVISED)
ALONGSIDE = "One-to-one support, with someone alongside"
ALONE = "One-to-one support on their own"


@pytest.fixture
def nia(cast):
    """Nia has just joined as a peer supporter, supervised by sina; she speaks Romanian and English and
    is free on Tuesday evenings. Dee, waiting for a peer supporter, asked for a group, speaks Romanian
    and is free on Tuesday evenings too."""
    with organisation_scope(cast.riverside):
        supporter = recruitment.start_profile(make_member(cast.riverside, "nia", "peer_supporter"))
        supporter.supervisor = cast.sina
        supporter.languages = ["ro", "en"]
        supporter.save()
        SupporterDetails.objects.create(organisation=cast.riverside, supporter=supporter, availability=["tue_evening"])
        cast.dee.languages = ["ro"]
        cast.dee.support_format = "group"
        cast.dee.save()
        PeerWishes.objects.create(organisation=cast.riverside, peer=cast.dee, availability=["tue_evening"])
    assert supporter.stage == "recruited"
    return supporter


class Checked:
    """axe-core once on each distinct page of the story (by its path with numbers taken out)."""

    def __init__(self) -> None:
        self.seen: set[str] = set()

    def __call__(self, page: Page) -> None:
        kind = re.sub(r"/\d+/", "/N/", page.url.split("?")[0])
        if kind not in self.seen:
            self.seen.add(kind)
            assert_accessible(page)


def days_ago(n: int) -> str:
    return (timezone.localdate() - timedelta(days=n)).isoformat()


def open_path(page: Page, supporter: PeerSupporter) -> None:
    page.goto(f"/supporters/{supporter.pk}/path/")


def expect_stage(page: Page, supporter: PeerSupporter, label: str) -> None:
    """Their path page says they are at ``label`` now."""
    open_path(page, supporter)
    expect(page.locator("hgroup p")).to_have_text(f"Their path · {label}")


def move_by_hand(page: Page, supporter: PeerSupporter, label: str, why: str, check) -> None:
    open_path(page, supporter)
    page.get_by_role("button", name="Move to another stage").click()
    page.wait_for_url(f"**/supporters/{supporter.pk}/path/move/")
    check(page)
    page.get_by_label("Move them to").select_option(label=label)
    page.get_by_label("In a few words").fill(why)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/supporters/{supporter.pk}/path/")
    expect_stage(page, supporter, label)


def verdict(page: Page, work: str):
    return page.locator("ul.verdicts > li").filter(has_text=work)


def test_a_coordinator_takes_a_candidate_from_application_to_supporting_peers(cast, nia, new_context, signed_in):
    check = Checked()
    cleo = signed_in(new_context(), "cleo").new_page()
    sina = signed_in(new_context(), "sina").new_page()

    # 1. Readiness: from the list of people on the way, to her path; a conversation judged "ready".
    cleo.goto("/")
    check(cleo)
    cleo.get_by_role("link", name="See everyone on the way").click()
    cleo.wait_for_url("**/recruitment/")
    check(cleo)
    applied = cleo.locator("section", has=cleo.get_by_role("heading", name=re.compile("^Applied")))
    applied.get_by_role("link", name="Nia").click()
    cleo.wait_for_url(f"**/supporters/{nia.pk}/path/")
    check(cleo)
    move_by_hand(cleo, nia, "Readiness conversations", "She asked to talk it through", check)
    cleo.get_by_role("button", name="Record a readiness conversation").click()
    cleo.wait_for_url("**/path/readiness/")
    check(cleo)
    cleo.get_by_label("A self-care plan and support outside work").fill("Her sister, and a counsellor monthly")
    cleo.get_by_label("Ready", exact=True).check()
    cleo.get_by_label("The reasons").fill("Steady, listens well, clear about what she shares")
    cleo.get_by_role("button", name="Save").click()
    cleo.wait_for_url(f"**/supporters/{nia.pk}/path/")
    conversation = cleo.locator("article").filter(has_text="Steady, listens well, clear about what she shares")
    expect(conversation.locator("header strong")).to_have_text("Ready")

    # 2. Training: the modules required for supervised one-to-one, a cohort, its sessions, attendance.
    cleo.goto("/training/")
    check(cleo)
    for title in MODULES:
        cleo.get_by_text("Add a module").click()
        form = cleo.locator("form", has=cleo.get_by_role("button", name="Add the module"))
        form.get_by_label("Title").fill(title)
        form.get_by_label("How it is delivered").select_option(label="In person")
        form.get_by_label("Who it is for").select_option(label="Peer supporters")
        form.get_by_label(LEVEL_NAME, exact=True).check()
        form.get_by_role("button", name="Add the module").click()
        expect(cleo.get_by_text("The module has been added.")).to_be_visible()
        row = cleo.get_by_role("row").filter(has=cleo.get_by_role("cell", name=title, exact=True))
        expect(row.get_by_role("cell").last).to_have_text(LEVEL_NAME)
    cleo.get_by_text("Start a cohort").click()
    form = cleo.locator("form", has=cleo.get_by_role("button", name="Start the cohort"))
    form.get_by_label("Name").fill("Winter group")
    form.get_by_label("Starts on").fill(days_ago(14))
    form.get_by_label("Weeks").fill("2")
    form.get_by_role("button", name="Start the cohort").click()
    cleo.wait_for_url(re.compile(r"/training/cohorts/\d+/$"))
    expect(cleo.get_by_text("The cohort has been started.")).to_be_visible()
    check(cleo)
    cohort_url = cleo.url
    for days, title in zip((14, 13), MODULES, strict=True):
        cleo.get_by_text("Add a session").click()
        form = cleo.locator("form", has=cleo.get_by_role("button", name="Add the session"))
        form.get_by_label("Module").select_option(label=title)
        form.get_by_label("Date").fill(days_ago(days))
        form.get_by_role("button", name="Add the session").click()
        expect(cleo.get_by_text("The session has been added.")).to_be_visible()
    cleo.get_by_label("Peer supporter").select_option(label="Nia")
    cleo.get_by_role("button", name="Add to the cohort").click()
    expect(cleo.get_by_text("Added to the cohort.")).to_be_visible()
    expect(cleo.get_by_role("link", name="Nia", exact=True)).to_be_visible()
    # Joining the cohort moved her on by itself: nobody moves her to "In training" by hand.
    expect_stage(cleo, nia, "In training")
    for n in range(len(MODULES)):
        cleo.goto(cohort_url)
        cleo.get_by_role("link", name="Attendance").nth(n).click()
        cleo.wait_for_url(re.compile(r"/training/sessions/\d+/$"))
        check(cleo)
        cleo.get_by_role("group", name="Nia").get_by_label("Present").check()
        cleo.get_by_role("button", name="Save attendance").click()
        expect(cleo.get_by_text("Attendance saved.")).to_be_visible()
    cleo.goto(f"/supporters/{nia.pk}/training/")
    check(cleo)
    expect(cleo.get_by_text(f"{len(MODULES)} of {len(MODULES)} done.")).to_be_visible()

    # 3. Her supervisor gives her the level, signs off its competences and records her shadowing.
    sina.goto(f"/supporters/{nia.pk}/")
    check(sina)
    sina.get_by_role("link", name="Level, competences and shadowing").click()
    sina.wait_for_url(f"**/supporters/{nia.pk}/competence/")
    check(sina)
    expect(verdict(sina, ALONGSIDE)).to_contain_text("No responsibility level yet.")
    sina.get_by_role("button", name="Raise or lower the level").click()
    sina.wait_for_url("**/competence/level/")
    check(sina)
    sina.get_by_label("Their level from now").select_option(label=LEVEL_NAME)
    sina.get_by_label("Why").fill("Training done; ready to start with someone alongside")
    sina.get_by_role("button", name="Save").click()
    sina.wait_for_url(f"**/supporters/{nia.pk}/competence/")
    expect(sina.get_by_text(LEVEL_NAME, exact=True).first).to_be_visible()
    expect(verdict(sina, ALONGSIDE)).to_contain_text("Not yet signed off")
    # A level with direct work moved her on to shadowing by itself.
    expect_stage(cleo, nia, "Shadowing")

    for i, code in enumerate(LEVEL_COMPETENCES):
        sina.goto(f"/supporters/{nia.pk}/competence/")
        sina.get_by_role("button", name="Sign off a competence").click()
        sina.wait_for_url("**/competence/sign-off/")
        check(sina)
        sina.get_by_label("Competence").select_option(label=COMPETENCE_NAMES[code])
        sina.get_by_label("An observed role play").check()
        sina.get_by_label("Which one").fill(f"Role play {i + 1} in the winter group")
        sina.get_by_label("Date").fill(days_ago(10))
        sina.get_by_role("button", name="Save").click()
        sina.wait_for_url(f"**/supporters/{nia.pk}/competence/")
    signed = sina.locator("section", has=sina.get_by_role("heading", name="Competences signed off"))
    expect(signed.locator("li")).to_have_count(len(LEVEL_COMPETENCES))
    signed_on = timezone.localdate() - timedelta(days=10)
    first = signed.locator("li").filter(has_text=COMPETENCE_NAMES[LEVEL_COMPETENCES[0]])
    expect(first).to_contain_text(f"{signed_on.day} {signed_on:%B %Y} · An observed role play (Role play 1")

    for i in range(SHADOWING_NEEDED):
        sina.goto(f"/supporters/{nia.pk}/competence/")
        sina.get_by_role("button", name="Record shadowing").click()
        sina.wait_for_url("**/competence/shadowing/")
        check(sina)
        sina.get_by_label("They shadowed a colleague").check()
        sina.get_by_label("The colleague").select_option(label="Pat")
        sina.get_by_label("When").fill(days_ago(9 - i))
        sina.get_by_label("What kind of work").select_option(label="A one-to-one session")
        sina.get_by_role("button", name="Save").click()
        sina.wait_for_url(f"**/supporters/{nia.pk}/competence/")
    shadowing = sina.locator("section", has=sina.get_by_role("heading", name="Shadowing", exact=True))
    expect(shadowing.locator("li")).to_have_count(SHADOWING_NEEDED)

    # Nothing is missing for supervised one-to-one; one-to-one on her own still waits.
    expect(verdict(sina, ALONGSIDE)).to_have_text(f"{ALONGSIDE}: yes")
    alone = verdict(sina, ALONE)
    expect(alone).to_contain_text("not yet")
    expect(alone).to_contain_text("This work begins once they are supporting peers, after shadowing.")
    expect(alone).to_contain_text(f"Their level, {LEVEL_NAME}, does not include this work.")

    # 4. Supporting peers stays the coordinator's choice: she is still shadowing until moved.
    expect_stage(cleo, nia, "Shadowing")
    move_by_hand(cleo, nia, "Supporting peers", "Shadowing done; starting with someone alongside", check)
    stages = cleo.locator("ol.plain-list > li")
    expect(stages).to_have_count(5)
    for n, label in enumerate(("Applied", "Readiness conversations", "In training", "Shadowing", "Supporting peers")):
        expect(stages.nth(n).locator("strong")).to_have_text(label)
    expect(stages.nth(1)).to_contain_text("She asked to talk it through")
    expect(stages.nth(2)).to_contain_text("Cleo")  # who enrolled her
    expect(stages.nth(2)).to_contain_text("Joined a training cohort.")
    expect(stages.nth(3)).to_contain_text("Sina")  # who gave her the level
    expect(stages.nth(3)).to_contain_text("Given a level with direct work.")
    expect(stages.nth(4)).to_contain_text("Shadowing done; starting with someone alongside")
    with organisation_scope(cast.riverside):
        assert PeerSupporter.objects.get(pk=nia.pk).stage == "active"
    sina.goto(f"/supporters/{nia.pk}/competence/")
    expect(verdict(sina, ALONGSIDE)).to_have_text(f"{ALONGSIDE}: yes")
    expect(verdict(sina, ALONE)).to_contain_text(f"Their level, {LEVEL_NAME}, does not include this work.")
    expect(verdict(sina, ALONE)).not_to_contain_text("This work begins once")

    # 5. Suggested for Dee, who is waiting: supervised one-to-one suits what she asked for.
    cleo.goto(f"/peers/{cast.dee.pk}/")
    check(cleo)
    cleo.get_by_role("link", name="Suggested peer supporters").click()
    cleo.wait_for_url(f"**/peers/{cast.dee.pk}/suggestions/")
    check(cleo)
    suggested = cleo.locator("section", has=cleo.get_by_role("heading", name="Suggested", exact=True))
    nias = suggested.locator("article").filter(has=cleo.locator("header strong", has_text=re.compile("^Nia$")))
    expect(nias).to_have_count(1)
    expect(nias).to_contain_text("Shares a language with them")
    expect(nias).to_contain_text("Free at the same times")
    expect(nias.get_by_role("row").filter(has_text="One-to-one or group")).to_contain_text("They asked for a group")
    left_out = cleo.locator("section", has=cleo.get_by_role("heading", name="Not suggested, and why"))
    expect(left_out).not_to_contain_text("Nia")
