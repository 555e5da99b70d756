"""Choice labels looked up, not searched: ``get_FOO_display`` at the cost of one dictionary lookup.

Django's own ``get_FOO_display`` builds a dictionary of every choice of the field each time it is
called, hashing each lazy label, which translates it: showing one language of a forty-language list
translated forty labels. ``ChoiceLabels`` keeps that dictionary per field and language instead, built
the first time it is needed. Models that show choices on busy pages (the peer record) mix it in;
``alongside/tests/test_choice_labels.py`` checks it answers as Django does, for every field and language.
"""

from __future__ import annotations

from functools import cache

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import get_language


@cache
def _labels(field: models.Field, language: str | None) -> dict:
    return {make_hashable(value): force_str(label, strings_only=True) for value, label in field.flatchoices}


class ChoiceLabels:
    def _get_FIELD_display(self, field: models.Field):  # noqa: N802 (Django's name)
        value = getattr(self, field.attname)
        return _labels(field, get_language()).get(make_hashable(value), force_str(value, strings_only=True))
