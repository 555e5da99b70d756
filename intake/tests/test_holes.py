"""Holes found by an attacker's pass over the intake pages, each kept shut by a test."""

from __future__ import annotations

import re
from datetime import date

import pytest

from intake.models import IntakeConversation
from intake.services import IntakeError
from organisations.tenancy import all_organisations, organisation_scope

from .helpers import intake


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_saving_again_does_not_tell_a_supporter_what_was_said_of_a_network_link(cast, client_for):
    """A peer supporter may not read back the network-link answer; the message after saving must not
    say it either (the earlier "yes" is carried over, and the message used to warn about it)."""
    with organisation_scope(cast.riverside):
        intake(cast.amara, cast.cleo, network_link="yes", network_notes="Someone at the drop-in")
    response = client_for("pat").post(f"/peers/{cast.amara.pk}/intake/new/", {"safe_to_come": "yes"}, follow=True)
    assert _messages(response) == ["The intake conversation has been saved."]
    with all_organisations():
        assert IntakeConversation.objects.in_force().get(peer=cast.amara).network_link == "yes"  # still kept


def test_saving_after_a_carried_over_no_reads_the_same(cast, client_for):
    """The same message whatever was said before, so that nothing can be learnt by comparing."""
    with organisation_scope(cast.riverside):
        intake(cast.amara, cast.cleo, network_link="no")
    response = client_for("pat").post(f"/peers/{cast.amara.pk}/intake/new/", {"safe_to_come": "yes"}, follow=True)
    assert _messages(response) == ["The intake conversation has been saved."]


def test_a_supporter_who_hears_of_a_network_link_is_told_a_coordinator_will_act(cast, client_for):
    response = client_for("pat").post(f"/peers/{cast.amara.pk}/intake/new/", {"network_link": "maybe"}, follow=True)
    assert _messages(response) == [
        "Saved. A coordinator will make sure they are never put with anyone linked to that network."
    ]


