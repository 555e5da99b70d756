"""A worker that dies in the middle of a batch match or a directory import leaves nothing half-saved.

Each is tried two ways: an exception at the midpoint (in this process), and a real worker process
killed with SIGKILL at the midpoint (after the first offer, or the first partner, was written inside
the transaction). On SQLite the worker works on a copy of this test's database (made with the
backup's own online copy); on PostgreSQL on the test database itself.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from contextlib import closing
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from batches import services as batches
from batches.models import Batch, BatchStatus
from batches.tests.helpers import ready
from directory import services as directory_services
from directory.models import DirectoryImport, ImportStatus
from directory.tests.helpers import fixture_text
from offers import services as offers
from organisations.tenancy import all_organisations, organisation_scope
from resilience.backup import _dump_sqlite

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def waiting_batch(cast):
    """A new cohort proposing a supporter to each of cat and dee, not sent yet."""
    with organisation_scope(cast.riverside):
        for supporter in (cast.pat_profile, cast.quinn_profile, cast.rio_profile):
            ready(supporter)
        batch = batches.start_cohort(by=cast.cleo)
        assert batch.places.exclude(proposed=None).count() == 2
    return batch


def _worker_database(tmp_path: Path) -> str:
    """The DATABASE_URL a worker process uses to see what this test has committed."""
    own = connection.settings_dict
    if connection.vendor == "sqlite":
        copy, _ = _dump_sqlite(own, tmp_path)
        return f"sqlite:///{copy}"
    return (
        f"postgres://{own['USER']}:{own['PASSWORD']}@{own['HOST'] or 'localhost'}:{own['PORT'] or 5432}/{own['NAME']}"
    )


def _killed_worker(database_url: str, body: str) -> int:
    """Run ``body`` in a fresh Django process on that database; it kills itself at its midpoint."""
    script = "import os, signal, django\ndjango.setup()\n" + textwrap.dedent(body)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "alongside.test_settings",
        "DATABASE_URL": database_url,
        "ALONGSIDE_TASK_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
    }
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, timeout=120, capture_output=True)  # noqa: S603
    assert done.returncode == -signal.SIGKILL, done.stderr.decode()[-2000:]
    return done.returncode


def _count(database_url: str, sql: str) -> int:
    if database_url.startswith("sqlite:///"):
        with closing(sqlite3.connect(database_url.removeprefix("sqlite:///"))) as db:
            return db.execute(sql).fetchone()[0]
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


KILL_AT_THE_SECOND_OFFER = """
from batches import services as batches
from batches.models import Batch
from offers import services as offers
from organisations.models import Membership
from organisations.tenancy import all_organisations, organisation_scope

real, made = offers.make_offer, []
def make_offer(**kwargs):
    if made:  # the first offer is written, inside the transaction: now the worker dies
        os.kill(os.getpid(), signal.SIGKILL)
    made.append(real(**kwargs))
    return made[-1]
offers.make_offer = make_offer
with all_organisations():
    batch = Batch.objects.select_related("organisation").get(pk={batch})
    by = Membership.objects.get(pk={by})
with organisation_scope(batch.organisation):
    batches.send_batch(batch, by=by)
"""


def test_a_batch_match_killed_after_its_first_offer_offers_nobody(waiting_batch, cast, tmp_path):
    url = _worker_database(tmp_path)
    _killed_worker(url, KILL_AT_THE_SECOND_OFFER.format(batch=waiting_batch.pk, by=cast.cleo.pk))
    assert _count(url, "SELECT count(*) FROM offers_offer") == 0
    assert _count(url, "SELECT count(*) FROM offers_offerstep") == 0
    assert _count(url, f"SELECT count(*) FROM batches_batch WHERE status = '{BatchStatus.REVIEWING}'") == 1  # noqa: S608
    assert _count(url, "SELECT count(*) FROM batches_batchplace WHERE offer_id IS NOT NULL") == 0


def test_a_batch_match_failing_after_its_first_offer_offers_nobody(waiting_batch, cast, monkeypatch):
    real, made = offers.make_offer, []

    def make_offer(**kwargs):
        if made:
            raise RuntimeError("the worker fell over")
        made.append(real(**kwargs))
        return made[-1]

    monkeypatch.setattr(offers, "make_offer", make_offer)
    with organisation_scope(cast.riverside), pytest.raises(RuntimeError):
        batches.send_batch(waiting_batch, by=cast.cleo)
    assert len(made) == 1  # one offer was written before the failure...
    with organisation_scope(cast.riverside):
        assert not offers.Offer.objects.exists()  # ...and it is gone with the rest
        assert Batch.objects.get(pk=waiting_batch.pk).status == BatchStatus.REVIEWING


KILL_AFTER_THE_FIRST_PARTNER = """
from directory import services
from directory import services as directory_services
from directory.models import DirectoryImport, ImportStatus
from organisations.tenancy import all_organisations, organisation_scope

real = services.save_reading
def save_reading(organisation, partners):
    real(organisation, partners[:1])  # the first partner is written, inside the transaction
    os.kill(os.getpid(), signal.SIGKILL)
services.save_reading = save_reading
with all_organisations():
    row = DirectoryImport.objects.select_related("organisation").get(pk={row})
with organisation_scope(row.organisation):
    services.run_import(row)
