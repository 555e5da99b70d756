"""Small helpers for the goal tests (the cast is in the project's conftest.py)."""

from __future__ import annotations

from goals.models import Goal, LifeDomain
from goals.services import GoalWords, add_goal, add_progress, add_step
from organisations.tenancy import organisation_scope


def domain(org, code: str = "housing") -> LifeDomain:
    with organisation_scope(org):
        return LifeDomain.objects.get(organisation=org, default_code=code)


def goal_of(cast, peer=None, by=None, **changes) -> Goal:
    """A goal of amara's (by default), written down by pat, with one step and one word of progress."""
    peer = peer or cast.amara
    with organisation_scope(peer.organisation):
        values = {"words": "Find somewhere safe to stay near the college", "domain": domain(peer.organisation)}
        values.update(changes)
        goal = add_goal(peer=peer, by=by or cast.pat, goal=GoalWords(**values))
        add_step(goal=goal, by=by or cast.pat, words="Ring the housing office on Monday")
        add_progress(goal=goal, by=by or cast.pat, words="I filled in the form myself")
    return goal


def url(goal_or_peer, tail: str = "") -> str:
    if isinstance(goal_or_peer, Goal):
        return f"/peers/{goal_or_peer.peer_id}/plan/goals/{goal_or_peer.pk}/{tail}"
    return f"/peers/{goal_or_peer.pk}/plan/{tail}"
