# The concern's contact, once a plain number, is the contact log's row. Nothing had been raised from a
# contact before (the contact log and safeguarding arrived together), so no number is carried over.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0001_initial"),
        ("safeguarding", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(model_name="concern", name="from_contact"),
        migrations.AddField(
            model_name="concern",
            name="from_contact",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="concerns",
                to="contacts.contact",
            ),
        ),
    ]
