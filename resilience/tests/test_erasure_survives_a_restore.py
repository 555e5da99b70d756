"""Erase someone, restore a backup made before: they do not come back."""

from __future__ import annotations

import io
import re

import pytest
from django.db import connection

from agreements.models import SupportAgreement
from datarights.services import ERASED_NAME, erase_peer
from intake.models import IntakeConversation
from organisations.tenancy import all_organisations, organisation_scope
from people.models import ContactMethod, Peer
from referrals.models import Referral
from resilience import ledger
from resilience.backup import make_backup, restore_backup
from resilience.tests.apart import databases_apart
from safeguarding.models import Concern, SafetyFlag

pytestmark = pytest.mark.django_db(transaction=True)


def _everything_stored() -> str:
    """Every value in every table, as text."""
    text = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 (names from the catalogue)
            text.extend(repr(row) for row in cursor.fetchall())
    return "\n".join(text)


def test_a_peer_erased_after_a_backup_stays_erased_when_it_is_restored(cast, backup_key):
    amara, zed = cast.peers["amara"], cast.peers["zed"]
    with organisation_scope(cast.riverside):
        ContactMethod.objects.create(organisation=cast.riverside, peer=amara, channel="phone", detail="07700 900123")
    older = io.BytesIO()
    make_backup(older, key=backup_key)  # holds amara and zed as they are

    with organisation_scope(cast.riverside):
        erase_peer(Peer.objects.get(pk=amara.pk), by=cast.members["ada"])
    with organisation_scope(cast.harbour):
        erase_peer(Peer.objects.get(pk=zed.pk), by=cast.members["hugo"])
    assert {e.record_id for e in ledger.entries()} == {amara.pk, zed.pk}

    restored = restore_backup(io.BytesIO(older.getvalue()), key=backup_key, replace=True)

    assert restored.ledger is not None and restored.ledger.erased_again == 2
    with all_organisations():
        for peer in (amara, zed):
            back = Peer.objects.get(pk=peer.pk)
            assert back.erased_at is not None and back.chosen_name == ERASED_NAME
        assert not ContactMethod.objects.filter(peer=amara).exists()
        assert IntakeConversation.objects.get(peer=amara).safety_notes == ""
        assert SupportAgreement.objects.get(peer=amara).contact_hours == ""
        assert Referral.objects.get(peer=zed).asked == "" and Referral.objects.get(peer=zed).partner_email == ""
        assert Concern.objects.get(peer=zed).what_happened == ""
        assert not SafetyFlag.objects.filter(peer=zed).exists()
        assert Peer.objects.get(pk=cast.peers["bea"].pk).chosen_name == "Bea"  # nobody else is touched
    stored = _everything_stored()
    for trace in ("Amara", "Zed", "07700 900123", "Drop-in only.", "Tuesdays, 10 to 4", "A safe room."):
        # As words, not inside a ciphertext's base64 (where "Zed" turns up by chance).
        assert not re.search(rf"(?<![\w+/=-]){re.escape(trace)}(?![\w+/=-])", stored), trace


def test_a_supporter_erased_after_a_backup_is_erased_again_when_it_is_restored(cast, backup_key):
    """The backup had rio still supporting fay: the ledger moves them on and erases them all the same."""
    from datarights.supporters import erase_supporter
    from people.models import Assignment, PeerSupporter
    from recruitment.stages import move_to_stage
    from wellbeing.models import HardMoment

    rio, cleo = cast.supporters["rio_profile"], cast.members["cleo"]
    with organisation_scope(cast.riverside):
        HardMoment.objects.create(organisation=cast.riverside, member=rio.membership, words="The bus station.")
        PeerSupporter.objects.filter(pk=rio.pk).update(availability="Mornings near the market")
    older = io.BytesIO()
    make_backup(older, key=backup_key)
    with organisation_scope(cast.riverside):
        Assignment.objects.filter(worker=rio.membership).delete()
        move_to_stage(rio, "left", by=cleo, why="—", reason="life")
        erase_supporter(PeerSupporter.objects.get(pk=rio.pk), by=cleo)
    assert [e.record_id for e in ledger.entries(ledger.SUPPORTER)] == [rio.pk]

    restored = restore_backup(io.BytesIO(older.getvalue()), key=backup_key, replace=True)

    assert restored.ledger is not None and restored.ledger.erased_again == 1
    with all_organisations():
        back = PeerSupporter.objects.select_related("membership__user").get(pk=rio.pk)
        assert back.erased_at is not None and back.stage == "left" and back.availability == ""
        assert back.membership.user.display_name == ERASED_NAME and not back.membership.is_active
        assert not HardMoment.objects.filter(member=rio.membership).exists()
        assert Assignment.objects.filter(worker=rio.membership).exists()  # fay's record, to hand over
    stored = _everything_stored()
    for trace in ("The bus station.", "Mornings near the market"):
        assert not re.search(rf"(?<![\w+/=-]){re.escape(trace)}(?![\w+/=-])", stored), trace


