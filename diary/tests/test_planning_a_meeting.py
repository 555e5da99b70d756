"""A peer supporter plans a meeting with the peer they support, moves it, cancels it, and says how it went."""

from __future__ import annotations

from django.db import connection

from audit.models import Action, AuditEvent
from diary.models import Meeting
from encryption.fields import decrypt
from organisations.tenancy import all_organisations

from .helpers import assignment_of, at, form, in_the_past, plan, url


def _meetings():
    """Riverside's meetings, where these stories happen (the cast has one in Harbour, yara's)."""
    with all_organisations():
        return list(Meeting.objects.filter(organisation__slug="riverside").order_by("pk"))


def test_pat_plans_a_court_date_with_amara_and_it_is_in_his_diary(cast, client_for):
    client = client_for("pat")
    assignment = assignment_of(cast)
    when = at(days=2, hour=9, minute=30)
    response = client.post(
        f"/peers/{cast.amara.pk}/assignments/{assignment.pk}/meetings/new/",
        form(when, kind="court", minutes="120", place="Magistrates' court, Mill Road", note="Bring the letter."),
    )
    assert response.status_code == 302
    (meeting,) = _meetings()
    assert (meeting.kind, meeting.starts_at, meeting.minutes, meeting.status) == ("court", when, 120, "planned")
    assert meeting.place == "Magistrates' court, Mill Road" and meeting.planned_by == cast.user("pat")
    assert AuditEvent.objects.filter(action=Action.CREATE, record_type="meeting", record_id=str(meeting.pk)).exists()
    diary = client.get("/diary/").content.decode()
    assert "Amara" in diary and "An appointment: a court date" in diary


def test_where_and_the_note_are_stored_encrypted(cast):
    meeting = plan(cast, place="Café on Mill Road", note="She would rather not be seen near the office.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT place, note FROM diary_meeting WHERE id = %s", [meeting.pk])
        place, note = cursor.fetchone()
    assert "Mill Road" not in place and "office" not in note
    assert decrypt(place) == "Café on Mill Road"


def test_a_time_that_has_passed_or_a_missing_day_shows_the_form_again_with_what_was_typed(cast, client_for):
    client = client_for("pat")
    address = f"/peers/{cast.amara.pk}/assignments/{assignment_of(cast).pk}/meetings/new/"
    response = client.post(address, form(at(days=-1), place="The library"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "This time has passed" in body and 'value="The library"' in body
    response = client.post(address, {"at": "10:00", "minutes": "60", "kind": "meeting"})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    response = client.post(address, form(at(), minutes="100000", kind="a party"))
    assert response.status_code == 200
    assert _meetings() == []


def test_another_supporter_cannot_plan_on_amaras_support(cast, client_for):
    address = f"/peers/{cast.amara.pk}/assignments/{assignment_of(cast).pk}/meetings/new/"
    for player in ("quinn", "sina", "cleo"):
        assert client_for(player).post(address, form(at())).status_code == 404, player
    assert _meetings() == []


def test_moving_a_meeting_changes_its_time_and_keeps_everything_else_as_typed(cast, client_for):
    meeting = plan(cast, place="The library")
    later = at(days=3, hour=16)
    response = client_for("pat").post(url(meeting, "move"), form(later, minutes="45", place="The library"))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.minutes, meeting.place) == (later, 45, "The library")


def test_cancelling_keeps_the_meeting_marked_cancelled_and_it_can_no_longer_be_moved(cast, client_for):
    meeting = plan(cast)
    client = client_for("pat")
    assert client.post(url(meeting, "cancel")).status_code == 302
    with all_organisations():
        meeting.refresh_from_db()
    assert meeting.status == "cancelled"
    response = client.post(url(meeting, "move"), form(at(days=4)), follow=True)
    assert "Only a planned meeting can be moved" in response.content.decode()
    with all_organisations():
        meeting.refresh_from_db()
    assert meeting.starts_at == at()


def test_once_its_time_has_come_it_happened_or_it_did_not_take_place(cast, client_for):
    client = client_for("pat")
    ahead = plan(cast)
    response = client.post(url(ahead, "outcome"), {"status": "happened"}, follow=True)
    assert "has not started yet" in response.content.decode()
    done, missed = in_the_past(plan(cast)), in_the_past(plan(cast))
    client.post(url(done, "outcome"), {"status": "happened"})
    client.post(url(missed, "outcome"), {"status": "missed"})
    response = client.post(url(missed, "outcome"), {"status": "no show, her fault"}, follow=True)
    assert response.status_code == 200
    with all_organisations():
        statuses = {m.pk: m.status for m in _meetings()}
    assert statuses == {ahead.pk: "planned", done.pk: "happened", missed.pk: "missed"}
    page = client.get(url(missed)).content.decode()
    assert "It did not take place" in page and "no show" not in page
