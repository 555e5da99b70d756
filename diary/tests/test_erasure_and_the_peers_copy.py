"""The peer's copy of their record lists their meetings and appointments; erasure deletes them."""

from __future__ import annotations

import json

from datarights.services import erase_peer
from diary.models import Meeting
from organisations.tenancy import all_organisations

from .helpers import plan


def test_the_peers_copy_lists_each_meeting_with_where_and_the_note(cast, client_for):
    plan(cast, kind="housing", place="Civic centre", note="Bring the tenancy letter.")
    record = json.loads(client_for("cleo").get(f"/peers/{cast.amara.pk}/record.json").content)
    (meeting,) = record["meetings_and_appointments"]
    assert meeting["what"] == "An appointment: the housing office" and meeting["how_it_went"] == "Planned"
    assert (meeting["where"], meeting["notes"], meeting["with"]) == ("Civic centre", "Bring the tenancy letter.", "Pat")
    page = client_for("cleo").get(f"/peers/{cast.amara.pk}/record/").content.decode()
    assert "Meetings and appointments" in page and "Civic centre" in page


def test_erasure_deletes_the_meetings_and_their_reminders_with_them(cast):
    plan(cast, place="Civic centre")
    with all_organisations():
        erase_peer(cast.amara, by=cast.cleo)
        assert not Meeting.objects.filter(peer=cast.amara).exists()
