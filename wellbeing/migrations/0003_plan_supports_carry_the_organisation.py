"""The join of a self-care plan to the supports it uses carries the organisation (see organisations.join_tables)."""

from django.db import migrations, models

from organisations.join_tables import give_the_join_its_organisation


class Migration(migrations.Migration):
    dependencies = [("wellbeing", "0002_default_supports")]

    operations = give_the_join_its_organisation(
        "wellbeing",
        holder="SelfCarePlan",
        field="supports",
        target="wellbeing.OrganisationSupport",
        through="PlanSupport",
        table="wellbeing_selfcareplan_supports",
        on_delete=models.CASCADE,
        m2m={"blank": True, "related_name": "+", "verbose_name": "supports"},
    )
