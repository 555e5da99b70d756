"""A peer's plan, as their peer supporter writes it down with them: nothing needed but the goal's
words; basic needs first; small steps done and when; progress added, never rewritten; a goal achieved,
paused or let go, never failed; bad input shown again with what to fix."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from encryption.fields import decrypt
from goals.choices import GoalStatus
from goals.models import Goal, NeverRewrittenError, ProgressEntry, Step
from goals.services import GoalError, GoalWords, add_goal, retire_domain
from organisations.models import Partner
from organisations.tenancy import all_organisations, organisation_scope

from .helpers import domain, goal_of, url


def _only(cast) -> Goal:
    with organisation_scope(cast.riverside):
        return Goal.objects.select_related("domain").get(peer=cast.amara)


def test_a_goal_needs_only_its_words(cast, client_for):
    response = client_for("pat").post(url(cast.amara, "goals/new/"), {"words": "Get my papers sorted", "voice": "peer", "kind": "longer_term"})  # fmt: skip
    assert response.status_code == 302
    goal = _only(cast)
    assert (goal.words, goal.domain, goal.status, goal.helpers) == ("Get my papers sorted", None, "working_on", [])
    assert goal.created_by == cast.user("pat")


def test_without_words_the_form_comes_back_with_what_was_typed_and_saves_nothing(cast, client_for):
    response = client_for("pat").post(url(cast.amara, "goals/new/"), {"words": "  ", "voice": "peer", "kind": "basic_need", "someone_else": "My aunt Rosa"})  # fmt: skip
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing has been saved yet" in body and "My aunt Rosa" in body
    with organisation_scope(cast.riverside):
        assert not Goal.objects.exists()


def test_made_up_choices_are_shown_again_not_a_500(cast, client_for):
    with all_organisations():
        harbours = Partner.objects.get(organisation=cast.harbour)
        harbours_domain = domain(cast.harbour)
    response = client_for("pat").post(
        url(cast.amara, "goals/new/"),
        {"words": "A goal", "voice": "nobody", "kind": "x", "domain": harbours_domain.pk, "partner": harbours.pk},
    )
    assert response.status_code == 200
    with organisation_scope(cast.riverside):
        assert not Goal.objects.exists()


def test_basic_needs_come_first_on_the_plan(cast, client_for):
    goal_of(cast, words="Learn to drive", kind="longer_term")
    goal_of(cast, words="A bed for tonight", kind="basic_need", domain=None)
    body = client_for("pat").get(url(cast.amara)).content.decode()
    assert body.index("Basic needs first") < body.index("A bed for tonight") < body.index("Longer-term goals")
    assert body.index("Longer-term goals") < body.index("Learn to drive")


def test_who_helps_the_review_date_and_review_due(cast, client_for):
    with organisation_scope(cast.riverside):
        partner = Partner.objects.get(organisation=cast.riverside)
    yesterday = timezone.localdate() - timedelta(days=1)
    client = client_for("pat")
    response = client.post(
        url(cast.amara, "goals/new/"),
        {
            "words": "See a lawyer about my visa",
            "voice": "supporter",
            "kind": "longer_term",
            "domain": domain(cast.riverside, "legal_and_immigration").pk,
            "helpers": ["peer"],
            "partner": partner.pk,
            "someone_else": "Her cousin",
            "review_on": yesterday.isoformat(),
        },
    )
    assert response.status_code == 302
    goal = _only(cast)
    assert goal.helpers == ["peer", "partner", "someone_else"] and goal.partner == partner
    assert goal.voice == "supporter" and goal.is_review_due
    body = client.get(url(cast.amara)).content.decode()
    assert "Riverside Housing" in body and "Her cousin" in body and "review due" in body
    record = client.get(f"/peers/{cast.amara.pk}/").content.decode()
    assert "See a lawyer about my visa" in record and "review due" in record


def test_a_step_is_added_and_marked_done_today_then_not_done(cast, client_for):
    goal = goal_of(cast)
    client = client_for("pat")
    assert client.post(url(goal, "steps/"), {"words": "Take the letter along"}).status_code == 302
    with organisation_scope(cast.riverside):
        step = Step.objects.filter(goal=goal).order_by("pk").last()
        assert step.words == "Take the letter along"
    client.post(url(goal, "steps/done/"), {"step": step.pk, "done": "yes"})
    with organisation_scope(cast.riverside):
        step.refresh_from_db()
        assert step.done_on == timezone.localdate()
    client.post(url(goal, "steps/done/"), {"step": step.pk, "done": "no"})
    with organisation_scope(cast.riverside):
        step.refresh_from_db()
        assert step.done_on is None


def test_an_empty_step_is_shown_again_with_what_to_fix(cast, client_for):
    goal = goal_of(cast)
    response = client_for("pat").post(url(goal, "steps/"), {"words": ""})
    assert response.status_code == 200 and "Nothing has been saved yet" in response.content.decode()


def test_progress_is_added_to_and_never_rewritten(cast, client_for):
    goal = goal_of(cast)
    client = client_for("pat")
    today = timezone.localdate().isoformat()
    response = client.post(url(goal, "progress/"), {"words": "The landlord said yes", "voice": "peer", "written_on": today})  # fmt: skip
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        entries = list(ProgressEntry.objects.filter(goal=goal).order_by("pk"))
        assert [e.words for e in entries] == ["I filled in the form myself", "The landlord said yes"]
        entries[0].words = "Rewritten"
        with pytest.raises(NeverRewrittenError):
            entries[0].save()
    page = client.get(url(goal)).content.decode()
    assert page.index("I filled in the form myself") < page.index("The landlord said yes")
    assert "The peer wrote or said this" in page


def test_progress_on_a_day_to_come_is_shown_again(cast, client_for):
    goal = goal_of(cast)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for("pat").post(
        url(goal, "progress/"), {"words": "Soon", "voice": "peer", "written_on": tomorrow}
    )
    assert response.status_code == 200 and "in the future" in response.content.decode()


@pytest.mark.parametrize("status", [GoalStatus.ACHIEVED, GoalStatus.PAUSED, GoalStatus.LET_GO])
def test_a_goal_is_achieved_paused_or_let_go_never_failed(cast, client_for, status):
    goal = goal_of(cast)
    client = client_for("pat")
    form = {"words": goal.words, "voice": "peer", "kind": "longer_term", "status": status}
    assert client.post(url(goal, "edit/"), form).status_code == 302
    goal = _only(cast)
    assert goal.status == status and goal.status_changed_on == timezone.localdate()
    body = client.get(url(cast.amara)).content.decode() + client.get(url(goal, "edit/")).content.decode()
    assert not re.search(r"\bfail", body, re.I)


def test_a_retired_domain_is_not_offered_for_a_new_goal_but_stays_on_its_goals(cast, client_for):
    goal = goal_of(cast)
    with organisation_scope(cast.riverside):
        housing = domain(cast.riverside)
        retire_domain(domain=housing, by=cast.cleo)
        with pytest.raises(GoalError):
            add_goal(peer=cast.amara, by=cast.pat, goal=GoalWords(words="Another", domain=housing))
    client = client_for("pat")

    def offered(address: str) -> str:
        return re.search(r'<select name="domain".*?</select>', client.get(address).content.decode(), re.S).group(0)

    assert "Housing" not in offered(url(cast.amara, "goals/new/")) and "Health" in offered(
        url(cast.amara, "goals/new/")
    )
    assert f'value="{housing.pk}" selected' in offered(url(goal, "edit/"))
    form = {
        "words": "Changed words",
        "voice": "peer",
        "kind": "longer_term",
        "status": "working_on",
        "domain": housing.pk,
    }
    assert client.post(url(goal, "edit/"), form).status_code == 302
    assert _only(cast).domain == housing


def test_the_words_are_stored_encrypted(in_riverside):
    cast = in_riverside
    goal = goal_of(cast, someone_else="Mo at the Mill Street shelter")
    step, entry = Step.objects.get(goal=goal), ProgressEntry.objects.get(goal=goal)
    with connection.cursor() as cursor:
        for table, column, pk, words in [
            ("goals_goal", "words", goal.pk, "Find somewhere safe"),
            ("goals_goal", "someone_else", goal.pk, "Mill Street"),
            ("goals_step", "words", step.pk, "housing office"),
            ("goals_progressentry", "words", entry.pk, "filled in the form"),
        ]:
            cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608 (our own names)
            stored = cursor.fetchone()[0]
            assert words not in stored and words in decrypt(stored)


def test_goals_stay_in_their_organisation(cast):
    goal_of(cast)
    with organisation_scope(cast.harbour):
        assert not Goal.objects.exists() and not Step.objects.exists() and not ProgressEntry.objects.exists()
