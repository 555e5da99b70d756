"""Free text that was plain becomes encrypted columns (0004 encrypts the rows already there)."""

from django.db import migrations

import encryption.fields


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0002_assignment_end_date_message"),
    ]

    operations = [
        migrations.AlterField(
            model_name="peer",
            name="pronouns",
            field=encryption.fields.EncryptedCharField(blank=True, max_length=40, verbose_name="pronouns"),
        ),
        migrations.AlterField(
            model_name="peer",
            name="gender_in_own_words",
            field=encryption.fields.EncryptedCharField(
                blank=True, max_length=80, verbose_name="gender in their own words"
            ),
        ),
        migrations.AlterField(
            model_name="peersupporter",
            name="availability",
            field=encryption.fields.EncryptedTextField(blank=True, verbose_name="availability"),
        ),
        migrations.AlterField(
            model_name="peersupporter",
            name="lived_experience",
            field=encryption.fields.EncryptedJSONField(
                blank=True, default=list, verbose_name="lived experience they are willing to draw on"
            ),
        ),
    ]
