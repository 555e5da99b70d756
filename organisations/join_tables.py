"""Migrations that give a many-to-many join table (the one Django made) a model carrying the organisation.

Used by the migrations that did so (consent 0003, competence 0003, wellbeing 0003), so that the
three say once how: the table keeps its name, columns and rows; the model is declared over it; the
organisation column is added, filled from the row that holds the join, and then required. Nothing
else uses it; change it only in ways that leave what those migrations do unchanged.
"""

from __future__ import annotations

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def give_the_join_its_organisation(
    app: str,
    *,
    holder: str,
    field: str,
    target: str,
    through: str,
    table: str,
    on_delete,
    m2m: dict,
) -> list:
    """Operations for ``holder.field`` (a many-to-many to ``target``, "app.Model") through ``through``."""
    holder_column = holder.lower()
    target_column = target.split(".")[1].lower()
    through_lower = through.lower()

    def fill(apps, schema_editor):
        join = apps.get_model(app, through)
        holders = apps.get_model(app, holder)
        join.objects.update(
            organisation_id=Subquery(
                holders.objects.filter(pk=OuterRef(f"{holder_column}_id")).values("organisation_id")[:1]
            )
        )

    return [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name=through,
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (holder_column, models.ForeignKey(on_delete=models.CASCADE, to=f"{app}.{holder.lower()}")),
                        (target_column, models.ForeignKey(on_delete=models.CASCADE, to=target.lower())),
                    ],
                    options={"db_table": table, "unique_together": {(holder_column, target_column)}},
                ),
                migrations.AlterField(
                    model_name=holder.lower(),
                    name=field,
                    field=models.ManyToManyField(through=f"{app}.{through}", to=target.lower(), **m2m),
                ),
            ]
        ),
        migrations.AddField(
            model_name=through_lower,
            name="organisation",
            field=models.ForeignKey(null=True, on_delete=on_delete, related_name="+", to="organisations.organisation"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name=through_lower,
            name="organisation",
            field=models.ForeignKey(on_delete=on_delete, related_name="+", to="organisations.organisation"),
        ),
    ]
