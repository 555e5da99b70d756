"""The calendar feed, read by a parser and tried as an attacker would.

A member's feed opens with its private token alone: no session is opened, no cookie set, nothing
is kept by a cache. It shows only that member's own meetings on the assignments they work on now;
another member's token shows theirs and nothing of this one; a renewed or stopped token, a token
of a member who left, or any other string is a plain 404. Nothing about the token or a meeting
reaches the logs.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar

from conftest import assign
from diary import services
from diary.models import Meeting
from organisations.models import Membership
from organisations.tenancy import all_organisations
from people.models import Assignment
from resilience.models import SignedInSession as Session  # the session engine's table (resilience.sessions)

from .helpers import assignment_of, at, plan


def feed_of(client, token: str):
    return client.get(f"/diary/feed/{token}.ics")


def events(response) -> list:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return list(Calendar.from_ical(response.content).walk("VEVENT"))


def token_for(cast, name: str, detail: str = "time") -> str:
    with all_organisations():
        services.choose_settings(membership=cast.members[name], reminder_lead="none", feed_detail=detail)
        return services.renew_feed(membership=cast.members[name])


def test_by_default_the_feed_says_meeting_or_appointment_and_the_time_only(cast, client):
    meeting = plan(cast, starts_at=at(days=2, hour=14), minutes=90, place="Mill Road library", note="Bring ID")
    plan(cast, kind="court", place="Crown court")
    (court, first) = events(feed_of(client, token_for(cast, "pat")))  # the court date is earlier
    assert str(first["SUMMARY"]) == "Meeting" and str(court["SUMMARY"]) == "Appointment"
    assert first.decoded("DTSTART") == meeting.starts_at
    assert first.decoded("DTEND") == meeting.starts_at + timedelta(minutes=90)
    text = feed_of(client, token_for(cast, "pat")).content.decode()
    for secret in ("Amara", "A.", "Mill Road", "Crown", "court", "Bring ID", "LOCATION", "DESCRIPTION"):
        assert secret not in text, secret


@pytest.mark.parametrize(
    ("detail", "summary", "location"),
    [
        ("time", "Appointment", None),
        ("kind", "Appointment: a doctor", None),
        ("place", "Appointment: a doctor", "Mill Road surgery"),
        ("initials", "Appointment: a doctor (A. K.)", "Mill Road surgery"),
    ],
)
def test_each_level_adds_to_the_one_before_and_the_name_is_never_shown(cast, client, detail, summary, location):
    with all_organisations():
        cast.amara.chosen_name = "Amara Kay"
        cast.amara.save(update_fields=["chosen_name"])
    plan(cast, kind="doctor", place="Mill Road surgery")
    (event,) = events(feed_of(client, token_for(cast, "pat", detail)))
    assert str(event["SUMMARY"]) == summary
    assert (str(event["LOCATION"]) if "LOCATION" in event else None) == location
    assert "Amara" not in feed_of(client, token_for(cast, "pat", detail)).content.decode()


def test_the_feed_opens_no_session_sets_no_cookie_and_is_kept_by_no_cache(cast, client):
    plan(cast)
    token = token_for(cast, "pat")
    sessions = Session.objects.count()
    response = feed_of(client, token)
    assert response.status_code == 200
    assert response.cookies == {} and not client.cookies
    assert Session.objects.count() == sessions
    assert response["Cache-Control"] == "private, no-store"
    refused = feed_of(client, "not-a-token")
    assert refused.cookies == {} and refused["Cache-Control"] == "private, no-store"


def test_another_members_token_shows_only_their_own_meetings(cast, client):
    pats = plan(cast)
    quinns = plan(cast, "bea")
    zeds = plan(cast, "zed")
    (event,) = events(feed_of(client, token_for(cast, "quinn")))
    assert str(event["UID"]) == f"meeting-{quinns.pk}@alongside"
    with all_organisations():
        hanas = {
            f"meeting-{pk}@alongside"
            for pk in Meeting.objects.filter(assignment__worker=cast.hana).values_list("pk", flat=True)
        }
    assert f"meeting-{zeds.pk}@alongside" in hanas
    assert {str(e["UID"]) for e in events(feed_of(client, token_for(cast, "hana")))} == hanas
    assert f"meeting-{pats.pk}@" not in feed_of(client, token_for(cast, "hana")).content.decode()


def test_a_renewed_or_stopped_token_and_any_other_string_are_a_plain_404(cast, client):
    plan(cast)
    old = token_for(cast, "pat")
    new = token_for(cast, "pat")
    assert len(events(feed_of(client, new))) == 1
    for wrong in (old, old[:-1], old.upper(), "x" * 500, "%00", new + "x"):
        response = feed_of(client, wrong)
        assert response.status_code == 404, wrong
        assert response.content == b"Not found\n" and "Amara" not in response.content.decode()
    with all_organisations():
        services.stop_feed(membership=cast.pat)
    assert feed_of(client, new).status_code == 404


def test_only_the_hash_of_the_token_is_stored(cast):
    token = token_for(cast, "pat")
    with all_organisations():
        stored = cast.pat.diary_settings.__class__.objects.get(membership=cast.pat)
    assert token not in str(stored.__dict__) and stored.feed_token_hash == services.hash_feed_token(token)


def test_a_member_who_left_has_no_feed(cast, client):
    plan(cast)
    token = token_for(cast, "pat")
    Membership.objects.filter(pk=cast.pat.pk).update(is_active=False)
    assert feed_of(client, token).status_code == 404


def test_a_meeting_on_support_that_ended_or_was_handed_on_stops_showing(cast, client):
    meeting = plan(cast)
    token = token_for(cast, "pat")
    assert len(events(feed_of(client, token))) == 1
    with all_organisations():
        yesterday = timezone.localdate() - timedelta(days=1)
        Assignment.objects.filter(pk=assignment_of(cast).pk).update(starts_on=yesterday, ends_on=yesterday)
        assign(cast.amara, cast.quinn)  # handed on to quinn: the old meeting is not quinn's either
    assert events(feed_of(client, token)) == []
    assert f"meeting-{meeting.pk}@" not in feed_of(client, token_for(cast, "quinn")).content.decode()


def test_a_cancelled_meeting_leaves_the_feed(cast, client):
    meeting = plan(cast)
    token = token_for(cast, "pat")
    with all_organisations():
        services.cancel_meeting(meeting=meeting, by=cast.pat)
    assert events(feed_of(client, token)) == []


def test_nothing_about_the_token_or_the_meetings_reaches_the_logs(cast, client, caplog):
    plan(cast, place="Mill Road library")
    token = token_for(cast, "pat")
    with caplog.at_level(logging.DEBUG):
        feed_of(client, token)
        feed_of(client, token + "wrong")
    logged = caplog.text + " ".join(str(r.args) for r in caplog.records)
    assert token not in logged and "Amara" not in logged and "Mill Road" not in logged


def test_the_feed_answers_only_get(cast, client):
    assert client.post(f"/diary/feed/{token_for(cast, 'pat')}.ics").status_code == 405