def test_a_date_to_ask_again_before_today_is_refused_when_the_day_is_left_empty(cast, client_for):
    """An empty day means today, so asking again in year 1 is before the conversation: it used to be
    saved, and the peer then waited "since year 1", past every threshold."""
    response = client_for("cleo").post(
        f"/peers/{cast.bea.pk}/intake/new/", {"wants_peer_support": "later", "ask_again_on": "0001-01-01"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ask_again_on"]
    with all_organisations():
        assert not IntakeConversation.objects.filter(peer=cast.bea).exists()


def test_the_service_refuses_a_date_to_ask_again_before_the_conversation(cast):
    with organisation_scope(cast.riverside), pytest.raises(IntakeError):
        intake(cast.bea, cast.cleo, wants_peer_support="later", ask_again_on=date(1, 1, 1))
    with all_organisations():
        assert not IntakeConversation.objects.filter(peer=cast.bea).exists()


def _opened(client, peer) -> dict:
    page = client.get(f"/peers/{peer.pk}/intake/new/").content.decode()
    found = re.search(r'<input type="hidden" name="in_force" value="([^"]*)"', page)
    assert found is not None
    return {"in_force": found.group(1), "safe_to_come": "yes", "wants_notes": "Soon, please"}


def test_the_same_conversation_sent_twice_is_recorded_once(cast, client_for):
    """A double click, or the page sent again from history, recorded a second identical conversation
    over the first."""
    client = client_for("cleo")
    opened = _opened(client, cast.bea)
    assert client.post(f"/peers/{cast.bea.pk}/intake/new/", opened).status_code == 302
    response = client.post(f"/peers/{cast.bea.pk}/intake/new/", opened)
    assert response.status_code == 200
    assert "saved again while this page was open" in response.content.decode()
    with all_organisations():
        assert IntakeConversation.objects.filter(peer=cast.bea).count() == 1
    # The re-displayed page is based on the one now in force: saving it again is a new conversation.
    again = {**opened, **_opened(client, cast.bea)}
    assert client.post(f"/peers/{cast.bea.pk}/intake/new/", again).status_code == 302
    with all_organisations():
        assert IntakeConversation.objects.filter(peer=cast.bea).count() == 2


def test_hostile_values_for_the_conversation_in_force_re_display_the_form(cast, client_for):
    client = client_for("cleo")
    for junk in ("", "abc", "-1", "99999999999999999999999", "12"):
        response = client.post(f"/peers/{cast.amara.pk}/intake/new/", {"in_force": junk, "safe_to_come": "no"})
        assert response.status_code == 200, junk
    with all_organisations():
        assert IntakeConversation.objects.filter(peer=cast.amara).count() == 1


def test_why_an_erased_peer_waited_is_not_kept_in_the_audit_log(in_riverside):
    """Erasure deletes why they were waiting, but the audit entry of the change said it ("waiting:
    asked_to_wait"), and the audit log is never erased: it names the change, not what was said."""
    from audit.models import AuditEvent
    from datarights.services import erase_peer
    from intake.models import WaitingReason
    from intake.services import set_waiting_reason

    cast = in_riverside
    for reason in WaitingReason.values:
        set_waiting_reason(cast.dee, reason, by=cast.cleo)
    erase_peer(cast.dee, by=cast.cleo)
    reasons = list(
        AuditEvent.objects.filter(record_type="peer", record_id=str(cast.dee.pk)).values_list("reason", flat=True)
    )
    assert reasons, "the changes are audited"
    for code in WaitingReason.values:
        assert not any(code in r for r in reasons), code


@pytest.mark.parametrize("answer", ["no", "prefer_not", "maybe"])
def test_someone_who_may_not_read_a_network_link_cannot_take_it_away(cast, client_for, answer):
    """A supporter, who is never shown what was said of someone here being linked to the network,
    answered "no" over a coordinator's "yes": the exclusion prompt and the waiting list's warning
    went, though nobody who may read it had decided so (and the one answering could be the person
    it was about). What they say is kept beside it, for a coordinator to read."""
    with organisation_scope(cast.riverside):
        intake(cast.amara, cast.cleo, network_link="yes", network_notes="The man at the drop-in")
    data = {"network_link": answer, "network_notes": "Not worried any more"}
    response = client_for("pat").post(f"/peers/{cast.amara.pk}/intake/new/", data, follow=True)
    assert [str(m) for m in response.context["messages"]][-1] in (
        "The intake conversation has been saved.",
        "Saved. A coordinator will make sure they are never put with anyone linked to that network.",
    )
    with all_organisations():
        kept = IntakeConversation.objects.in_force().get(peer=cast.amara)
    assert kept.network_link == "yes"
    assert "The man at the drop-in" in kept.network_notes and "Not worried any more" in kept.network_notes


def test_someone_who_may_not_read_a_network_link_can_raise_one(cast, client_for):
    with organisation_scope(cast.riverside):
        intake(cast.amara, cast.cleo, network_link="maybe", network_notes="Perhaps the cousin")
    client_for("pat").post(f"/peers/{cast.amara.pk}/intake/new/", {"network_link": "yes", "network_notes": "Sure now"})
    with all_organisations():
        kept = IntakeConversation.objects.in_force().get(peer=cast.amara)
    assert kept.network_link == "yes"
    assert "Perhaps the cousin" in kept.network_notes and "Sure now" in kept.network_notes


def test_a_coordinator_can_take_a_network_link_away(cast, client_for):
    with organisation_scope(cast.riverside):
        intake(cast.amara, cast.cleo, network_link="yes", network_notes="The man at the drop-in")
    client_for("cleo").post(f"/peers/{cast.amara.pk}/intake/new/", {"network_link": "no", "network_notes": ""})
    with all_organisations():
        kept = IntakeConversation.objects.in_force().get(peer=cast.amara)
    assert (kept.network_link, kept.network_notes) == ("no", "")


@pytest.mark.parametrize(
    "answers",
    [
        {"safe_to_come": "only at 12 Canal St"},
        {"network_link": "Rudi"},
        {"wants_peer_support": "a woman"},
        {"needs_first": ["housing", "her sister in Leeds"]},
        {"needs_first": "housing"},
    ],
)
def test_the_service_keeps_free_text_out_of_the_plain_columns(cast, answers):
    """The choices are stored plain, to be counted: the form only offers the codes, but the service
    (which commands and the other apps call) stored whatever it was given, unencrypted."""
    with organisation_scope(cast.riverside), pytest.raises(IntakeError):
        intake(cast.bea, cast.cleo, **answers)
    with all_organisations():
        assert not IntakeConversation.objects.filter(peer=cast.bea).exists()


def test_the_service_keeps_free_text_out_of_how_they_arrived(cast):
    with organisation_scope(cast.riverside), pytest.raises(IntakeError):
        intake(cast.bea, cast.cleo, arrival={"route": "her cousin Rudi"})


def test_a_huge_answer_re_displays_the_form_and_saves_nothing(cast, client_for):
    """Two megabytes in a note were encrypted and stored (the agreement's notes stop at 2,000
    characters; these had no limit)."""
    response = client_for("cleo").post(f"/peers/{cast.bea.pk}/intake/new/", {"safety_notes": "x" * 2_000_000})
    assert response.status_code == 200
    assert response.context["form"].errors["safety_notes"]
    with all_organisations():
        assert not IntakeConversation.objects.filter(peer=cast.bea).exists()


def test_the_waiting_list_says_nothing_of_a_network_link_to_a_role_that_may_not_read_it(cast, client_for, monkeypatch):
    """waiting_peers promised an empty network_link to those without Do.SEE_NETWORK_LINKS but gave
    the answer to anyone: today only coordinators and admins see the list, but the batches app and
    any role given the list later would read it (the page's "check for someone linked" badge)."""
    from access.policy import ALLOWED, Do
    from conftest import assign
    from intake.services import waiting_peers
    from organisations.models import Role
    from people.models import AssignmentKind

    monkeypatch.setitem(ALLOWED, Do.SEE_WAITING_LIST, ALLOWED[Do.SEE_WAITING_LIST] | {Role.SUPERVISOR})
    with organisation_scope(cast.riverside):
        assign(cast.dee, cast.sina, AssignmentKind.CASE_MANAGEMENT)
        intake(cast.dee, cast.cleo, wants_peer_support="now", network_link="yes")
        assert [p.network_link for p in waiting_peers(cast.sina)] == [""]
        assert [p.network_link for p in waiting_peers(cast.cleo) if p.pk == cast.dee.pk] == ["yes"]
    page = client_for("sina").get("/waiting/").content.decode()
    assert "Dee" in page and "Check for someone linked to their network first" not in page


def test_nothing_new_is_recorded_about_an_erased_peer(in_riverside):
    """The pages never show an erased peer, but the services (which commands, offers and batches
    call) wrote a new conversation, arrival or waiting reason onto the erased record."""
    from datarights.services import erase_peer
    from intake.models import Arrival, WaitingStatus
    from intake.services import set_waiting_reason

    cast = in_riverside
    erase_peer(cast.dee, by=cast.cleo)
    cast.dee.refresh_from_db()
    # The cast's conversation with Dee stays, emptied, for the counts; nothing new joins it.
    kept = list(IntakeConversation.objects.filter(peer=cast.dee).values_list("pk", flat=True))
    with pytest.raises(IntakeError):
        intake(cast.dee, cast.cleo, safety_notes="Meets at the library", arrival={"route": "outreach"})
    with pytest.raises(IntakeError):
        set_waiting_reason(cast.dee, "asked_to_wait", by=cast.cleo)
    assert list(IntakeConversation.objects.filter(peer=cast.dee).values_list("pk", flat=True)) == kept
    assert not Arrival.objects.filter(peer=cast.dee).exists()
    assert not WaitingStatus.objects.filter(peer=cast.dee).exists()
