"""How often supervision is due: weekly for someone new, tapering to monthly (pure)."""

from datetime import date, timedelta

from supervision.schedule import DEFAULT, Schedule, days_overdue, interval_on, next_due

START = date(2026, 1, 5)


def test_someone_new_is_seen_weekly_then_fortnightly_then_monthly():
    assert interval_on(DEFAULT, START, START) == 7
    assert interval_on(DEFAULT, START, START + timedelta(weeks=7, days=6)) == 7
    assert interval_on(DEFAULT, START, START + timedelta(weeks=8)) == 14
    assert interval_on(DEFAULT, START, START + timedelta(weeks=15, days=6)) == 14
    assert interval_on(DEFAULT, START, START + timedelta(weeks=16)) == 30


def test_next_due_is_an_interval_after_the_last_session_or_the_start():
    assert next_due(DEFAULT, START, None) == START + timedelta(days=7)
    assert next_due(DEFAULT, START, START + timedelta(weeks=20)) == START + timedelta(weeks=20, days=30)
    # A session before they started (a readiness conversation, say) counts from the start.
    assert next_due(DEFAULT, START, START - timedelta(days=3)) == START + timedelta(days=7)


def test_a_daily_start_and_skipped_phases():
    daily = Schedule("daily", 2, "weekly", 0, "monthly")
    assert interval_on(daily, START, START + timedelta(days=3)) == 1
    assert interval_on(daily, START, START + timedelta(weeks=2)) == 30  # the weekly phase has 0 weeks


def test_due_today_is_not_late():
    assert days_overdue(START, START) == 0
    assert days_overdue(START, START + timedelta(days=3)) == 3
    assert days_overdue(START, START - timedelta(days=3)) == 0
