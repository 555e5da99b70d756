"""The intake safety conversation: recorded in versions, looking both ways, nothing required."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from audit.models import Action, AuditEvent
from encryption.fields import EncryptedTextField, decrypt
from intake.models import Arrival, IntakeConversation
from intake.services import ASK_AGAIN_AFTER, current_conversation, wants_peer_support_now
from organisations.models import Partner
from organisations.tenancy import organisation_scope

from .helpers import days_ago, intake

FILLED = {
    "had_on": "",
    "safe_to_come": "not_sure",
    "safe_to_contact": "yes",
    "safety_notes": "Never near the Canal Street flat",
    "network_link": "maybe",
    "network_notes": "A cousin of the man at the car wash volunteers somewhere",
    "places_to_avoid": "The Mill Road market",
    "people_to_avoid": "A man called R. from the car wash",
    "needs_first": ["housing", "legal"],
    "needs_first_notes": "Hostel place ends Friday",
    "wants_peer_support": "now",
    "ask_again_on": "",
    "wants_notes": "Would like a woman who speaks Romanian",
    "arrival-route": "partner",
    "arrival-partner": "",
    "arrival-arrived_on": "",
}
NARRATIVE = [name for name in FILLED if name in {f.name for f in IntakeConversation._meta.concrete_fields}]


def _post(client, peer, **changes):
    data = dict(FILLED, **changes)
    return client.post(f"/peers/{peer.pk}/intake/new/", data)


def raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {connection.ops.quote_name(column)} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def _partner(cast):
    with organisation_scope(cast.riverside):
        return Partner.objects.get(organisation=cast.riverside)


def test_a_peer_supporter_records_the_conversation_for_their_peer(cast, client_for):
    partner = _partner(cast)
    response = _post(
        client_for("pat"), cast.amara, **{"arrival-partner": partner.pk, "arrival-arrived_on": "2026-03-02"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == f"/peers/{cast.amara.pk}/intake/"
    with organisation_scope(cast.riverside):
        conversation = current_conversation(cast.amara)
        arrival = Arrival.objects.get(peer=cast.amara)
        assert conversation.needs_first == ["housing", "legal"]
        assert conversation.wants_peer_support == "now" and conversation.had_on == timezone.localdate()
        assert conversation.recorded_by == cast.user("pat")
        assert (arrival.route, arrival.partner, str(arrival.arrived_on)) == ("partner", partner, "2026-03-02")
        assert wants_peer_support_now(cast.amara)
    change = AuditEvent.objects.get(action=Action.UPDATE, record_type="peer", record_id=str(cast.amara.pk))
    assert change.actor == cast.user("pat") and change.reason == f"intake conversation {conversation.pk}"


def test_every_narrative_answer_is_stored_encrypted(cast, client_for):
    encrypted = [f.name for f in IntakeConversation._meta.concrete_fields if isinstance(f, EncryptedTextField)]
    assert sorted(encrypted) == sorted(
        ["safety_notes", "network_notes", "places_to_avoid", "people_to_avoid", "needs_first_notes", "wants_notes"]
    )
    assert _post(client_for("cleo"), cast.dee).status_code == 302
    with organisation_scope(cast.riverside):
        pk = current_conversation(cast.dee).pk
    for column in encrypted:
        stored = raw("intake_intakeconversation", column, pk)
        assert FILLED[column] not in stored, f"{column} is stored readably"
        assert decrypt(stored) == FILLED[column]


def test_nothing_is_required(cast, client_for):
    response = client_for("cleo").post(f"/peers/{cast.dee.pk}/intake/new/", {})
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        conversation = current_conversation(cast.dee)
        assert conversation.wants_peer_support == "" and conversation.needs_first == []
        assert not wants_peer_support_now(cast.dee)


def test_having_the_conversation_again_keeps_the_earlier_one(cast, client_for):
    client = client_for("cleo")
    _post(client, cast.dee, wants_peer_support="later", ask_again_on=str(days_ago(-10)))
    _post(client, cast.dee, wants_notes="Ready now, after the move")
    with organisation_scope(cast.riverside):
        conversations = list(IntakeConversation.objects.filter(peer=cast.dee).order_by("pk"))
    assert len(conversations) == 3  # the cast's (dee said "now" a week ago), then these two
    assert all(c.superseded_at is not None for c in conversations[:2]) and conversations[2].superseded_at is None
    page = client.get(f"/peers/{cast.dee.pk}/intake/").content.decode()
    assert "Ready now, after the move" in page and "Earlier conversations" in page
    # The form starts from what they said last time, with today's date.
    form = client.get(f"/peers/{cast.dee.pk}/intake/new/").content.decode()
    assert "Ready now, after the move" in form and timezone.localdate().isoformat() in form


def test_later_without_a_date_is_asked_again_in_three_months(in_riverside):
    cast = in_riverside
    conversation = intake(cast.dee, cast.cleo, wants_peer_support="later", had_on=days_ago(5))
    assert conversation.ask_again_on == days_ago(5) + ASK_AGAIN_AFTER
    assert not wants_peer_support_now(cast.dee)
    # A date to ask again is kept only with "later" or "not sure".
    assert intake(cast.dee, cast.cleo, wants_peer_support="now", ask_again_on=days_ago(-5)).ask_again_on is None


def test_saying_now_again_keeps_their_place_on_the_waiting_list(in_riverside):
    cast = in_riverside
    first = intake(cast.dee, cast.cleo, wants_peer_support="now", had_on=days_ago(40))
    again = intake(cast.dee, cast.cleo, wants_peer_support="now", had_on=days_ago(2))
    assert first.ready_since == again.ready_since == days_ago(40)
    later = intake(cast.dee, cast.cleo, wants_peer_support="later", had_on=days_ago(1), ask_again_on=days_ago(-30))
    assert later.ready_since == days_ago(-30)
    no = intake(cast.dee, cast.cleo, wants_peer_support="not_at_all")
    assert no.ready_since is None
    assert intake(cast.dee, cast.cleo, wants_peer_support="now").ready_since == timezone.localdate()


# --- Are we safe for them: what is said of someone here being linked to the same network. -------


def test_a_coordinator_is_pointed_to_record_an_exclusion(cast, client_for):
    _post(client_for("pat"), cast.amara)
    page = client_for("cleo").get(f"/peers/{cast.amara.pk}/intake/").content.decode()
    assert "Someone here may be linked to the people who harmed them" in page
    assert "record an exclusion" in page.lower()
    assert FILLED["network_notes"] in page


def test_a_peer_supporter_is_not_shown_it_back_and_it_is_kept_when_they_have_the_conversation_again(cast, client_for):
    client = client_for("pat")
    _post(client, cast.amara)
    page = client.get(f"/peers/{cast.amara.pk}/intake/").content.decode()
    form = client.get(f"/peers/{cast.amara.pk}/intake/new/").content.decode()
    for shown in (page, form):
        assert FILLED["network_notes"] not in shown
        assert "record an exclusion" not in shown.lower()
    assert not re.search(r'<option value="maybe"[^>]*selected', form)
    # Pat has it again and leaves that question empty: what was said before is not lost.
    assert _post(client, cast.amara, network_link="", network_notes="").status_code == 302
    with organisation_scope(cast.riverside):
        conversation = current_conversation(cast.amara)
    assert (conversation.network_link, conversation.network_notes) == ("maybe", FILLED["network_notes"])
    # A coordinator who clears it means it.
    _post(client_for("cleo"), cast.amara, network_link="", network_notes="")
    with organisation_scope(cast.riverside):
        assert current_conversation(cast.amara).network_link == ""


# --- Hostile or mistaken input: the form comes back with what was typed, nothing saved. -------


@pytest.mark.parametrize(
    "changes",
    [
        {"had_on": str(timezone.localdate() + timedelta(days=3))},
        {"had_on": "not a date"},
        {"wants_peer_support": "later", "had_on": str(days_ago(1)), "ask_again_on": str(days_ago(9))},
        {"safe_to_come": "definitely"},
        {"needs_first": ["housing", "a yacht"]},
        {"arrival-route": "teleport"},
        {"arrival-partner": "99999999999999999999"},
        {"arrival-partner": "1 OR 1=1"},
        {"arrival-route": "self_referral", "arrival-partner": "PARTNER"},
        {"arrival-arrived_on": str(timezone.localdate() + timedelta(days=1))},
        {"wants_notes": "x\x00y"},
    ],
)
def test_a_mistake_redisplays_the_form_and_saves_nothing(cast, client_for, changes):
    if changes.get("arrival-partner") == "PARTNER":
        changes["arrival-partner"] = _partner(cast).pk
    response = _post(client_for("cleo"), cast.dee, **changes)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nothing has been saved yet" in body
    assert FILLED["people_to_avoid"] in body  # what they typed is still there
    with organisation_scope(cast.riverside):
        assert IntakeConversation.objects.filter(peer=cast.dee).count() == 1  # only the cast's
        assert not Arrival.objects.filter(peer=cast.dee).exists()


def test_another_organisations_partner_cannot_be_named(cast, client_for):
    with organisation_scope(cast.harbour):
        theirs = Partner.objects.get(organisation=cast.harbour)
    response = _post(client_for("cleo"), cast.dee, **{"arrival-partner": theirs.pk})
    assert response.status_code == 200
    with organisation_scope(cast.riverside):
        assert not Arrival.objects.filter(peer=cast.dee).exists()


def test_the_peer_record_links_to_the_intake_conversation(cast, client_for):
    page = client_for("pat").get(f"/peers/{cast.amara.pk}/").content.decode()
    assert f'href="/peers/{cast.amara.pk}/intake/"' in page


def test_the_service_refuses_what_the_pages_never_offer(in_riverside):
    from intake.services import IntakeError

    cast = in_riverside
    theirs = Partner.objects.get(organisation=cast.harbour)
    with pytest.raises(IntakeError):
        intake(cast.dee, cast.cleo, arrival={"route": "partner", "partner": theirs})
    for member in (cast.sina, cast.eve, cast.hugo):  # a supervisor, an evaluator, another organisation
        with pytest.raises(IntakeError):
            intake(cast.dee, member, wants_peer_support="later")
    assert IntakeConversation.objects.filter(peer=cast.dee).count() == 1  # only the cast's
