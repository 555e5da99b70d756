"""Who opens a peer's plan: everyone who sees the peer reads it (their workers, their supporter's
supervisor, coordinators and admins); their workers, coordinators and admins write in it; a supervisor
writes only where they work with the peer themselves. Anyone else gets the audited 404, and so does
a goal reached through another peer's address."""

from __future__ import annotations

import pytest

from audit.models import Action, AuditEvent
from conftest import assign
from goals.access import OPENED_FOR
from goals.models import Goal, Step
from organisations.tenancy import all_organisations, organisation_scope
from people.models import AssignmentKind

from .helpers import goal_of, url


def _refused(cast, client, who, address, method="get", data=None) -> bool:
    before = AuditEvent.objects.filter(actor=cast.user(who), action=Action.DENIED).count()
    response = getattr(client, method)(address, data or {})
    after = AuditEvent.objects.filter(actor=cast.user(who), action=Action.DENIED).count()
    if response.status_code == 404:
        assert after > before, "the refusal was not audited"
        return True
    assert response.status_code in (200, 302), response.status_code
    assert after == before
    return False


READERS = [("pat", True), ("sina", True), ("cleo", True), ("ada", True), ("quinn", False), ("sol", False),
           ("rio", False), ("stef", False), ("eve", False), ("hugo", False), ("hana", False)]  # fmt: skip


@pytest.mark.parametrize(("who", "sees"), READERS)
@pytest.mark.parametrize("tail", ["", "for-the-peer/"])
def test_who_reads_amaras_plan(cast, client_for, who, sees, tail):
    assert _refused(cast, client_for(who), who, url(cast.amara, tail)) is not sees


@pytest.mark.parametrize(("who", "sees"), READERS)
def test_who_opens_one_of_amaras_goals(cast, client_for, who, sees):
    goal = goal_of(cast)
    assert _refused(cast, client_for(who), who, url(goal)) is not sees


@pytest.mark.parametrize(
    ("who", "writes"), [("pat", True), ("cleo", True), ("ada", True), ("sina", False), ("stef", False), ("eve", False)]
)
def test_who_writes_in_amaras_plan(cast, client_for, who, writes):
    goal = goal_of(cast)
    client = client_for(who)
    assert _refused(cast, client, who, url(cast.amara, "goals/new/"), "post", {"words": "x", "voice": "peer", "kind": "basic_need"}) is not writes  # fmt: skip
    assert _refused(cast, client, who, url(goal, "steps/"), "post", {"words": "Another step"}) is not writes
    assert _refused(cast, client, who, url(goal, "progress/"), "post", {"words": "Better", "voice": "peer", "written_on": "2026-01-01"}) is not writes  # fmt: skip
    with organisation_scope(cast.riverside):
        assert Goal.objects.filter(peer=cast.amara).count() == (2 if writes else 1)
        assert Step.objects.filter(goal=goal).count() == (2 if writes else 1)


def test_a_supervisor_reads_their_supervisees_peers_plan_but_does_not_write_in_it(cast, client_for):
    goal = goal_of(cast)
    client = client_for("sina")
    page = client.get(url(cast.amara)).content.decode()
    assert "Find somewhere safe to stay" in page and "Add a goal" not in page
    assert _refused(cast, client, "sina", url(goal, "edit/"))


def test_a_supervisor_who_works_with_the_peer_writes_in_their_plan(cast, client_for):
    with all_organisations():
        assign(cast.dee, cast.sol, AssignmentKind.PEER_SUPPORT)
    response = client_for("sol").post(url(cast.dee, "goals/new/"), {"words": "Sleep better", "voice": "peer", "kind": "longer_term"})  # fmt: skip
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        assert Goal.objects.get(peer=cast.dee).words == "Sleep better"


def test_a_case_manager_who_works_with_the_peer_reads_and_writes_their_plan(cast, client_for):
    client = client_for("stef")
    assert client.get(url(cast.cat)).status_code == 200
    response = client.post(url(cast.cat, "goals/new/"), {"words": "A bank account", "voice": "peer", "kind": "basic_need"})  # fmt: skip
    assert response.status_code == 302


def test_once_the_support_ends_the_worker_no_longer_opens_the_plan(cast, client_for):
    from datetime import timedelta

    from django.utils import timezone

    from people.models import Assignment

    with all_organisations():
        ended = timezone.localdate() - timedelta(days=1)
        Assignment.objects.filter(peer=cast.amara, worker=cast.pat).update(starts_on=ended, ends_on=ended)
    assert _refused(cast, client_for("pat"), "pat", url(cast.amara))


def test_a_goal_reached_through_another_peers_address_is_refused(cast, client_for):
    beas = goal_of(cast, peer=cast.bea, by=cast.quinn)
    zeds = goal_of(cast, peer=cast.zed, by=cast.hana)
    client = client_for("cleo")
    for goal in (beas, zeds):
        for tail in ("", "edit/"):
            before = AuditEvent.objects.filter(actor=cast.user("cleo"), action=Action.DENIED).count()
            assert client.get(f"/peers/{cast.amara.pk}/plan/goals/{goal.pk}/{tail}").status_code == 404
            denied = AuditEvent.objects.filter(actor=cast.user("cleo"), action=Action.DENIED).order_by("pk")[before:]
            assert {(e.record_type, e.record_id) for e in denied} == {("goal", str(goal.pk))}


def test_a_step_of_another_goal_is_refused_and_stays_as_it_was(cast, client_for):
    amaras, beas = goal_of(cast), goal_of(cast, peer=cast.bea, by=cast.quinn)
    with organisation_scope(cast.riverside):
        beas_step = Step.objects.get(goal=beas)
    client = client_for("pat")
    assert _refused(cast, client, "pat", url(amaras, "steps/done/"), "post", {"step": beas_step.pk, "done": "yes"})
    with organisation_scope(cast.riverside):
        assert Step.objects.get(pk=beas_step.pk).done_on is None


def test_opening_a_plan_is_on_the_peers_audit_trail(cast, client_for):
    goal = goal_of(cast)
    client = client_for("sina")
    client.get(url(cast.amara))
    client.get(url(goal))
    opened = AuditEvent.objects.filter(actor=cast.user("sina"), action=Action.VIEW, record_type="peer")
    assert [e.reason for e in opened] == [OPENED_FOR, OPENED_FOR]
    assert {e.record_id for e in opened} == {str(cast.amara.pk)}


def test_an_evaluator_sees_no_plan_on_any_page(cast, client_for):
    goal_of(cast)
    body = client_for("eve").get("/figures/").content.decode()
    assert "Find somewhere safe" not in body and "Goals by area of life" in body


def test_the_policy_table_decides_who_opens_plans(cast, client_for):
    """Take goals away from peer supporters in the table: pat no longer opens amara's plan, any goal
    of it, or sees it on her record, though pat still sees amara."""
    from unittest import mock

    from access.policy import ALLOWED, Do
    from organisations.models import Role

    goal = goal_of(cast)
    fewer = frozenset({Role.ADMIN, Role.COORDINATOR})
    with mock.patch.dict(ALLOWED, {Do.SEE_GOALS: fewer, Do.RECORD_GOALS: fewer}):
        client = client_for("pat")
        for address in (url(cast.amara), url(cast.amara, "for-the-peer/"), url(goal), url(goal, "edit/")):
            assert _refused(cast, client, "pat", address), address
        record = client.get(f"/peers/{cast.amara.pk}/").content.decode()
    assert "Amara" in record and "Find somewhere safe" not in record and "Plan and goals" not in record
