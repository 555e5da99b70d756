"""The join of a level to the competences it needs carries the organisation (see organisations.join_tables)."""

from django.db import migrations, models

from organisations.join_tables import give_the_join_its_organisation


class Migration(migrations.Migration):
    dependencies = [("competence", "0002_defaults_and_the_interim_flag_carried_over")]

    operations = give_the_join_its_organisation(
        "competence",
        holder="Level",
        field="competences",
        target="competence.Competence",
        through="LevelCompetence",
        table="competence_level_competences",
        on_delete=models.PROTECT,
        m2m={"blank": True, "related_name": "levels", "verbose_name": "competences"},
    )
