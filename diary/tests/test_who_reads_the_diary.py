"""Who reads whose meetings: the worker, their supervisor, coordinators and admins; nobody else, and
nobody but the organisation-wide roles once the work with that peer has ended."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from conftest import assign
from organisations.tenancy import all_organisations
from people.models import Assignment

from .helpers import assignment_of, at, form, plan, url


def test_pats_supervisor_and_the_coordinator_read_his_diary_and_the_meeting(cast, client_for):
    meeting = plan(cast, place="The library")
    for player in ("sina", "cleo", "ada"):
        client = client_for(player)
        diary = client.get(f"/supporters/{cast.pat_profile.pk}/diary/")
        assert diary.status_code == 200 and "Amara" in diary.content.decode(), player
        page = client.get(url(meeting))
        assert page.status_code == 200 and "The library" in page.content.decode(), player
        assert "Move or change it" not in page.content.decode(), player


def test_only_pat_changes_his_meetings(cast, client_for):
    meeting = plan(cast)
    for player in ("sina", "cleo", "quinn", "stef", "sol"):
        client = client_for(player)
        assert client.post(url(meeting, "move"), form(at(days=5))).status_code == 404, player
        assert client.post(url(meeting, "cancel")).status_code == 404, player
    with all_organisations():
        meeting.refresh_from_db()
    assert meeting.status == "planned" and meeting.starts_at == at()


def test_another_supervisor_another_supporter_a_case_manager_and_an_evaluator_read_nothing(cast, client_for):
    meeting = plan(cast)
    for player in ("sol", "quinn", "stef", "eve", "hugo"):
        client = client_for(player)
        assert client.get(url(meeting)).status_code == 404, player
        assert client.get(f"/supporters/{cast.pat_profile.pk}/diary/").status_code == 404, player


def test_a_case_manager_on_the_same_peer_does_not_see_the_peer_supporters_meetings(cast, client_for):
    with all_organisations():
        assign(cast.amara, cast.stef, "case_management")
    meeting = plan(cast)
    client = client_for("stef")
    assert client.get(f"/peers/{cast.amara.pk}/").status_code == 200
    assert client.get(url(meeting)).status_code == 404
    assert url(meeting) not in client.get(f"/peers/{cast.amara.pk}/").content.decode()


def test_when_the_support_ends_the_meeting_leaves_the_supporters_diary(cast, client_for):
    meeting = plan(cast)
    client = client_for("pat")
    assert "Amara" in client.get("/diary/").content.decode()
    with all_organisations():
        yesterday = timezone.localdate() - timedelta(days=1)
        Assignment.objects.filter(pk=assignment_of(cast).pk).update(starts_on=yesterday, ends_on=yesterday)
    assert "Amara" not in client.get("/diary/").content.decode()
    assert client.get(url(meeting)).status_code == 404
    assert client.get(url(meeting), follow=True).status_code == 404
    # The coordinator still reads it: the record keeps it.
    assert client_for("cleo").get(url(meeting)).status_code == 200


def test_the_peers_record_shows_the_next_meetings_to_those_who_read_them(cast, client_for):
    plan(cast, kind="doctor")
    page = client_for("pat").get(f"/peers/{cast.amara.pk}/").content.decode()
    assert "Next meetings" in page and "An appointment: a doctor or a health service" in page
    assert "Plan a meeting or an appointment" in page
    page = client_for("cleo").get(f"/peers/{cast.amara.pk}/").content.decode()
    assert "Next meetings" in page and "Plan a meeting or an appointment" not in page


def test_a_meeting_of_another_peer_is_not_opened_through_amaras_address(cast, client_for):
    beas = plan(cast, "bea")
    client = client_for("cleo")
    assert client.get(f"/peers/{cast.amara.pk}/meetings/{beas.pk}/").status_code == 404
    assert client.get(f"/peers/{cast.amara.pk}/meetings/{2**70}/").status_code == 404
    zeds = plan(cast, "zed")
    assert client.get(f"/peers/{cast.zed.pk}/meetings/{zeds.pk}/").status_code == 404


def test_a_supervisor_who_sees_a_peer_for_another_reason_does_not_read_another_supporters_meetings(cast, client_for):
    """sina works with bea herself (case management); bea's peer supporter quinn is not sina's supervisee."""
    with all_organisations():
        assign(cast.bea, cast.sina, "case_management")
    quinns = plan(cast, "bea")
    client = client_for("sina")
    assert client.get(f"/peers/{cast.bea.pk}/").status_code == 200
    assert client.get(url(quinns)).status_code == 404
    assert url(quinns) not in client.get(f"/peers/{cast.bea.pk}/").content.decode()


def test_an_earlier_support_that_ended_is_not_planned_on(cast, client_for):
    """pat worked with amara before (ended), and again now: only the current support takes meetings."""
    with all_organisations():
        earlier = Assignment.objects.create(
            organisation=cast.riverside, peer=cast.amara, worker=cast.pat, kind="peer_support",
            starts_on=timezone.localdate() - timedelta(days=90), ends_on=timezone.localdate() - timedelta(days=60),
        )  # fmt: skip
    response = client_for("pat").post(f"/peers/{cast.amara.pk}/assignments/{earlier.pk}/meetings/new/", form(at()))
    assert response.status_code == 404