def test_an_erasure_whose_ledger_write_was_lost_is_caught_up_by_the_next_backup(cast, backup_key, tmp_path):
    amara = cast.peers["amara"]
    older = io.BytesIO()
    make_backup(older, key=backup_key)
    with organisation_scope(cast.riverside):
        erase_peer(Peer.objects.get(pk=amara.pk), by=cast.members["ada"])
    ledger.ledger_path().unlink()  # as if the write after the commit had failed

    make_backup(io.BytesIO(), key=backup_key)  # tonight's backup writes what the ledger lacks first
    restore_backup(io.BytesIO(older.getvalue()), key=backup_key, replace=True)

    with all_organisations():
        assert Peer.objects.get(pk=amara.pk).erased_at is not None


def test_the_ledger_holds_ids_and_months_only(cast, backup_key):
    with organisation_scope(cast.riverside):
        erase_peer(Peer.objects.get(pk=cast.peers["amara"].pk), by=cast.members["ada"])
    raw = ledger.ledger_path().read_bytes()
    assert b"Amara" not in raw
    (entry,) = ledger.entries()
    assert entry == ledger.Erased(cast.peers["amara"].pk, cast.riverside.pk, cast.members["ada"].pk, entry.erased_month)
    assert len(entry.erased_month) == 7  # YYYY-MM
    assert oct(ledger.ledger_path().stat().st_mode & 0o777) == "0o600"


@pytest.fixture(params=["a file on shared storage", "a database of its own"])
def ledger_elsewhere(request, settings, tmp_path):
    """The ledger where a multi-server install puts it (ALONGSIDE_ERASURE_LEDGER), and another empty one."""
    if request.param == "a file on shared storage":
        settings.ERASURE_LEDGER = tmp_path / "shared" / "alongside" / "erasure-ledger.sqlite3"
        yield settings, tmp_path / "another" / "erasure-ledger.sqlite3"
        return
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL ledger needs PostgreSQL (run on the other database)")
    own = connection.settings_dict
    base = f"postgres://{own['USER']}:{own['PASSWORD']}@{own['HOST'] or 'localhost'}:{own['PORT'] or 5432}/"
    with databases_apart("ledger", "ledger_other") as (shared, other):
        settings.ERASURE_LEDGER = base + shared
        yield settings, base + other


def test_a_restore_applies_the_ledger_from_where_it_is_configured(cast, backup_key, ledger_elsewhere):
    """Several servers share one ledger, configured by ALONGSIDE_ERASURE_LEDGER: an erasure on one is
    written there, and a restore (anywhere) reads it from there; a ledger elsewhere knows nothing of it."""
    from django.core.management import call_command

    settings, elsewhere = ledger_elsewhere
    shared = settings.ERASURE_LEDGER
    amara = cast.peers["amara"]
    older = io.BytesIO()
    make_backup(older, key=backup_key)
    with organisation_scope(cast.riverside):
        erase_peer(Peer.objects.get(pk=amara.pk), by=cast.members["ada"])
    assert [e.record_id for e in ledger.entries()] == [amara.pk]
    if ledger.ledger_url() is None:
        assert ledger.ledger_path().is_file() and oct(ledger.ledger_path().stat().st_mode & 0o777) == "0o600"

    settings.ERASURE_LEDGER = elsewhere  # a server configured with another ledger would bring her back
    assert restore_backup(io.BytesIO(older.getvalue()), key=backup_key, replace=True).ledger.erased_again == 0
    with all_organisations():
        assert Peer.objects.get(pk=amara.pk).erased_at is None

    settings.ERASURE_LEDGER = shared
    said = io.StringIO()
    call_command("apply_erasure_ledger", stdout=said)  # as restore does, after its checks
    assert said.getvalue().startswith("1 erased again")
    with all_organisations():
        assert Peer.objects.get(pk=amara.pk).erased_at is not None
    restored = restore_backup(io.BytesIO(older.getvalue()), key=backup_key, replace=True)
    assert restored.ledger.erased_again == 1
    with all_organisations():
        assert Peer.objects.get(pk=amara.pk).chosen_name == ERASED_NAME


def test_a_ledger_in_the_applications_own_database_is_refused(cast, settings):
    """The ledger must outlive what a restore overwrites: never the database that is backed up."""
    if connection.vendor != "postgresql":
        pytest.skip("only a PostgreSQL ledger can name the application's database")
    from django.core.exceptions import ImproperlyConfigured

    own = connection.settings_dict
    settings.ERASURE_LEDGER = (
        f"postgres://{own['USER']}:{own['PASSWORD']}@{own['HOST'] or 'localhost'}:{own['PORT'] or 5432}/{own['NAME']}"
    )
    with pytest.raises(ImproperlyConfigured):
        ledger.entries()
