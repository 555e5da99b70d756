"""Bad input: forms come back with what was typed and what to fix; odd ids are a 404, never a 500."""

from __future__ import annotations

from organisations.tenancy import organisation_scope
from training.models import Cohort, CohortSession, Module

from .helpers import a_cohort, signed_in


def test_the_module_and_cohort_forms_say_what_to_fix_and_keep_what_was_typed(cast):
    cleo = signed_in(cast, "cleo")
    response = cleo.post("/training/", {"action": "add_module", "title": "Crisis work", "hours": "-3"})
    body = response.content.decode()
    assert response.status_code == 200 and "need another look" in body and 'value="Crisis work"' in body
    response = cleo.post("/training/", {"action": "add_cohort", "name": "Autumn", "kind": "programme", "weeks": "0"})
    assert response.status_code == 200 and 'value="Autumn"' in response.content.decode()
    ok = {"action": "add_module", "title": "Crisis work", "hours": "3", "delivery": "online", "audience": "everyone"}
    assert cleo.post("/training/", ok).status_code == 302
    again = cleo.post("/training/", ok | {"title": "crisis WORK"})
    assert again.status_code == 200 and "already a module with this title" in again.content.decode()
    with organisation_scope(cast.riverside):
        assert Module.objects.count() == 1 and not Cohort.objects.exists()


def test_odd_ids_and_choices_are_refused_plainly(cast):
    cohort, _modules, sessions = a_cohort(cast.riverside)
    cleo = signed_in(cast, "cleo")
    for url in ("/training/cohorts/99999999999999999999/", "/training/sessions/0/"):
        assert cleo.get(url).status_code == 404
    page = f"/training/cohorts/{cohort.pk}/"
    for data in (
        {"action": "leave", "trainee": "x"},
        {"action": "withdraw", "share": "-1"},
        {"action": "leave", "trainee": "99999999999999999999999"},
    ):
        assert cleo.post(page, data).status_code == 404, data
    for data in ({"action": "enrol", "supporter": "x"}, {"action": "add_session", "module": "1", "on": "soon"}):
        response = cleo.post(page, data)
        assert response.status_code == 200, data
    with organisation_scope(cast.riverside):
        from training import services

        trainee = services.enrol(cohort, cast.pat_profile, by=cast.cleo)
    response = cleo.post(f"/training/sessions/{sessions[0].pk}/", {f"presence_{trainee.pk}": "late"})
    assert response.status_code == 200 and "Nothing has been saved yet" in response.content.decode()
    response = cleo.post(f"/training/sessions/{sessions[0].pk}/", {})
    assert response.status_code == 200
    with organisation_scope(cast.riverside):
        assert CohortSession.objects.count() == 2
