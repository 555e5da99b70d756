"""The organisation's supports and limits (coordinators and admins), and the warning's words in both
languages for every factor, raised or not."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from django.utils import translation

from organisations.tenancy import organisation_scope
from wellbeing import explain
from wellbeing import warning as w
from wellbeing.models import OrganisationSupport, WarningSettings
from wellbeing.tests.test_early_warning_rules import ALONE, CALM, TODAY

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_factor_has_its_words_raised_or_not(language):
    cases = [CALM, w.Facts(today=TODAY), replace(CALM, last_day_off=None, working_since=TODAY - timedelta(days=9))]
    cases += [replace(CALM, **change) for change in ALONE.values()]
    with translation.override(language):
        for facts in cases:
            found = w.warn(facts)
            assert explain.level_words(found.level)
            for factor in found.factors:
                words = explain.factor_words(factor)
                assert words and "%(" not in words, (factor, words)


def test_a_coordinator_adds_and_retires_a_support(cast, client_for):
    client = client_for("cleo")
    assert client.post("/wellbeing/settings/", {"action": "add", "name": "Yoga on Fridays"}).status_code == 302
    with organisation_scope(cast.riverside):
        yoga = OrganisationSupport.objects.get(name="Yoga on Fridays")
    client.post("/wellbeing/settings/", {"action": "retire", "support": yoga.pk})
    with organisation_scope(cast.riverside):
        assert OrganisationSupport.objects.get(pk=yoga.pk).retired
    # A retired support is no longer offered in a plan.
    assert "Yoga on Fridays" not in client_for("pat").get("/wellbeing/plan/").content.decode()


def test_a_second_support_of_the_same_name_is_refused_with_the_input_kept(cast, client_for):
    response = client_for("cleo").post("/wellbeing/settings/", {"action": "add", "name": "Counselling"})
    assert response.status_code == 200 and "There is already a support of that name." in response.content.decode()


def test_limits_are_saved_and_bad_ones_shown_again(cast, client_for):
    client = client_for("ada")
    fields = {name: getattr(w.Limits(), name) for name in WarningSettings.LIMIT_FIELDS}
    response = client.post("/wellbeing/settings/", {"action": "limits", **fields, "check_in_drop": 300})
    assert response.status_code == 200 and "A check-in goes from 0 to 100." in response.content.decode()
    client.post("/wellbeing/settings/", {"action": "limits", **fields, "crises": 4})
    with organisation_scope(cast.riverside):
        assert WarningSettings.objects.get(organisation=cast.riverside).crises == 4


def test_another_organisations_support_cannot_be_retired(cast, client_for):
    with organisation_scope(cast.harbour):
        theirs = OrganisationSupport.objects.first()
    assert (
        client_for("cleo").post("/wellbeing/settings/", {"action": "retire", "support": theirs.pk}).status_code == 404
    )
    with organisation_scope(cast.harbour):
        assert not OrganisationSupport.objects.get(pk=theirs.pk).retired
