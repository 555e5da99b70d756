"""Organisations made before goals existed start with the default life domains too."""

from django.db import migrations

# As in goals.models.DEFAULT_DOMAINS when this was written (a migration keeps its own copy).
DEFAULT_DOMAINS = [
    ("housing", "Housing", "Logement"),
    ("health", "Health", "Santé"),
    ("work_and_learning", "Work and learning", "Travail et formation"),
    ("legal_and_immigration", "Legal and immigration", "Droit et immigration"),
    ("money", "Money", "Argent"),
    ("relationships", "Relationships", "Relations"),
    ("safety", "Safety", "Sécurité"),
    ("wellbeing", "Wellbeing", "Bien-être"),
    ("substance_use", "Recovery from substance use", "Rétablissement (consommation de substances)"),
]


def add_defaults(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    LifeDomain = apps.get_model("goals", "LifeDomain")
    have = set(LifeDomain._base_manager.values_list("organisation_id", flat=True))
    LifeDomain._base_manager.bulk_create(
        [
            LifeDomain(organisation_id=org, name=name, name_fr=name_fr, default_code=code, position=i)
            for org in Organisation.objects.exclude(pk__in=have).values_list("pk", flat=True)
            for i, (code, name, name_fr) in enumerate(DEFAULT_DOMAINS, start=1)
        ]
    )


class Migration(migrations.Migration):
    dependencies = [("goals", "0001_initial")]

    operations = [migrations.RunPython(add_defaults, migrations.RunPython.noop)]
