"""The burnout early warning, as a rule anyone can read: plain facts in, plain factors out.

No database and no wording here (``wellbeing.gather`` loads the facts, ``wellbeing.explain`` says
each factor in words). Every factor is reported, raised or not, with the value it saw and the limit
it was held to, so the supervisor sees *why*, never a score from a black box. The limits are the
organisation's (``WarningSettings``); their defaults and sources are in ARCHITECTURE.md.

A check-in's answers never come in: only whether it suggested a conversation and whether it was
lower than the one before by a change that matters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

# The level of the warning: nothing stands out, one thing to keep an eye on, time to talk.
CLEAR, WATCH, TALK = "clear", "watch", "talk"

# The factors, in the order they are shown.
CASELOAD = "caseload"
CONTACT_HOURS = "contact_hours"
OUTSIDE_HOURS = "outside_hours"
CRISES = "crises"
CONCERNS = "concerns"
AGGRESSION = "aggression"
GROUPS = "groups"
HARD_MOMENTS = "hard_moments"
CHECK_IN = "check_in"
CHECK_IN_TREND = "check_in_trend"
SUPERVISION = "supervision"
DAY_OFF = "day_off"
ONLY_ONE = "only_one"
FACTORS = (
    CASELOAD, CONTACT_HOURS, OUTSIDE_HOURS, CRISES, CONCERNS, AGGRESSION, GROUPS,
    HARD_MOMENTS, CHECK_IN, CHECK_IN_TREND, SUPERVISION, DAY_OFF, ONLY_ONE,
)  # fmt: skip


@dataclass(frozen=True)
class Limits:
    """Where each factor is raised (the organisation's own, these are the defaults)."""

    caseload_share: int = 100  # per cent of their capacity: at capacity or above
    contact_hours_a_week: int = 15  # averaged over the last four weeks
    outside_agreed: int = 3  # contacts outside the agreed ways or times, last four weeks
    crises: int = 2  # crisis contacts they logged, last four weeks
    concerns: int = 2  # safeguarding concerns about peers on their caseload, last four weeks
    aggression: int = 1  # aggression recorded with peers on their caseload or by them, last eight weeks
    groups_a_week: int = 3  # group sessions a week (not recorded yet: always 0)
    hard_moments: int = 2  # moments they chose to log and to count, last four weeks
    check_in_drop: int = 10  # WHO-5 points (0 to 100) lower than the check-in before
    days_since_supervision: int = 35  # "weekly to monthly", with a week's slack
    days_since_day_off: int = 90
    factors_to_talk: int = 3  # this many factors raised together suggest a conversation


@dataclass(frozen=True)
class Facts:
    """What is known of one peer supporter's work and wellbeing, as plain values."""

    today: date
    caseload: int = 0
    capacity: int = 0
    contact_minutes_4_weeks: int = 0
    outside_agreed_4_weeks: int = 0
    crises_4_weeks: int = 0
    concerns_4_weeks: int = 0
    aggression_8_weeks: int = 0
    group_sessions_a_week: int | None = None  # None: groups are not recorded here yet
    hard_moments_4_weeks: int = 0
    last_check_in_on: date | None = None
    check_in_suggests_talk: bool = False  # the last check-in's own signal (asked for, or low)
    check_in_dropped: bool = False  # lower than the one before by at least the limit
    last_supervised_on: date | None = None  # None: no supervision recorded (not raised, said so)
    last_day_off: date | None = None  # the last day of their last absence that has begun
    working_since: date | None = None
    only_supporter_here: bool = False


@dataclass(frozen=True)
class Factor:
    code: str
    raised: bool
    value: int | None = None  # what was seen (None: nothing recorded)
    limit: int | None = None  # what it was held to
    recorded: bool = True  # False: nothing is recorded to weigh (groups; no supervision; no check-in)


@dataclass(frozen=True)
class Warning:
    level: str
    factors: tuple[Factor, ...] = field(default_factory=tuple)

    @property
    def raised(self) -> tuple[Factor, ...]:
        return tuple(f for f in self.factors if f.raised)


def _days_since(today: date, day: date | None) -> int | None:
    return None if day is None else max(0, (today - day).days)


def factors(facts: Facts, limits: Limits = Limits()) -> tuple[Factor, ...]:
    """Every factor, raised or not, in the order shown."""
    share = round(100 * facts.caseload / facts.capacity) if facts.capacity else (100 if facts.caseload else 0)
    hours_a_week = round(facts.contact_minutes_4_weeks / 60 / 4)
    supervised = _days_since(facts.today, facts.last_supervised_on)
    since_off_from = facts.last_day_off or facts.working_since
    since_off = _days_since(facts.today, since_off_from)
    groups = facts.group_sessions_a_week
    return (
        Factor(CASELOAD, facts.caseload > 0 and share >= limits.caseload_share, share, limits.caseload_share),
        Factor(CONTACT_HOURS, hours_a_week >= limits.contact_hours_a_week, hours_a_week, limits.contact_hours_a_week),
        Factor(
            OUTSIDE_HOURS, facts.outside_agreed_4_weeks >= limits.outside_agreed,
            facts.outside_agreed_4_weeks, limits.outside_agreed,
        ),
        Factor(CRISES, facts.crises_4_weeks >= limits.crises, facts.crises_4_weeks, limits.crises),
        Factor(CONCERNS, facts.concerns_4_weeks >= limits.concerns, facts.concerns_4_weeks, limits.concerns),
        Factor(AGGRESSION, facts.aggression_8_weeks >= limits.aggression, facts.aggression_8_weeks, limits.aggression),
        Factor(
            GROUPS, groups is not None and groups >= limits.groups_a_week, groups or 0, limits.groups_a_week,
            recorded=groups is not None,
        ),
        Factor(
            HARD_MOMENTS, facts.hard_moments_4_weeks >= limits.hard_moments,
            facts.hard_moments_4_weeks, limits.hard_moments,
        ),
        Factor(CHECK_IN, facts.check_in_suggests_talk, recorded=facts.last_check_in_on is not None),
        Factor(
            CHECK_IN_TREND, facts.check_in_dropped, limit=limits.check_in_drop,
            recorded=facts.last_check_in_on is not None,
        ),
        Factor(
            SUPERVISION, supervised is not None and supervised > limits.days_since_supervision,
            supervised, limits.days_since_supervision, recorded=supervised is not None,
        ),
        Factor(
            DAY_OFF, since_off is not None and since_off > limits.days_since_day_off,
            since_off, limits.days_since_day_off, recorded=facts.last_day_off is not None,
        ),
        Factor(ONLY_ONE, facts.only_supporter_here),
    )  # fmt: skip


def warn(facts: Facts, limits: Limits = Limits()) -> Warning:
    """The warning for one peer supporter: time to talk when their own check-in suggests it, or when
    ``factors_to_talk`` factors are raised together; one or more raised is something to watch."""
    found = factors(facts, limits)
    raised = [f for f in found if f.raised]
    if any(f.code == CHECK_IN for f in raised) or len(raised) >= limits.factors_to_talk:
        level = TALK
    elif raised:
        level = WATCH
    else:
        level = CLEAR
    return Warning(level, found)
