"""The join of a consent record to the partners it names carries the organisation (see organisations.join_tables)."""

from django.db import migrations, models

from organisations.join_tables import give_the_join_its_organisation


class Migration(migrations.Migration):
    dependencies = [("consent", "0002_erasure_keeps_no_one"), ("organisations", "0002_partner_directory_fields")]

    operations = give_the_join_its_organisation(
        "consent",
        holder="ConsentRecord",
        field="partners",
        target="organisations.Partner",
        through="NamedPartner",
        table="consent_consentrecord_partners",
        on_delete=models.PROTECT,
        m2m={"blank": True, "verbose_name": "named partners"},
    )
