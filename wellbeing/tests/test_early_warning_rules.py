"""The early warning as a rule table: each factor alone, then together. Plain data, no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import combinations

import pytest

from wellbeing import warning as w

TODAY = date(2026, 12, 2)
LIMITS = w.Limits()
# Someone with nothing that stands out: half their capacity, a few hours, supervised last week,
# a day off last month, a check-in that suggests nothing, a colleague beside them.
CALM = w.Facts(
    today=TODAY, caseload=2, capacity=4, contact_minutes_4_weeks=4 * 5 * 60, last_check_in_on=TODAY,
    last_supervised_on=TODAY - timedelta(days=7), last_day_off=TODAY - timedelta(days=30),
    working_since=TODAY - timedelta(days=400),
)  # fmt: skip

# Each factor, and the facts that raise it alone.
ALONE = {
    w.CASELOAD: {"caseload": 4, "capacity": 4},
    w.CONTACT_HOURS: {"contact_minutes_4_weeks": 4 * 15 * 60},
    w.OUTSIDE_HOURS: {"outside_agreed_4_weeks": 3},
    w.CRISES: {"crises_4_weeks": 2},
    w.CONCERNS: {"concerns_4_weeks": 2},
    w.AGGRESSION: {"aggression_8_weeks": 1},
    w.GROUPS: {"group_sessions_a_week": 3},
    w.HARD_MOMENTS: {"hard_moments_4_weeks": 2},
    w.CHECK_IN: {"check_in_suggests_talk": True},
    w.CHECK_IN_TREND: {"check_in_dropped": True},
    w.SUPERVISION: {"last_supervised_on": TODAY - timedelta(days=36)},
    w.DAY_OFF: {"last_day_off": TODAY - timedelta(days=91)},
    w.ONLY_ONE: {"only_supporter_here": True},
}
# Just short of each limit: nothing raised.
JUST_BELOW = {
    w.CASELOAD: {"caseload": 3, "capacity": 4},
    w.CONTACT_HOURS: {"contact_minutes_4_weeks": 4 * 14 * 60},
    w.OUTSIDE_HOURS: {"outside_agreed_4_weeks": 2},
    w.CRISES: {"crises_4_weeks": 1},
    w.CONCERNS: {"concerns_4_weeks": 1},
    w.AGGRESSION: {"aggression_8_weeks": 0},
    w.GROUPS: {"group_sessions_a_week": 2},
    w.HARD_MOMENTS: {"hard_moments_4_weeks": 1},
    w.SUPERVISION: {"last_supervised_on": TODAY - timedelta(days=35)},
    w.DAY_OFF: {"last_day_off": TODAY - timedelta(days=90)},
}


def raised(facts: w.Facts, limits: w.Limits = LIMITS) -> set[str]:
    return {f.code for f in w.warn(facts, limits).raised}


def test_every_factor_is_in_the_table():
    assert set(ALONE) == set(w.FACTORS)


def test_nothing_stands_out_for_the_calm_supporter():
    found = w.warn(CALM)
    assert found.level == w.CLEAR and not found.raised
    assert [f.code for f in found.factors] == list(w.FACTORS), "every factor is explained, raised or not"


@pytest.mark.parametrize("code", sorted(ALONE))
def test_each_factor_alone(code):
    found = w.warn(replace(CALM, **ALONE[code]))
    assert {f.code for f in found.raised} == {code}
    # Their own check-in asking for (or suggesting) a conversation is enough; anything else alone is to watch.
    assert found.level == (w.TALK if code == w.CHECK_IN else w.WATCH)


@pytest.mark.parametrize("code", sorted(JUST_BELOW))
def test_each_factor_just_below_its_limit(code):
    assert raised(replace(CALM, **JUST_BELOW[code])) == set()


OTHERS = sorted(set(ALONE) - {w.CHECK_IN})


@pytest.mark.parametrize("pair", list(combinations(OTHERS, 2)))
def test_two_factors_together_are_to_watch(pair):
    facts = CALM
    for code in pair:
        facts = replace(facts, **ALONE[code])
    found = w.warn(facts)
    assert {f.code for f in found.raised} == set(pair)
    assert found.level == w.WATCH


@pytest.mark.parametrize("trio", list(combinations(OTHERS, 3))[::7])
def test_three_factors_together_suggest_a_conversation(trio):
    facts = CALM
    for code in trio:
        facts = replace(facts, **ALONE[code])
    assert raised(facts) == set(trio)
    assert w.warn(facts).level == w.TALK


def test_everything_at_once():
    facts = CALM
    for change in ALONE.values():
        facts = replace(facts, **change)
    assert raised(facts) == set(w.FACTORS)
    assert w.warn(facts).level == w.TALK


def test_the_organisations_limits_decide():
    busy = replace(CALM, crises_4_weeks=2, hard_moments_4_weeks=2)
    assert w.warn(busy).level == w.WATCH
    assert w.warn(busy, w.Limits(factors_to_talk=2)).level == w.TALK
    assert raised(busy, w.Limits(crises=3)) == {w.HARD_MOMENTS}


def test_what_is_not_recorded_is_said_and_not_raised():
    nothing = w.Facts(today=TODAY)
    found = {f.code: f for f in w.warn(nothing).factors}
    assert w.warn(nothing).level == w.CLEAR
    for code in (w.GROUPS, w.SUPERVISION, w.CHECK_IN, w.CHECK_IN_TREND, w.DAY_OFF):
        assert not found[code].recorded and not found[code].raised, code


def test_no_day_off_counts_from_when_they_started():
    facts = replace(CALM, last_day_off=None, working_since=TODAY - timedelta(days=120))
    day_off = {f.code: f for f in w.warn(facts).factors}[w.DAY_OFF]
    assert day_off.raised and day_off.value == 120 and not day_off.recorded


def test_an_empty_caseload_is_never_at_capacity():
    assert raised(replace(CALM, caseload=0, capacity=0)) == set()
    assert raised(replace(CALM, caseload=1, capacity=0)) == {w.CASELOAD}
