"""A peer's copy of their record holds the lines about them in supervision; erasure deletes them."""

from datarights.services import erase_peer, peer_record
from supervision.models import CaseloadNote, Supervisee

from .helpers import held


def test_the_peers_record_holds_what_supervision_noted_about_them(in_riverside):
    cast = in_riverside
    held(cast.sina, cast.pat_profile, notes="About pat's work.", caseload={cast.amara.pk: "Doing well."})
    record = peer_record(cast.amara)
    assert record["noted_in_supervision"][0]["note"] == "Doing well."
    assert "About pat's work." not in str(record)  # the supervisee's own notes are about them, not the peer


def test_erasure_deletes_the_lines_about_the_peer_and_keeps_the_supervisees_session(in_riverside):
    cast = in_riverside
    held(cast.sina, cast.pat_profile, notes="About pat's work.", caseload={cast.amara.pk: "Doing well."})
    erase_peer(cast.amara, by=cast.cleo)
    assert not CaseloadNote.objects.filter(peer=cast.amara).exists()
    assert Supervisee.objects.get(supporter=cast.pat_profile).notes == "About pat's work."
