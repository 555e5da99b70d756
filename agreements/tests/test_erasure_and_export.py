"""A peer's copy of their record holds their agreements; erasure empties them to what the counts need."""

from __future__ import annotations

import json

from agreements.models import SupportAgreement
from datarights.services import erase_peer, peer_record
from datarights.tests.test_erasure_leaves_nothing import a_peer_with_everything, what_is_left
from encryption.fields import decrypt
from organisations.tenancy import organisation_scope
from people.models import Assignment

from .helpers import form, record


def _with_an_agreement(cast):
    peer = a_peer_with_everything(cast)
    assignment = Assignment.objects.get(peer=peer, worker=cast.pat)
    words = {name: f"{name}-secret" for name in ("contact_notes", "contact_hours", "out_of_hours", "sharing_notes")}
    words |= {"crisis_contact": "crisis-secret", "other_notes": "other-secret"}
    record(cast, assignment=assignment, channels=("text",), never_channels=("social_media",), **words)
    record(cast, assignment=assignment, supporter_story="no", peer_experience="no", **words)
    return peer


def test_erasure_leaves_nothing_of_the_agreements_but_their_versions_and_months(cast, client_for):
    with organisation_scope(cast.riverside):
        peer = _with_an_agreement(cast)
        assert any(line.startswith("agreements.SupportAgreement") for line in what_is_left(peer))

    assert client_for("cleo").post(f"/peers/{peer.pk}/erase/", {"confirm": "erase"}).status_code == 302

    with organisation_scope(cast.riverside):
        assert what_is_left(peer) == []
        rows = SupportAgreement.objects.filter(peer=peer).order_by("version")
        assert [(a.version, a.assignment_id, a.how_often, a.channels) for a in rows] == [
            (1, None, "", []),
            (2, None, "", []),
        ]


def test_nothing_written_in_an_agreement_survives_erasure_in_any_column(in_riverside):
    from datarights.tests.test_erasure_over_generated_peers import everything_stored

    cast = in_riverside
    peer = _with_an_agreement(cast)
    erase_peer(peer, by=cast.cleo)
    stored = everything_stored()
    for secret in ("contact_notes-secret", "crisis-secret", "other-secret", "out_of_hours-secret"):
        assert not any(secret in value for value in stored), secret


def test_the_peers_copy_of_their_record_holds_every_version_of_their_agreement(cast, client_for):
    client_for("pat").post(f"/peers/{cast.amara.pk}/assignments/{_amaras(cast)}/agreement/new/", form())
    with organisation_scope(cast.riverside):
        agreements = peer_record(cast.amara)["support_agreements"]
    assert [a["version"] for a in agreements] == [1, 2]
    latest = agreements[-1]
    assert latest["with"] == str(cast.user("pat"))
    assert latest["how_often"]["value"] == "weekly"
    assert latest["ways_never_used"] == ["Social media"]
    assert latest["crisis_contact"].startswith("Call 999")
    assert latest["information_sharing_threshold"] == "What stays between us."
    assert latest["recorded_by"] == str(cast.user("pat"))

    download = client_for("cleo").get(f"/peers/{cast.amara.pk}/record.json")
    assert json.loads(download.content)["support_agreements"][-1]["other_notes"].startswith("We meet at the library")
    page = client_for("cleo").get(f"/peers/{cast.amara.pk}/record/").content.decode()
    assert "Support agreements" in page and "We meet at the library" in page


def test_the_agreements_free_text_is_stored_encrypted(in_riverside):
    from django.db import connection

    agreement = record(in_riverside, crisis_contact="Ring Mo at the Mill Street shelter")
    with connection.cursor() as cursor:
        cursor.execute("SELECT crisis_contact FROM agreements_supportagreement WHERE id = %s", [agreement.pk])
        stored = cursor.fetchone()[0]
    assert "Mill Street" not in stored and decrypt(stored) == "Ring Mo at the Mill Street shelter"


def _amaras(cast) -> int:
    with organisation_scope(cast.riverside):
        return Assignment.objects.get(peer=cast.amara, worker=cast.pat).pk
