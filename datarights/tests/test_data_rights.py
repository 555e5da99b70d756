"""A coordinator gives a peer their whole record, and erases it when asked."""

import json

from django.db import connection
from django.utils import timezone

from audit.models import Action, AuditEvent
from consent.models import ConsentRecord, ConsentText, Purpose
from consent.services import record_consent
from datarights.services import erase_peer
from home.figures import peer_figures
from organisations.tenancy import organisation_scope
from people.models import Assignment, ContactMethod, Need, Peer
from people.services import replace_contact_methods, set_needs


def fill_in(cast, peer):
    peer.safety_notes = "Never call after 6pm; her brother checks the phone."
    peer.code_word = "sunflower"
    peer.country_of_origin = "Romania"
    peer.age_band = "25_34"
    peer.primary_need = "trafficking"
    peer.save()
    set_needs(peer, ["housing", "mental_health"])
    replace_contact_methods(peer, [{"channel": "text", "detail": "07700 900123", "is_safe": True}])
    record_consent(
        peer=peer,
        by=cast.cleo,
        text=ConsentText.objects.get(language="en"),
        agreed=[Purpose.TAKE_PART, Purpose.STORE_DATA, Purpose.REPORTS],
        limits_explained_by=cast.cleo,
        limits_explained_at=timezone.now(),
    )


def test_the_json_download_holds_everything_and_is_audited(cast, client_for):
    with organisation_scope(cast.riverside):
        fill_in(cast, cast.amara)
    response = client_for("cleo").get(f"/peers/{cast.amara.pk}/record.json")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    record = json.loads(response.content)
    assert record["about"]["chosen_name"] == "Amara"
    assert record["safety_and_contact"]["code_word"] == "sunflower"
    assert record["safety_and_contact"]["contact_methods"][0]["detail"] == "07700 900123"
    assert sorted(record["needs"]["areas"]) == ["Housing", "Mental health"]
    assert record["consent"][0]["agreed"]["reports"] is True
    assert record["who_works_with_them"][0]["with"] == "Pat"
    assert AuditEvent.objects.filter(action=Action.EXPORT, record_id=str(cast.amara.pk), reason="json").exists()


def test_the_readable_page_shows_the_same_record(cast, client_for):
    with organisation_scope(cast.riverside):
        fill_in(cast, cast.amara)
    body = client_for("cleo").get(f"/peers/{cast.amara.pk}/record/").content.decode()
    assert "sunflower" in body and "07700 900123" in body and "Housing" in body


def test_erasure_removes_identity_and_narrative_but_keeps_the_counts(cast, client_for):
    with organisation_scope(cast.riverside):
        fill_in(cast, cast.amara)
        before = peer_figures()
    client = client_for("cleo")
    response = client.post(f"/peers/{cast.amara.pk}/erase/", {"confirm": "erase"})
    assert response.status_code == 302

    with organisation_scope(cast.riverside):
        peer = Peer.objects.get(pk=cast.amara.pk)
        assert peer.chosen_name == "—"
        assert peer.safety_notes == peer.code_word == peer.country_of_origin == ""
        assert not ContactMethod.objects.filter(peer=peer).exists()
        # What reports count is still there, and the figures still add up.
        assert peer.age_band == "25_34" and peer.primary_need == "trafficking"
        assert Need.objects.filter(peer=peer).count() == 2
        assert ConsentRecord.objects.filter(peer=peer, reports=True).exists()
        assert Assignment.objects.filter(peer=peer).exists()
        after = peer_figures()
    assert after["total"].count == before["total"].count
    assert [f.count for f in after["by_need"]] == [f.count for f in before["by_need"]]

    # Nothing of what was erased is left anywhere in the database, even encrypted.
    with connection.cursor() as cursor:
        cursor.execute("SELECT chosen_name, safety_notes, code_word FROM people_peer WHERE id = %s", [peer.pk])
        assert cursor.fetchone() == ("—", "", "")

    # The act is audited without the erased content, and the record is gone from the lists.
    event = AuditEvent.objects.get(action=Action.ERASE, record_id=str(peer.pk))
    assert "Amara" not in f"{event.reason}{event.record_type}{event.record_id}"
    assert "Amara" not in client.get("/peers/").content.decode()
    assert client.get(f"/peers/{peer.pk}/").status_code == 404


def test_erasure_asks_for_confirmation_and_changes_nothing_without_it(cast, client_for):
    response = client_for("cleo").post(f"/peers/{cast.amara.pk}/erase/", {})
    assert response.status_code == 200
    assert "Tick the box to confirm" in response.content.decode()
    with organisation_scope(cast.riverside):
        assert Peer.objects.get(pk=cast.amara.pk).chosen_name == "Amara"


def test_a_peer_supporter_cannot_export_or_erase(cast, client_for):
    client = client_for("pat")
    assert client.get(f"/peers/{cast.amara.pk}/record.json").status_code == 404
    assert client.post(f"/peers/{cast.amara.pk}/erase/", {"confirm": "erase"}).status_code == 404
    with organisation_scope(cast.riverside):
        assert Peer.objects.get(pk=cast.amara.pk).erased_at is None


def test_erase_peer_service_is_idempotent_about_what_it_keeps(in_riverside):
    cast = in_riverside
    fill_in(cast, cast.bea)
    erase_peer(cast.bea, by=cast.cleo)
    erase_peer(Peer.objects.get(pk=cast.bea.pk), by=cast.cleo)
    assert Need.objects.filter(peer=cast.bea).count() == 2
