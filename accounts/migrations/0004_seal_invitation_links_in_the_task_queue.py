"""Invitation links queued before the task received them encrypted: encrypt them where they lie.

django-tasks-db keeps every task's arguments, finished tasks included, so each invitation sent until
now left its working link in plain text in the database (and key rotation expects a token there).
"""

from cryptography.fernet import InvalidToken
from django.db import migrations

TASK_PATH = "accounts.services.send_invitation_email"


def seal(apps, schema_editor):
    from encryption.fields import decrypt, encrypt

    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    for result in DBTaskResult.objects.filter(task_path=TASK_PATH).only("args_kwargs"):
        invitation_id, link = result.args_kwargs["args"]
        try:
            decrypt(link)
        except InvalidToken:
            result.args_kwargs = {**result.args_kwargs, "args": [invitation_id, encrypt(link)]}
            result.save(update_fields=["args_kwargs"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_invitation_token_hash_verified_addresses"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(seal, migrations.RunPython.noop)]
