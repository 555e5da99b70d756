"""When supervision is next due: pure, plain dates in, plain dates out (no ORM).

A schedule tapers: ``first_every`` for the first ``first_weeks`` weeks after someone started, then
``then_every`` for ``then_weeks`` more weeks, then ``after_every`` for good. A phase of 0 weeks is
skipped. The interval that applies is the one of the phase the last session fell in (or, before any
session, of the day they started): someone new, seen weekly, is next due a week after their last
session; once past the tapering, a month after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# Each code of ``choices.Every`` as days. A month is 30 days: "monthly" is about being seen, not the calendar.
DAYS = {"daily": 1, "weekly": 7, "fortnightly": 14, "monthly": 30}


@dataclass(frozen=True)
class Schedule:
    first_every: str = "weekly"
    first_weeks: int = 8
    then_every: str = "fortnightly"
    then_weeks: int = 8
    after_every: str = "monthly"


DEFAULT = Schedule()


def interval_on(schedule: Schedule, started_on: date, day: date) -> int:
    """The days between sessions that apply on ``day`` for someone who started on ``started_on``."""
    weeks_in = max((day - started_on).days, 0) // 7
    if weeks_in < schedule.first_weeks:
        return DAYS[schedule.first_every]
    if weeks_in < schedule.first_weeks + schedule.then_weeks:
        return DAYS[schedule.then_every]
    return DAYS[schedule.after_every]


def next_due(schedule: Schedule, started_on: date, last_held: date | None) -> date:
    """The day the next session is due: one interval after the last one held (or after they started)."""
    base = last_held if last_held is not None and last_held >= started_on else started_on
    return base + timedelta(days=interval_on(schedule, started_on, base))


def days_overdue(due: date, today: date) -> int:
    """How many days past due (0 when not yet overdue: due today is not late)."""
    return max((today - due).days, 0)
