"""Erasure empties what the intake app holds of a peer (keeping only counted choices, to the month);
the peer's copy of their record holds all of it."""

from __future__ import annotations

from datarights.services import erase_peer, peer_record
from datarights.tests.test_erasure_leaves_nothing import what_is_left
from datarights.tests.test_erasure_over_generated_peers import everything_stored
from intake.models import Arrival, IntakeConversation, WaitingStatus
from intake.services import set_waiting_reason
from organisations.models import Partner

from .helpers import days_ago, intake

WORDS = {
    "safety_notes": "only-meet-by-the-library-7731",
    "network_notes": "uncle-at-the-nail-bar-7731",
    "places_to_avoid": "the-canal-street-flat-7731",
    "people_to_avoid": "a-man-called-rudi-7731",
    "needs_first_notes": "hostel-ends-friday-7731",
    "wants_notes": "a-woman-who-speaks-romanian-7731",
}


def _everything_about(cast, peer):
    intake(peer, cast.cleo, wants_peer_support="later", had_on=days_ago(80), ask_again_on=days_ago(20), **WORDS)
    intake(
        peer,
        cast.cleo,
        safe_to_come="yes",
        safe_to_contact="not_sure",
        network_link="yes",
        needs_first=["housing", "food"],
        wants_peer_support="now",
        had_on=days_ago(3),
        arrival={
            "route": "partner",
            "partner": Partner.objects.get(organisation=cast.riverside),
            "arrived_on": days_ago(100),
        },
        **WORDS,
    )
    set_waiting_reason(peer, "language", by=cast.cleo)


def test_erasure_leaves_nothing_of_the_intake_but_what_the_counts_need(in_riverside):
    cast = in_riverside
    _everything_about(cast, cast.dee)
    assert any("intake" in line for line in what_is_left(cast.dee)), "the check must see the intake first"
    stored = everything_stored()
    assert all(any(word in value for value in stored) for word in WORDS.values())

    erase_peer(cast.dee, by=cast.cleo)

    assert what_is_left(cast.dee) == []
    left = everything_stored()
    for word in WORDS.values():
        assert not any(word in value for value in left), f"{word} is still stored"
    kept = IntakeConversation.objects.get(peer=cast.dee, superseded_at__isnull=True)
    assert (kept.needs_first, kept.wants_peer_support, kept.network_link) == (["housing", "food"], "now", "")
    assert kept.had_on.day == 1 and kept.ready_since.day == 1
    arrival = Arrival.objects.get(peer=cast.dee)
    assert (arrival.route, arrival.partner, arrival.arrived_on.day) == ("partner", None, 1)
    assert not WaitingStatus.objects.filter(peer=cast.dee).exists()


def test_the_peers_copy_of_their_record_holds_their_intake(in_riverside):
    cast = in_riverside
    _everything_about(cast, cast.dee)
    record = peer_record(cast.dee)["intake"]
    assert record["how_they_arrived"] == {
        "route": {"value": "partner", "label": "A partner referred them"},
        "referred_by": "Riverside Housing",
        "arrived_on": days_ago(100).isoformat(),
    }
    in_the_cast, first, second = record["intake_conversations"]  # the cast's dee said "now" a week ago
    assert in_the_cast["wants_peer_support"]["value"] == "now"
    assert first["superseded_on"] is not None and second["superseded_on"] is None
    for name, word in WORDS.items():
        assert first[name] == word and second[name] == word
    assert second["needs_first"] == ["A safe place to stay", "Food"]
    assert second["network_link"] == {"value": "yes", "label": "Yes"}
    assert first["ask_again_on"] == days_ago(20).isoformat()
    assert record["waiting"]["value"] == "language"


def test_the_readable_copy_shows_it(cast, client_for):
    from organisations.tenancy import organisation_scope

    with organisation_scope(cast.riverside):
        _everything_about(cast, cast.dee)
    page = client_for("cleo").get(f"/peers/{cast.dee.pk}/record/").content.decode()
    assert "Intake conversations" in page and WORDS["people_to_avoid"] in page and "How they came to us" in page