"""


@pytest.fixture
def waiting_import(cast):
    with organisation_scope(cast.riverside):
        return DirectoryImport.objects.create(
            organisation=cast.riverside, started_by=cast.user("cleo"), document=fixture_text()
        )


def test_a_directory_import_killed_after_its_first_partner_saves_none(waiting_import, tmp_path, cast, client_for):
    url = _worker_database(tmp_path)
    partners = _count(url, "SELECT count(*) FROM organisations_partner")
    _killed_worker(url, KILL_AFTER_THE_FIRST_PARTNER.format(row=waiting_import.pk))
    assert _count(url, "SELECT count(*) FROM organisations_partner") == partners
    assert _count(url, "SELECT count(*) FROM directory_service") == 0
    assert _count(url, "SELECT count(*) FROM directory_location") == 0
    # The worker died while its run said "saving", and nothing will ever say otherwise...
    status = f"SELECT count(*) FROM directory_directoryimport WHERE id = {waiting_import.pk} AND status = 'saving'"  # noqa: S608
    assert _count(url, status) == 1
    _as_the_worker_left_it(url, waiting_import)
    client = client_for("cleo")
    page = reverse("directory:import_progress", args=[waiting_import.pk])
    assert "every 1s" in client.get(page).content.decode(), "a run that spoke just now is still at it"
    # ...until it has said nothing for longer than any run takes: then its page says what happened.
    with all_organisations():
        DirectoryImport.objects.filter(pk=waiting_import.pk).update(
            progress_at=timezone.now() - directory_services.stopped_after() - timedelta(seconds=1)
        )
    said = client.get(page).content.decode()
    assert "Stopped before it finished: nothing was saved" in said
    assert "you can import the file again" in said and "every 1s" not in said
    with all_organisations():
        assert DirectoryImport.objects.get(pk=waiting_import.pk).status == ImportStatus.STOPPED
    # The same file, imported again, is saved whole.
    again = directory_services.start_import(cast.riverside, cast.user("cleo"), fixture_text())
    with organisation_scope(cast.riverside):
        assert directory_services.run_import(again).status == ImportStatus.SAVED
        assert directory_services.Service.objects.count() == 4


def _as_the_worker_left_it(url: str, row: DirectoryImport) -> None:
    """On SQLite the worker had a copy of the database: bring its run's status and time back here."""
    if not url.startswith("sqlite:///"):
        return
    with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as db:
        status, at = db.execute(
            "SELECT status, progress_at FROM directory_directoryimport WHERE id = ?", (row.pk,)
        ).fetchone()
    with all_organisations():
        DirectoryImport.objects.filter(pk=row.pk).update(status=status, progress_at=_utc(parse_datetime(at)))


def _utc(moment):
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment, UTC)


def test_a_run_found_stopped_while_it_was_saving_saves_nothing(cast, waiting_import, monkeypatch):
    """A worker slower than the timeout, not dead: once its page has said "nothing was saved", it saves nothing."""
    from organisations.models import Partner

    def still_saving(row):  # its page marked it stopped (from another connection) while it saved
        with all_organisations():
            DirectoryImport.objects.filter(pk=waiting_import.pk).update(status=ImportStatus.STOPPED)
        return real_still_saving(row)

    real_still_saving = directory_services._still_saving
    monkeypatch.setattr(directory_services, "_still_saving", still_saving)
    with all_organisations():
        before = Partner.objects.count()
    with organisation_scope(cast.riverside):
        assert directory_services.run_import(waiting_import).status == ImportStatus.STOPPED
    with all_organisations():
        assert Partner.objects.count() == before
        assert not directory_services.Service.objects.exists()


def test_only_a_silent_run_that_was_under_way_reads_as_stopped(cast, settings):
    """Waiting in the queue (the worker is down) or checking just now is not stopped; silent too long is."""
    long_ago = timezone.now() - timedelta(minutes=settings.DIRECTORY_IMPORT_STOPPED_AFTER_MINUTES + 1)
    with organisation_scope(cast.riverside):
        rows = {
            status: DirectoryImport.objects.create(organisation=cast.riverside, status=status)
            for status in (ImportStatus.QUEUED, ImportStatus.CHECKING, ImportStatus.SAVING, ImportStatus.SAVED)
        }
        DirectoryImport.objects.filter(pk__in=[r.pk for r in rows.values()]).update(progress_at=long_ago)
        fresh = DirectoryImport.objects.create(
            organisation=cast.riverside, status=ImportStatus.CHECKING, progress_at=timezone.now()
        )
        assert directory_services.notice_stopped_imports(cast.harbour) == 0, "another organisation's runs"
        assert directory_services.notice_stopped_imports(cast.riverside) == 2
        now = {r.pk: r.status for r in DirectoryImport.objects.all()}
    assert now[rows[ImportStatus.QUEUED].pk] == ImportStatus.QUEUED
    assert now[rows[ImportStatus.CHECKING].pk] == ImportStatus.STOPPED
    assert now[rows[ImportStatus.SAVING].pk] == ImportStatus.STOPPED
    assert now[rows[ImportStatus.SAVED].pk] == ImportStatus.SAVED
    assert now[fresh.pk] == ImportStatus.CHECKING


def test_a_directory_import_failing_after_its_first_partner_saves_none(cast, waiting_import, monkeypatch):
    from directory import services
    from organisations.models import Partner

    real = services.save_reading

    def save_reading(organisation, partners):
        real(organisation, partners[:1])
        raise RuntimeError("the worker fell over")

    monkeypatch.setattr(services, "save_reading", save_reading)
    with all_organisations():
        before = Partner.objects.count()
    with organisation_scope(cast.riverside), pytest.raises(RuntimeError):
        services.run_import(waiting_import)
    with all_organisations():
        assert Partner.objects.count() == before
        assert not services.Service.objects.exists()
