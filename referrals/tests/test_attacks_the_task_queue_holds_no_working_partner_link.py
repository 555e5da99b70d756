"""Someone who reads the database (a stolen backup, say) finds no link that opens a partner's page.

Only a hash of each link's token is stored, and the email is sent by a task whose arguments the queue
keeps (django-tasks-db), after it ran too: the link reaches it sealed with the keys, and so does the
partner's address when sharing ends. The email still carries a working link, after a key rotation too.
"""

import pytest
from cryptography.fernet import Fernet
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.test.utils import override_settings
from django_tasks_db.models import DBTaskResult

from organisations.tenancy import organisation_scope
from referrals import services

from .helpers import path_of, refer

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def queued(cast, django_capture_on_commit_callbacks):
    with (
        organisation_scope(cast.riverside),
        override_settings(TASKS=DB_TASKS),
        django_capture_on_commit_callbacks(execute=True),
    ):
        referral, link = refer(cast)
    return referral, link


def the_queue_as_text():
    return " ".join(str(row) for row in DBTaskResult.objects.values_list("args_kwargs", "return_value", "traceback"))


def run_the_queue():
    mail.outbox.clear()
    with override_settings(TASKS=DB_TASKS):
        for result in DBTaskResult.objects.ready():
            result.task.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
    return list(mail.outbox)


def test_the_queued_task_holds_no_token(queued):
    _referral, link = queued
    assert DBTaskResult.objects.count() == 1
    assert path_of(link).strip("/").rsplit("/", 1)[1] not in the_queue_as_text()


def test_the_email_carries_the_working_link(queued):
    _referral, link = queued
    (sent,) = run_the_queue()
    assert link in sent.body
    assert Client().get(path_of(link)).status_code == 200


def test_a_key_rotation_while_it_waits_still_sends_the_working_link(queued, settings):
    _referral, link = queued
    new_key = Fernet.generate_key().decode()
    with override_settings(ENCRYPTION_KEYS=[new_key, *settings.ENCRYPTION_KEYS]):
        call_command("rotate_encryption_key", verbosity=0)
    with override_settings(ENCRYPTION_KEYS=[new_key]):
        (sent,) = run_the_queue()
    assert link in sent.body


def test_a_link_stopped_before_its_email_went_is_not_sent(cast, queued):
    referral, _link = queued
    with organisation_scope(cast.riverside), override_settings(TASKS=DB_TASKS):
        services.take_back(referral, by=cast.pat)
    assert [m.subject for m in run_the_queue()] == []  # the ended email waits for the commit; no link goes


def test_the_partners_address_waits_in_the_queue_sealed(cast, queued, django_capture_on_commit_callbacks):
    referral, _link = queued
    with (
        organisation_scope(cast.riverside),
        override_settings(TASKS=DB_TASKS),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.take_back(referral, by=cast.pat)
    assert "intake@housing.test" not in the_queue_as_text()
    sent = run_the_queue()
    assert [m.to for m in sent if "Sharing has ended" in m.subject] == [["intake@housing.test"]]
    assert not any("/partner/" in m.body for m in sent)
