"""Overdue supervision shows to the supervisor, the coordinator and on the supervisee's page; the
frequency is the organisation's default, changed per supervisee with a reason."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from organisations.tenancy import organisation_scope
from supervision import services
from supervision.models import Frequency

from .helpers import held


@pytest.fixture
def long_started(cast):
    """pat and rio started 30 weeks ago (monthly by now); pat was last seen 40 days ago, rio 10."""
    with organisation_scope(cast.riverside):
        for profile in (cast.pat_profile, cast.rio_profile, cast.quinn_profile):
            profile.started_on = timezone.localdate() - timedelta(weeks=30)
            profile.save()
        held(cast.sina, cast.pat_profile, days_ago=40)
        held(cast.sol, cast.rio_profile, days_ago=10)
    return cast


def test_overdue_supervisees_are_those_past_their_interval(long_started):
    cast = long_started
    with organisation_scope(cast.riverside):
        overdue = {d.supporter.pk: d.days_overdue for d in services.overdue_supervisees(cast.riverside)}
    # pat: 40 days since, monthly: 10 days late. quinn: never seen since starting: long overdue. rio: not due.
    assert overdue[cast.pat_profile.pk] == 10
    assert cast.quinn_profile.pk in overdue
    assert cast.rio_profile.pk not in overdue


def test_a_cancelled_session_does_not_count_as_supervision(long_started):
    cast = long_started
    with organisation_scope(cast.riverside):
        held(cast.sina, cast.pat_profile, days_ago=1, status="cancelled")
        overdue = {d.supporter.pk for d in services.overdue_supervisees(cast.riverside)}
    assert cast.pat_profile.pk in overdue


def test_the_supervisor_sees_only_their_own_supervisees_overdue(long_started, client_for):
    body = client_for("sina").get("/").content.decode()
    assert "Supervision overdue for 1 peer supporter" in body and "Pat" in body and "Quinn" not in body
    assert "Supervision overdue" not in client_for("sol").get("/").content.decode()


def test_the_coordinator_sees_everyone_overdue(long_started, client_for):
    body = client_for("cleo").get("/").content.decode()
    assert "Supervision overdue for 2 peer supporters" in body
    assert "Pat" in body and "Quinn" in body


def test_the_supervisee_sees_it_on_their_own_page_and_dashboard(long_started, client_for):
    client = client_for("pat")
    assert (
        "Supervision is overdue by 10 days"
        in client.get(f"/supporters/{long_started.pat_profile.pk}/").content.decode()
    )
    assert "Supervision is overdue by 10 days" in client.get("/").content.decode()


def test_a_changed_frequency_needs_a_reason_and_moves_the_due_date(long_started, client_for):
    cast = long_started
    url = f"/supporters/{cast.pat_profile.pk}/supervision/frequency/"
    plan = {
        "first_every": "weekly",
        "first_weeks": "0",
        "then_every": "weekly",
        "then_weeks": "0",
        "after_every": "weekly",
    }
    response = client_for("cleo").post(url, plan)
    assert response.status_code == 200 and "This field is required." in response.content.decode()
    response = client_for("cleo").post(url, plan | {"reason": "A hard month: weekly again for now."})
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        assert Frequency.objects.get(supporter=cast.pat_profile).reason == "A hard month: weekly again for now."
        due = services.due_for([cast.pat_profile])[0]
    assert due.days_overdue == 40 - 7


def test_the_organisations_default_applies_to_everyone_without_their_own(long_started, client_for):
    cast = long_started
    plan = {
        "first_every": "weekly",
        "first_weeks": "0",
        "then_every": "weekly",
        "then_weeks": "0",
        "after_every": "fortnightly",
    }
    assert client_for("cleo").post("/organisation/supervision/", plan).status_code == 302
    with organisation_scope(cast.riverside):
        overdue = {d.supporter.pk for d in services.overdue_supervisees(cast.riverside)}
    assert cast.pat_profile.pk in overdue  # 40 days after, fortnightly
    assert client_for("sina").get("/organisation/supervision/").status_code == 404


def test_last_supervised_on_is_one_query_for_the_wellbeing_warning(long_started):
    cast = long_started
    with organisation_scope(cast.riverside):
        members = [cast.pat, cast.rio, cast.quinn]
        with CaptureQueriesContext(connection) as asked:
            last = services.last_supervised_on(members)
    assert len(asked.captured_queries) == 1
    today = timezone.localdate()
    assert last == {cast.pat.pk: today - timedelta(days=40), cast.rio.pk: today - timedelta(days=10)}


def test_the_coordinators_kept_list_follows_a_session_at_once(long_started, client_for):
    cast = long_started
    client = client_for("cleo")
    assert "Supervision overdue for 2 peer supporters" in client.get("/").content.decode()
    with organisation_scope(cast.riverside):
        held(cast.sina, cast.pat_profile, days_ago=0)
    assert "Supervision overdue for 1 peer supporter" in client.get("/").content.decode()
