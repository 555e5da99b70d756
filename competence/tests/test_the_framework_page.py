"""The organisation's framework and levels: coordinators edit them; evaluators see counts only."""

from __future__ import annotations

import pytest

from competence.models import Competence, Level
from organisations.tenancy import organisation_scope


@pytest.mark.parametrize("who", ["sina", "pat", "stef", "eve"])
def test_only_coordinators_and_admins_edit_the_framework(cast, client_for, who):
    client = client_for(who)
    assert client.get("/organisation/competence/").status_code == 404
    assert client.get("/organisation/competence/level/").status_code == 404


def test_a_coordinator_adds_a_competence_and_a_level_that_needs_it(cast, client_for):
    client = client_for("cleo")
    assert client.get("/organisation/competence/").status_code == 200
    response = client.post(
        "/organisation/competence/",
        {"action": "competence", "name": "Speaks at schools", "kind": "optional", "domain": "", "description": ""},
    )
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        competence = Competence.objects.get(name="Speaks at schools")
    response = client.post(
        "/organisation/competence/level/",
        {"name": "Speaker", "position": 9, "work": [], "competences": [competence.pk], "shadowing_needed": 1,
         "shadowed_needed": 0},
    )  # fmt: skip
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        level = Level.objects.get(name="Speaker")
        assert level.code == "speaker" and list(level.competences.all()) == [competence]


def test_expiry_is_off_until_a_coordinator_turns_it_on(cast, client_for):
    client = client_for("cleo")
    text = client.get("/organisation/competence/").content.decode()
    assert 'name="sign_offs_expire"' in text and 'name="sign_offs_expire" checked' not in text
    response = client.post(
        "/organisation/competence/",
        {"action": "settings", "sign_offs_expire": "on", "valid_for_months": 24, "remind_weeks_before": 6},
    )
    assert response.status_code == 302


def test_a_level_of_another_organisation_is_not_opened(cast, client_for):
    with organisation_scope(cast.harbour):
        theirs = Level.objects.filter(organisation=cast.harbour).first()
    text = client_for("cleo").get(f"/organisation/competence/level/?level={theirs.pk}").content.decode()
    assert "Add a responsibility level" in text  # a new one, not theirs


def test_an_evaluator_sees_counts_per_level_with_small_numbers_suppressed(cast, client_for):
    response = client_for("eve").get("/organisation/competence/counts/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Independent one-to-one" in text and "fewer than 5" in text
    for name in ("Pat", "Quinn", "Rio"):
        assert name not in text
    assert client_for("pat").get("/organisation/competence/counts/").status_code == 404
