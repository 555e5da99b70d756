"""A peer's copy of their record holds their plan; erasure keeps each goal's area of life, kind,
status and months (for the counts) and nothing of their words."""

from __future__ import annotations

import json

from datarights.services import erase_peer, peer_record
from datarights.tests.test_erasure_leaves_nothing import a_peer_with_everything, what_is_left
from goals.models import Goal, ProgressEntry, Step
from goals.services import GoalWords, change_goal
from home.figures import goal_figures
from organisations.models import Partner
from organisations.tenancy import organisation_scope

from .helpers import domain, goal_of


def _with_a_plan(cast):
    peer = a_peer_with_everything(cast)
    goal = goal_of(
        cast,
        peer=peer,
        kind="basic_need",
        helpers=("peer", "supporter"),
        partner=Partner.objects.get(organisation=cast.riverside),
        someone_else="someone-else-secret",
        review_on=peer.created_at.date(),
        words="goal-words-secret",
    )
    same = {name: getattr(goal, name) for name in ("words", "kind", "domain", "partner", "someone_else", "review_on")}
    change_goal(goal=goal, by=cast.pat, changes=GoalWords(**same, helpers=tuple(goal.helpers), status="achieved"))
    return peer, goal


def test_erasure_keeps_the_area_kind_status_and_months_of_each_goal_and_nothing_else(cast, client_for):
    with organisation_scope(cast.riverside):
        peer, goal = _with_a_plan(cast)
        assert any(line.startswith("goals.Goal") for line in what_is_left(peer))
        before = goal_figures()

    assert client_for("cleo").post(f"/peers/{peer.pk}/erase/", {"confirm": "erase"}).status_code == 302

    with organisation_scope(cast.riverside):
        assert what_is_left(peer) == []
        kept = Goal.objects.get(pk=goal.pk)
        assert (kept.domain, kept.kind, kept.status) == (domain(cast.riverside), "basic_need", "achieved")
        assert (kept.words, kept.someone_else, kept.helpers, kept.partner, kept.created_by) == ("", "", [], None, None)
        assert kept.created_on.day == 1 and kept.status_changed_on.day == 1 and kept.review_on.day == 1
        assert not Step.objects.filter(goal=goal).exists() and not ProgressEntry.objects.filter(goal=goal).exists()
        after = goal_figures()
    for key in ("by_domain", "by_status"):
        assert [f.count for f in after[key]] == [f.count for f in before[key]], key


def test_nothing_written_in_a_plan_survives_erasure_in_any_column(in_riverside):
    from datarights.tests.test_erasure_over_generated_peers import everything_stored

    cast = in_riverside
    peer, _ = _with_a_plan(cast)
    erase_peer(peer, by=cast.cleo)
    stored = everything_stored()
    for secret in ("goal-words-secret", "someone-else-secret", "Ring the housing office", "filled in the form"):
        assert not any(secret in value for value in stored), secret


def test_the_peers_copy_of_their_record_holds_their_plan(cast, client_for):
    goal_of(cast, helpers=("peer",), someone_else="Her cousin")
    with organisation_scope(cast.riverside):
        plan = peer_record(cast.amara)["plan_and_goals"]
    assert len(plan) == 1
    goal = plan[0]
    assert goal["goal"] == "Find somewhere safe to stay near the college"
    assert goal["area_of_life"] == "Housing" and goal["where_it_is"] == "Working on it"
    assert goal["who_helps"] == ["The peer themselves", "Someone else"] and goal["someone_else"] == "Her cousin"
    assert goal["small_steps"] == [{"step": "Ring the housing office on Monday", "done_on": None}]
    assert goal["progress"][0]["words"] == "I filled in the form myself"

    download = client_for("cleo").get(f"/peers/{cast.amara.pk}/record.json")
    assert json.loads(download.content)["plan_and_goals"][0]["goal"].startswith("Find somewhere safe")
    page = client_for("cleo").get(f"/peers/{cast.amara.pk}/record/").content.decode()
    assert "Plan and goals" in page and "I filled in the form myself" in page
