"""A supporter who chose reminders is emailed before each meeting: the time and a link, never who or
where. Moving a meeting moves its reminder; a cancelled meeting is never reminded of."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test.utils import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from diary import services
from diary.models import Meeting
from diary.services import Plan, send_due_reminders, send_meeting_reminder
from organisations.tenancy import all_organisations
from people.models import Assignment

from .helpers import assignment_of, at, plan

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def pat_wants_an_hour(cast):
    with all_organisations():
        services.choose_settings(membership=cast.pat, reminder_lead="hour", feed_detail="time")
    return cast


@pytest.fixture
def queue(django_capture_on_commit_callbacks):
    """Tasks go to the database queue (which can wait until a moment), and run only when asked;
    ``with queue():`` commits (runs what waits for the commit, such as queueing)."""
    with override_settings(TASKS=DB_TASKS):
        yield lambda: django_capture_on_commit_callbacks(execute=True)


def run(meeting: Meeting, due) -> bool:
    mail.outbox.clear()
    return send_meeting_reminder.call(meeting.pk, due.isoformat())


def refreshed(meeting: Meeting) -> Meeting:
    with all_organisations():
        meeting.refresh_from_db()
    return meeting


def test_without_a_lead_there_is_no_reminder(cast):
    assert plan(cast).remind_at is None


def test_an_hour_before_is_queued_for_then_holding_no_name_or_place(pat_wants_an_hour, queue):
    with queue():
        meeting = plan(pat_wants_an_hour, place="Mill Road library")
    assert meeting.remind_at == meeting.starts_at - timedelta(hours=1)
    (queued,) = DBTaskResult.objects.all()
    assert queued.run_after == meeting.remind_at
    assert queued.args_kwargs["args"] == [meeting.pk, meeting.remind_at.isoformat()]
    assert "Amara" not in str(queued.args_kwargs) and "Mill Road" not in str(queued.args_kwargs)


def test_the_reminder_says_the_time_and_a_link_and_nothing_about_the_peer(pat_wants_an_hour):
    meeting = plan(pat_wants_an_hour, starts_at=at(days=1, hour=14), place="Mill Road library", note="Court papers")
    assert run(meeting, meeting.remind_at) is True
    (sent,) = mail.outbox
    assert sent.to == ["pat@riverside.test"]
    assert "You have a meeting at 14:00 tomorrow." in sent.body and "/diary/" in sent.body
    for secret in ("Amara", "Mill Road", "Court", "Pat"):
        assert secret not in sent.body + sent.subject, secret
    assert run(meeting, meeting.remind_at) is False and mail.outbox == [], "sent twice"


def test_the_words_say_today_tomorrow_or_the_date_and_appointment_or_meeting(cast):
    meeting = Meeting(starts_at=at(days=1, hour=9), kind="court")
    assert services.reminder_words(meeting, now=at(days=0, hour=9)) == "You have an appointment at 09:00 tomorrow."
    assert services.reminder_words(meeting, now=at(days=1, hour=8)) == "You have an appointment at 09:00 today."
    meeting.kind = "meeting"
    assert services.reminder_words(meeting, now=at(days=-3)).startswith("You have a meeting at 09:00 on ")


def test_moving_a_meeting_moves_its_reminder_and_the_old_one_sends_nothing(pat_wants_an_hour, queue):
    with queue():
        meeting = plan(pat_wants_an_hour)
    old = meeting.remind_at
    later = at(days=3, hour=11)
    with all_organisations(), queue():
        services.move_meeting(meeting=meeting, by=pat_wants_an_hour.pat, plan=Plan(starts_at=later))
    meeting = refreshed(meeting)
    assert meeting.remind_at == later - timedelta(hours=1)
    assert sorted(r.run_after for r in DBTaskResult.objects.all()) == [old, meeting.remind_at]
    assert run(meeting, old) is False and mail.outbox == []
    assert run(meeting, meeting.remind_at) is True and len(mail.outbox) == 1


def test_a_cancelled_meeting_has_no_reminder_and_its_queued_one_sends_nothing(pat_wants_an_hour, queue, client_for):
    meeting = plan(pat_wants_an_hour)
    due = meeting.remind_at
    assert client_for("pat").post(f"/peers/{meeting.peer_id}/meetings/{meeting.pk}/cancel/").status_code == 302
    assert refreshed(meeting).remind_at is None
    assert run(meeting, due) is False and mail.outbox == []
    # Even if the moment had stayed (a row written another way), a cancelled meeting is not reminded of.
    with all_organisations():
        Meeting.objects.filter(pk=meeting.pk).update(remind_at=due)
    assert run(meeting, due) is False and mail.outbox == []
    assert send_due_reminders(now=due + timedelta(minutes=1)) == 0


def test_a_meeting_whose_support_has_ended_is_not_reminded_of(pat_wants_an_hour):
    meeting = plan(pat_wants_an_hour)
    with all_organisations():
        yesterday = timezone.localdate() - timedelta(days=1)
        Assignment.objects.filter(pk=assignment_of(pat_wants_an_hour).pk).update(starts_on=yesterday, ends_on=yesterday)
    assert run(meeting, meeting.remind_at) is False and mail.outbox == []


def test_choosing_a_lead_sets_the_reminders_of_meetings_already_planned(cast, queue):
    meeting = plan(cast, starts_at=at(days=3))
    assert meeting.remind_at is None
    with all_organisations(), queue():
        services.choose_settings(membership=cast.pat, reminder_lead="day", feed_detail="time")
    assert refreshed(meeting).remind_at == meeting.starts_at - timedelta(days=1)
    assert [r.args_kwargs["args"][0] for r in DBTaskResult.objects.all()] == [meeting.pk]
    with all_organisations():
        services.choose_settings(membership=cast.pat, reminder_lead="none", feed_detail="time")
    assert refreshed(meeting).remind_at is None


def test_without_a_queue_that_waits_the_sweep_sends_what_is_due_once(pat_wants_an_hour):
    meeting = plan(pat_wants_an_hour)  # the test settings' immediate backend cannot wait: nothing is queued
    assert mail.outbox == []
    assert send_due_reminders(now=meeting.remind_at - timedelta(minutes=1)) == 0
    assert send_due_reminders(now=meeting.remind_at + timedelta(minutes=1)) == 1
    assert send_due_reminders(now=meeting.remind_at + timedelta(minutes=2)) == 0
    assert len(mail.outbox) == 1
