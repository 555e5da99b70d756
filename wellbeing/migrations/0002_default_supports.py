"""Organisations made before wellbeing start with the default supports, as new ones do (signals.py)."""

from django.db import migrations

DEFAULTS = (
    ("Paid time for therapy (an hour a week)", "Temps payé pour une thérapie (une heure par semaine)"),
    ("Counselling", "Accompagnement psychologique"),
    ("Flexible time off", "Congés souples"),
    ("The monthly peer supporters' group", "Le groupe mensuel des pair-aidants"),
)


def add_defaults(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    Support = apps.get_model("wellbeing", "OrganisationSupport")
    have = set(Support._base_manager.values_list("organisation_id", flat=True))
    Support._base_manager.bulk_create(
        [
            Support(organisation_id=pk, name=en, name_fr=fr)
            for pk in Organisation._base_manager.exclude(pk__in=have).values_list("pk", flat=True)
            for en, fr in DEFAULTS
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("wellbeing", "0001_initial")]
    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
