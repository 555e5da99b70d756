"""What is written about a supporter (a sign-off's note and reference, a level change's reason,
shadowing reflections) is stored encrypted: the raw column never holds the words."""

from __future__ import annotations

from django.db import connection
from django.utils import timezone

from competence import services
from competence.models import Level, LevelChange, Shadowing, SignOff
from organisations.tenancy import organisation_scope

WORDS = "Nervous at first, then warm"


def raw(model, field: str, pk: int) -> str:
    table, column = model._meta.db_table, model._meta.get_field(field).column
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "{column}" FROM "{table}" WHERE id = %s', [pk])  # noqa: S608 (names from the model)
        return cursor.fetchone()[0]


def test_notes_references_reasons_and_reflections_are_not_readable_in_the_database(cast):
    with organisation_scope(cast.riverside):
        level = Level.objects.get(organisation=cast.riverside, code="observing")
        today = timezone.localdate()
        sign_off = services.sign_off(
            cast.pat_profile, level.competences.first(), by=cast.sina, evidence="other", signed_on=today,
            reference=WORDS, note=WORDS,
        )  # fmt: skip
        change = services.change_level(cast.pat_profile, level, by=cast.sina, reason=WORDS)
        shadowing = services.record_shadowing(
            cast.pat_profile, other=cast.quinn, they_shadowed=True, by=cast.sina, happened_on=today, work="group",
            reflections=WORDS,
        )  # fmt: skip
    for model, field, pk in [
        (SignOff, "note", sign_off.pk), (SignOff, "reference", sign_off.pk), (LevelChange, "reason", change.pk),
        (Shadowing, "reflections", shadowing.pk),
    ]:  # fmt: skip
        stored = raw(model, field, pk)
        assert stored and WORDS not in stored, (model.__name__, field)
