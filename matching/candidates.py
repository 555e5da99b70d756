"""The peer supporters the suggestions weigh, read as plain values in one query (no model instances).

Its own module so that ``matching.rules`` can read a candidate as a supporter without importing the
loaders (``matching.profiles``), which lean on ``people.services``, which asks ``matching.rules``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import NamedTuple, cast

from django.db.models import ExpressionWrapper, F, TextField
from django.db.models.functions import Cast

from people.models import PeerSupporter


class Candidate(NamedTuple):
    """A peer supporter the suggestions weigh, as plain values (no model instance: 800 are read a page).

    Their lived experience is still encrypted here (``sealed_lived_experience``): ``offers_for`` opens it
    only for a supporter whose fit is weighed. ``matching.rules`` reads a candidate as a supporter.
    """

    pk: int
    organisation_id: int
    membership_id: int
    name: str  # their display name, what the page shows
    languages: tuple[str, ...]
    gender: str
    capacity: int
    stage: str
    sealed_lived_experience: str


def sealed(field: str):
    """The column as stored (ciphertext), not opened by the field on the way out."""
    return ExpressionWrapper(F(field), output_field=TextField())


def json_text(field: str):
    """A JSON column read as its text, for ``parse_each`` (one parse for a whole column, not one a row)."""
    return Cast(field, TextField())


def parse_each(texts: Sequence[str | None]) -> list:
    """Each JSON text parsed, as the column's field would give it, in one call for them all."""
    if None in texts:
        return [None if t is None else json.loads(t) for t in texts]
    return json.loads(f"[{','.join(cast('Sequence[str]', texts))}]")


def candidates(organisation) -> list[Candidate]:
    """Every peer supporter of the organisation whose membership is active, by name. One query."""
    rows = list(
        PeerSupporter.objects.filter(organisation=organisation, membership__is_active=True)
        .annotate(languages_text=json_text("languages"), sealed_lived_experience=sealed("lived_experience"))
        .order_by("membership__user__display_name", "pk")
        .values_list(
            "pk",
            "organisation_id",
            "membership_id",
            "membership__user__display_name",
            "languages_text",
            "gender",
            "capacity",
            "stage",
            "sealed_lived_experience",
        )
    )
    languages = parse_each([row[4] for row in rows])
    return [
        Candidate(pk, org, membership, name, tuple(spoken or ()), gender, capacity, stage, sealed_)
        for (pk, org, membership, name, _text, gender, capacity, stage, sealed_), spoken in zip(
            rows, languages, strict=True
        )
    ]
