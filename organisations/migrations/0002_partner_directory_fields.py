import uuid

from django.db import migrations, models


def give_each_partner_its_own_hsds_id(apps, schema_editor):
    # A default on a new column is computed once: every existing partner would share one id.
    Partner = apps.get_model("organisations", "Partner")
    partners = list(Partner.objects.only("pk"))
    for partner in partners:
        partner.hsds_id = uuid.uuid4()
    Partner.objects.bulk_update(partners, ["hsds_id"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="partner",
            name="description",
            field=models.TextField(blank=True, verbose_name="about them"),
        ),
        migrations.AddField(
            model_name="partner",
            name="email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="email"),
        ),
        migrations.AddField(
            model_name="partner",
            name="hsds_id",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_each_partner_its_own_hsds_id, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="partner",
            name="hsds_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AddField(
            model_name="partner",
            name="phone",
            field=models.CharField(blank=True, max_length=40, verbose_name="phone"),
        ),
        migrations.AddField(
            model_name="partner",
            name="website",
            field=models.URLField(blank=True, verbose_name="website"),
        ),
        migrations.AddConstraint(
            model_name="partner",
            constraint=models.UniqueConstraint(fields=("organisation", "hsds_id"), name="unique_partner_hsds_id"),
        ),
    ]
