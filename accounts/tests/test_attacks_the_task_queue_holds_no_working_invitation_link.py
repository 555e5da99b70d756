"""Someone who reads the database (a stolen backup, say) finds no link that opens an invitation.

Only a hash of each invitation's token is stored, but the email is sent by a background task, and the
task queue is a database table (django-tasks-db) that keeps each task's arguments, after it has run
too. Ada invites Noor; a copy of the database holds nothing that joins Riverside as Noor. The email
still carries a working link, after a key rotation too.
"""

from importlib import import_module

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.test.utils import override_settings
from django_tasks_db.models import DBTaskResult

from accounts.services import invite_member

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queued(cast, django_capture_on_commit_callbacks):
    """Ada's invitation to Noor, queued in the database and not sent yet."""
    with override_settings(TASKS=DB_TASKS), django_capture_on_commit_callbacks(execute=True):
        _invitation, link = invite_member(
            organisation=cast.riverside,
            invited_by=cast.user("ada"),
            email="noor@riverside.test",
            display_name="Noor",
            role="coordinator",
            base_url="http://testserver/",
        )
    return link


def token(link):
    return link.rstrip("/").rsplit("/", 1)[1]


def the_queue_as_text():
    return " ".join(str(row) for row in DBTaskResult.objects.values_list("args_kwargs", "return_value", "traceback"))


def run_the_queue():
    mail.outbox.clear()
    with override_settings(TASKS=DB_TASKS):
        for result in DBTaskResult.objects.ready():
            result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
    (sent,) = mail.outbox
    return sent


def test_the_queued_task_holds_no_token(queued):
    assert DBTaskResult.objects.count() == 1
    assert token(queued) not in the_queue_as_text()


def test_the_email_carries_the_working_link(queued, client):
    sent = run_the_queue()
    assert queued in sent.body
    assert client.get(queued.split("testserver", 1)[1]).status_code == 200


def test_a_key_rotation_while_it_waits_still_sends_the_working_link(queued, settings):
    new_key = Fernet.generate_key().decode()
    with override_settings(ENCRYPTION_KEYS=[new_key, *settings.ENCRYPTION_KEYS]):
        call_command("rotate_encryption_key", verbosity=0)
    with override_settings(ENCRYPTION_KEYS=[new_key]):
        assert queued in run_the_queue().body


def test_links_queued_before_they_were_sealed_are_sealed_by_the_migration(queued, settings):
    """django-tasks-db keeps finished tasks too: every invitation sent before lies there with its link."""
    result = DBTaskResult.objects.get()
    result.args_kwargs = {"args": [result.args_kwargs["args"][0], queued], "kwargs": {}}  # as it was queued then
    result.save()
    import_module("accounts.migrations.0004_seal_invitation_links_in_the_task_queue").seal(apps, None)
    assert token(queued) not in the_queue_as_text()

    new_key = Fernet.generate_key().decode()
    with override_settings(ENCRYPTION_KEYS=[new_key, *settings.ENCRYPTION_KEYS]):
        call_command("rotate_encryption_key", verbosity=0)
    with override_settings(ENCRYPTION_KEYS=[new_key]):
        assert queued in run_the_queue().body
