"""The waiting list: who would like a peer supporter and has nobody yet, for how long, and why."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import Action, AuditEvent
from conftest import assign, make_peer
from intake.models import WaitingReason, WaitingSettings
from intake.services import set_waiting_reason, waiting_past_threshold, waiting_peers
from organisations.tenancy import organisation_scope
from people.models import Assignment, AssignmentKind

from .helpers import days_ago, intake


def _names(response) -> list[str]:
    return re.findall(r'<a href="/peers/\d+/">([^<]+)</a>', response.content.decode())


@pytest.fixture
def waiting(cast):
    """Dee wants a peer supporter now (40 days); Bea's supporter left 10 days ago; others are not waiting."""
    with organisation_scope(cast.riverside):
        intake(cast.dee, cast.cleo, wants_peer_support="now", had_on=days_ago(40))
        intake(cast.bea, cast.cleo, wants_peer_support="now", had_on=days_ago(200))
        Assignment.objects.filter(peer=cast.bea).update(starts_on=days_ago(150), ends_on=days_ago(10))
        intake(cast.amara, cast.cleo, wants_peer_support="now", had_on=days_ago(90))  # with pat: not waiting
        cat = intake(cast.cat, cast.cleo, wants_peer_support="later", had_on=days_ago(60), ask_again_on=days_ago(5))
        assert cat.ready_since == days_ago(5)  # only a case manager: peer support is what they wait for
        intake(cast.fay, cast.cleo, wants_peer_support="not_at_all")
        later = make_peer(cast.riverside, "Lou", cast.user("cleo"))
        intake(later, cast.cleo, wants_peer_support="later", ask_again_on=days_ago(-20))  # not yet
        cast.peers["lou"] = later
    with organisation_scope(cast.harbour):
        zed_again = make_peer(cast.harbour, "Zoe", cast.user("hugo"))
        intake(zed_again, cast.hugo, wants_peer_support="now", had_on=days_ago(400))
    return cast


def test_the_waiting_list_shows_who_waits_longest_first(waiting, client_for):
    response = client_for("cleo").get("/waiting/")
    assert response.status_code == 200
    assert _names(response) == ["Dee", "Bea", "Cat"]  # 40 days, 10 days since support ended, 5 days
    body = response.content.decode()
    assert "40 days" in body and "10 days" in body and "5 days" in body
    assert "Time to ask again" in body  # Cat said later; the date has come
    assert "Zoe" not in body  # another organisation's


def test_the_service_says_since_when_and_why(waiting):
    with organisation_scope(waiting.riverside):
        rows = {p.chosen_name: p for p in waiting_peers(waiting.cleo)}
        assert (rows["Dee"].waiting_since, rows["Dee"].wants_now) == (days_ago(40), True)
        assert rows["Bea"].waiting_since == days_ago(10)
        assert (rows["Cat"].waiting_since, rows["Cat"].wants_now) == (days_ago(5), False)
        for role in ("pat", "sina", "stef", "eve"):
            assert not waiting_peers(waiting.members[role]).exists(), role


def test_a_peer_given_a_peer_supporter_leaves_the_list_and_comes_back_when_it_ends(waiting):
    with organisation_scope(waiting.riverside):
        dee = waiting.dee
        support = assign(dee, waiting.quinn)
        assert dee not in waiting_peers(waiting.cleo)
        # Case management is not peer support: it does not take them off the list.
        assign(waiting.bea, waiting.stef, AssignmentKind.CASE_MANAGEMENT)
        assert waiting.bea in waiting_peers(waiting.cleo)
        # Planned support (starting next week) takes them off too.
        Assignment.objects.filter(pk=support.pk).update(starts_on=days_ago(-7))
        assert dee not in waiting_peers(waiting.cleo)
        Assignment.objects.filter(pk=support.pk).update(starts_on=days_ago(20), ends_on=days_ago(3))
        assert waiting_peers(waiting.cleo).get(pk=dee.pk).waiting_since == days_ago(3)


def test_the_reason_they_wait_is_shown_and_can_be_changed(waiting, client_for):
    client = client_for("cleo")
    response = client.post(f"/peers/{waiting.dee.pk}/waiting/", {"reason": "language"})
    assert response.status_code == 302 and response["Location"] == "/waiting/"
    assert "Waiting for a peer supporter who speaks their language" in client.get("/waiting/").content.decode()
    with organisation_scope(waiting.riverside):
        set_waiting_reason(waiting.dee, WaitingReason.OFFER_OUT, by=waiting.cleo)  # as the offers app does
    assert "An offer is with them" in client.get("/waiting/").content.decode()
    assert AuditEvent.objects.filter(
        action=Action.UPDATE, record_type="peer", record_id=str(waiting.dee.pk), reason="waiting: offer_out"
    ).exists()
    for hostile in ("nonsense", "x" * 5000, "no_safe_fit\x00"):
        assert client.post(f"/peers/{waiting.dee.pk}/waiting/", {"reason": hostile}).status_code == 200


