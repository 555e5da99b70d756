"""Every model that mixes in ChoiceLabels shows each choice as Django itself would, in every language."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.conf import settings
from django.db.models import Model
from django.utils import translation

from alongside.choices import ChoiceLabels

MODELS = [model for model in apps.get_models() if issubclass(model, ChoiceLabels)]
CASES = [
    (model, field)
    for model in MODELS
    for field in model._meta.concrete_fields
    if field.choices and not field.is_relation
]


def test_the_busy_models_use_it():
    names = {model._meta.label for model in MODELS}
    assert {"people.Peer", "people.PeerSupporter", "people.Assignment", "people.ContactMethod", "people.Need"} <= names


@pytest.mark.parametrize("language", [code for code, _ in settings.LANGUAGES])
@pytest.mark.parametrize(("model", "field"), CASES, ids=[f"{m._meta.label}.{f.name}" for m, f in CASES])
def test_each_label_is_djangos_own(model, field, language):
    with translation.override(language):
        for value in [*(value for value, _ in field.flatchoices), "", "not-a-choice"]:
            instance = model()
            setattr(instance, field.attname, value)
            ours = getattr(instance, f"get_{field.name}_display")()
            djangos = Model._get_FIELD_display(instance, field)
            assert ours == djangos, (value, ours, djangos)
