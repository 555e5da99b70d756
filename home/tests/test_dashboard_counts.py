"""A coordinator's dashboard counts the whole organisation: kept briefly, never out of date after a change."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import assign, make_peer
from consent.models import ConsentText, Purpose
from consent.services import record_consent, withdraw_consent
from organisations.tenancy import organisation_scope

COUNTED_TABLES = ('"people_peer"', '"people_peersupporter"', '"people_assignment"', '"consent_consentrecord"')


def _tiles(client) -> dict:
    return {t.label: t.value for t in client.get("/").context["dashboard"].tiles}


def _counting(captured) -> list[str]:
    return [q["sql"] for q in captured.captured_queries if any(f"FROM {t}" in q["sql"] for t in COUNTED_TABLES)]


def test_a_second_look_at_the_dashboard_does_not_count_the_organisations_peers_again(cast, client_for):
    client = client_for("cleo")
    client.get("/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    assert not _counting(captured)
    # The same counts for another coordinator or admin of the organisation.
    with CaptureQueriesContext(connection) as captured:
        assert _tiles(client_for("ada"))["Peers"] == 5
    assert not _counting(captured)


def test_each_organisation_has_its_own_counts(cast, client_for):
    assert _tiles(client_for("cleo"))["Peers"] == 5
    assert _tiles(client_for("hugo"))["Peers"] == 1


def test_the_counts_follow_each_change_at_once(cast, client_for):
    client = client_for("cleo")
    before = _tiles(client)
    assert (before["Peers"], before["Peers nobody is working with yet"]) == (5, 1)
    assert (before["Peers with no consent recorded"], before["Consent withdrawn in the last 30 days"]) == (5, 0)
    with organisation_scope(cast.riverside):
        eli = make_peer(cast.riverside, "Eli", cast.user("cleo"))
        assert _tiles(client)["Peers"] == 6
        assert _tiles(client)["Peers nobody is working with yet"] == 2
        assign(eli, cast.members["pat"])
        assert _tiles(client)["Peers nobody is working with yet"] == 1
        record_consent(
            peer=eli,
            by=cast.members["cleo"],
            text=ConsentText.objects.get(organisation=cast.riverside, language="en"),
            agreed=[Purpose.TAKE_PART, Purpose.STORE_DATA],
            limits_explained_by=cast.members["cleo"],
            limits_explained_at=timezone.now(),
        )
        assert _tiles(client)["Peers with no consent recorded"] == 5
        withdraw_consent(peer=eli, by=cast.members["cleo"])
        after = _tiles(client)
    assert (after["Peers with no consent recorded"], after["Consent withdrawn in the last 30 days"]) == (6, 1)
    assert _tiles(client_for("hugo"))["Peers"] == 1  # the other organisation's counts did not move


def test_the_supporter_counts_follow_a_change_of_capacity_at_once(cast, client_for):
    client = client_for("cleo")
    assert (_tiles(client)["Peer supporters"], _tiles(client)["Peer supporters at or over capacity"]) == (3, 0)
    with organisation_scope(cast.riverside):
        pat = cast.supporters["pat_profile"]
        pat.capacity = 1  # pat works with amara: now full
        pat.save()
    assert _tiles(client)["Peer supporters at or over capacity"] == 1


def test_a_supervisor_counts_only_their_supervisees_capacity(cast, client_for):
    with organisation_scope(cast.riverside):
        for profile in ("pat_profile", "quinn_profile"):  # each works with one peer: both now full
            cast.supporters[profile].capacity = 1
            cast.supporters[profile].save()
    tiles = _tiles(client_for("sina"))
    assert (tiles["Peer supporters"], tiles["Peer supporters at or over capacity"]) == (1, 1)  # pat, not quinn
    assert _tiles(client_for("cleo"))["Peer supporters at or over capacity"] == 2
