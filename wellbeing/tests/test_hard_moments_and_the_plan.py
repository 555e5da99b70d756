"""A self-care plan and the "this was hard" log are the supporter's alone: the words never reach
their supervisor; the early warning counts only the moments they let count."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from organisations.tenancy import organisation_scope
from wellbeing import services
from wellbeing.models import HardMoment, OrganisationSupport, SelfCarePlan

pytestmark = pytest.mark.django_db

WORDS = "A story that sounded like mine"


def test_a_new_organisation_starts_with_the_supports_the_reports_name(cast):
    with organisation_scope(cast.riverside):
        names = list(OrganisationSupport.objects.values_list("name", flat=True))
    assert names == [en for en, _ in services.DEFAULT_SUPPORTS]


def test_the_plan_is_written_in_their_words_and_read_by_them(cast, client_for):
    with organisation_scope(cast.riverside):
        therapy = OrganisationSupport.objects.first()
    client = client_for("pat")
    response = client.post(
        "/wellbeing/plan/",
        {
            "what_helps": "Walking by the river",
            "early_signs": "",
            "who_i_turn_to": "My sister",
            "supports": [therapy.pk],
        },
    )
    assert response.status_code == 302
    body = client.get("/wellbeing/").content.decode()
    assert "Walking by the river" in body and "My sister" in body and therapy.name in body
    with organisation_scope(cast.riverside):
        assert SelfCarePlan.objects.get(member=cast.pat).supports.get() == therapy
    assert client_for("sina").get("/wellbeing/").status_code == 404
    assert "Walking by the river" not in client_for("sina").get(f"/supporters/{cast.pat_profile.pk}/").content.decode()


def test_a_hard_moment_counts_but_its_words_never_reach_the_supervisor(cast, client_for):
    today = timezone.localdate()
    client = client_for("pat")
    for _ in range(2):
        client.post("/wellbeing/hard-moment/", {"happened_on": today.isoformat(), "words": WORDS, "counts": "on"})
    client.post("/wellbeing/hard-moment/", {"happened_on": today.isoformat(), "words": "Not counted"})
    assert WORDS in client.get("/wellbeing/").content.decode()
    body = client_for("sina").get(f"/supporters/{cast.pat_profile.pk}/wellbeing/").content.decode()
    assert WORDS not in body and "Not counted" not in body
    assert "2 hard moments they chose to log and count in four weeks" in body
    dashboard = client_for("sina").get("/").content.decode()
    assert WORDS not in dashboard and "2 hard moments" in dashboard


def test_a_day_to_come_is_refused_and_the_words_kept(cast, client_for):
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client_for("pat").post("/wellbeing/hard-moment/", {"happened_on": tomorrow.isoformat(), "words": "kept"})
    assert response.status_code == 200 and "That day has not come yet." in response.content.decode()
    assert "kept" in response.content.decode()
    with organisation_scope(cast.riverside):
        assert not HardMoment.objects.exists()


def test_only_its_author_takes_a_moment_off(cast, client_for):
    with organisation_scope(cast.riverside):
        moment = services.log_hard_moment(cast.pat, happened_on=timezone.localdate(), words=WORDS)
    assert client_for("quinn").post("/wellbeing/hard-moment/forget/", {"moment": moment.pk}).status_code == 404
    client_for("pat").post("/wellbeing/hard-moment/forget/", {"moment": moment.pk})
    with organisation_scope(cast.riverside):
        assert not HardMoment.objects.exists()