def test_the_list_shows_their_preferences(waiting, client_for):
    with organisation_scope(waiting.riverside):
        dee = waiting.dee
        dee.languages, dee.supporter_language, dee.supporter_gender = ["ro", "en"], "ro", "woman"
        dee.support_format, dee.support_modes = "one_to_one", ["online", "phone"]
        dee.save()
    body = client_for("cleo").get("/waiting/").content.decode()
    for shown in ("Romanian", "A woman", "One-to-one", "Online, By phone"):
        assert shown in body


def test_a_possible_network_link_is_flagged_on_the_list(waiting, client_for):
    with organisation_scope(waiting.riverside):
        intake(waiting.dee, waiting.pat, wants_peer_support="now", network_link="yes")
    assert "Check for someone linked to their network first" in client_for("cleo").get("/waiting/").content.decode()


def test_the_list_is_paginated(waiting, client_for):
    with organisation_scope(waiting.riverside):
        for i in range(55):
            intake(
                make_peer(waiting.riverside, f"Many {i}", waiting.user("cleo")), waiting.cleo, wants_peer_support="now"
            )
    client = client_for("cleo")
    first, second = client.get("/waiting/"), client.get("/waiting/?page=2")
    assert len(_names(first)) == 50 and len(_names(second)) == 8
    assert client.get("/waiting/?page=9999").status_code == 200
    assert client.get("/waiting/?page=x%00").status_code == 200


# --- Nobody waits silently: the threshold and the dashboard. ---------------------------------------


def _tiles(client) -> dict:
    return {t.label: (t.value, t.url) for t in client.get("/").context["dashboard"].tiles}


def test_the_dashboard_counts_peers_past_the_threshold_and_links_to_the_list(waiting, client_for):
    tile = _tiles(client_for("cleo"))["Peers waiting for a peer supporter longer than 30 days"]
    assert tile == (1, "/waiting/")  # Dee, 40 days
    assert "Peers waiting for a peer supporter longer than 30 days" in _tiles(client_for("ada"))
    for role in ("pat", "sina", "stef", "eve"):
        assert not any("waiting" in label for label in _tiles(client_for(role))), role


def test_the_count_follows_each_change_at_once(waiting, client_for):
    client = client_for("cleo")
    label = "Peers waiting for a peer supporter longer than 30 days"
    assert _tiles(client)[label][0] == 1
    with organisation_scope(waiting.riverside):
        intake(waiting.cat, waiting.cleo, wants_peer_support="now", had_on=days_ago(70))  # cached counts forgotten
        assert _tiles(client)[label][0] == 2
        assign(waiting.dee, waiting.quinn)
        assert _tiles(client)[label][0] == 1
    # An admin lowers the threshold: the dashboard says so at once.
    admin = client_for("ada")
    assert admin.post("/organisation/waiting/", {"threshold_days": "7"}).status_code == 302
    tiles = _tiles(client_for("cleo"))
    assert tiles["Peers waiting for a peer supporter longer than 7 days"][0] == 2  # Cat, Bea (10 days)


def test_the_count_is_what_the_service_says(waiting):
    with organisation_scope(waiting.riverside):
        assert waiting_past_threshold(waiting.cleo) == 1
        WaitingSettings.objects.create(organisation=waiting.riverside, threshold_days=4)
        assert waiting_past_threshold(waiting.cleo) == 3
        # A hundred days on, Lou's date to ask again has come and gone too.
        assert waiting_past_threshold(waiting.cleo, on=timezone.localdate() + timedelta(days=100)) == 4


def test_only_an_admin_sets_the_threshold_and_a_mistake_is_redisplayed(waiting, client_for):
    admin = client_for("ada")
    settings_page = admin.get("/organisation/").content.decode()
    assert 'href="/organisation/waiting/"' in settings_page
    for hostile in ("0", "366", "-1", "abc", "1e9", ""):
        response = admin.post("/organisation/waiting/", {"threshold_days": hostile})
        assert response.status_code == 200, hostile
        assert not WaitingSettings.objects.exists()
    assert client_for("cleo").post("/organisation/waiting/", {"threshold_days": "3"}).status_code == 404
    assert not WaitingSettings.objects.exists()


def test_an_erased_peer_is_never_on_the_list_or_counted(waiting, client_for):
    from datarights.services import erase_peer

    with organisation_scope(waiting.riverside):
        erase_peer(waiting.dee, by=waiting.cleo)
        assert waiting.dee.pk not in {p.pk for p in waiting_peers(waiting.cleo)}
        assert waiting_past_threshold(waiting.cleo) == 0
    assert "Dee" not in _names(client_for("cleo").get("/waiting/"))
