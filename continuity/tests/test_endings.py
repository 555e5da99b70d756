"""A planned, good ending: its date and why, the closing conversation in the peer's words, and the door
that stays open (coming back starts a new peer support and keeps the old one)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEvent
from continuity import services
from continuity.models import ClosingConversation
from matching import services as matching
from organisations.tenancy import organisation_scope
from people.models import Assignment, AssignmentKind

TODAY = timezone.localdate


def amaras(cast) -> Assignment:
    with organisation_scope(cast.riverside):
        return Assignment.objects.get(peer=cast.amara, worker=cast.pat)


def ended_last_week(cast) -> Assignment:
    """Amara's support with pat, begun in the spring and ended a week ago, with a closing conversation."""
    with organisation_scope(cast.riverside):
        support = amaras(cast)
        Assignment.objects.filter(pk=support.pk).update(
            starts_on=TODAY() - timedelta(days=200), ends_on=TODAY() - timedelta(days=7), ending_reason="goals_met"
        )
        support.refresh_from_db()
        ClosingConversation.objects.create(
            organisation=cast.riverside,
            peer=cast.amara,
            assignment=support,
            had_on=TODAY() - timedelta(days=8),
            in_their_words="I can take the bus on my own now.",
            come_back_to="same_supporter",
        )
        return support


def test_their_supporter_plans_the_ending_with_a_date_and_why(cast, client_for):
    client = client_for("pat")
    support = amaras(cast)
    url = reverse("continuity:plan_ending", args=[cast.amara.pk, support.pk])
    day = TODAY() + timedelta(days=21)
    response = client.post(url, {"ends_on": day.isoformat(), "reason": "moving_away"})
    assert response.status_code == 302
    support.refresh_from_db()
    assert (support.ends_on, support.ending_reason) == (day, "moving_away")
    assert support.is_current, "the support goes on until the planned day"
    body = client.get(reverse("people:peer_detail", args=[cast.amara.pk])).content.decode()
    assert "planned to end on" in body and "moving away" in body


def test_an_ending_in_the_past_or_without_a_reason_is_shown_again_with_what_to_fix(cast, client_for):
    client = client_for("pat")
    support = amaras(cast)
    url = reverse("continuity:plan_ending", args=[cast.amara.pk, support.pk])
    response = client.post(url, {"ends_on": (TODAY() - timedelta(days=1)).isoformat(), "reason": "nonsense"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose today or a later day." in body and "Select a valid choice" in body
    response = client.post(url, {"ends_on": "not a date", "reason": "goals_met"})
    assert response.status_code == 200 and 'value="not a date"' in response.content.decode()
    support.refresh_from_db()
    assert support.ends_on is None


def test_the_closing_conversation_waits_for_a_planned_ending(cast, client_for):
    client = client_for("pat")
    support = amaras(cast)
    response = client.get(reverse("continuity:closing_conversation", args=[cast.amara.pk, support.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("continuity:plan_ending", args=[cast.amara.pk, support.pk])


def test_the_closing_conversation_is_kept_in_their_words_encrypted(cast, client_for):
    client = client_for("pat")
    support = amaras(cast)
    with organisation_scope(cast.riverside):
        services.plan_ending(support, by=cast.pat, on=TODAY() + timedelta(days=3), reason="goals_met")
    url = reverse("continuity:closing_conversation", args=[cast.amara.pk, support.pk])
    words = "Thank you for walking with me to the housing office."
    response = client.post(
        url,
        {
            "had_on": TODAY().isoformat(),
            "in_their_words": words,
            "come_back_to": "same_supporter",
            "if_they_come_back": "A text first, never a call.",
        },
    )
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        conversation = ClosingConversation.objects.get(assignment=support)
    assert conversation.in_their_words == words and conversation.recorded_by == cast.user("pat")
    with connection.cursor() as cursor:
        cursor.execute("SELECT in_their_words, if_they_come_back FROM continuity_closingconversation")
        stored = cursor.fetchone()
    assert "housing" not in stored[0] and "text first" not in stored[1].lower()
    assert AuditEvent.objects.filter(action=Action.CREATE, record_type="closingconversation").exists()
    # Saved again, it is the same conversation, rewritten.
    client.post(url, {"had_on": TODAY().isoformat(), "in_their_words": "More.", "come_back_to": "whoever"})
    with organisation_scope(cast.riverside):
        assert ClosingConversation.objects.filter(assignment=support).count() == 1


def test_a_closing_conversation_on_a_day_to_come_is_refused(cast, client_for):
    support = amaras(cast)
    with organisation_scope(cast.riverside):
        services.plan_ending(support, by=cast.pat, on=TODAY() + timedelta(days=3), reason="goals_met")
    url = reverse("continuity:closing_conversation", args=[cast.amara.pk, support.pk])
    response = client_for("pat").post(url, {"had_on": (TODAY() + timedelta(days=1)).isoformat()})
    assert response.status_code == 200 and "Choose today or an earlier day." in response.content.decode()


def test_the_record_says_the_door_stays_open_after_the_ending(cast, client_for):
    ended_last_week(cast)
    body = client_for("cleo").get(reverse("people:peer_detail", args=[cast.amara.pk])).content.decode()
    assert "The door stays open." in body
    assert "I can take the bus on my own now." in body
    assert reverse("continuity:coming_back", args=[cast.amara.pk]) in body


def test_a_case_manager_who_sees_the_peer_sees_the_ending_but_not_the_words(cast, client_for):
    ended_last_week(cast)
    with organisation_scope(cast.riverside):
        Assignment.objects.create(
            organisation=cast.riverside, peer=cast.amara, worker=cast.stef, kind=AssignmentKind.CASE_MANAGEMENT
        )
    body = client_for("stef").get(reverse("people:peer_detail", args=[cast.amara.pk])).content.decode()
    assert "The door stays open." in body
    assert "take the bus" not in body


def test_coming_back_starts_a_new_support_and_keeps_the_history(cast, client_for):
    old = ended_last_week(cast)
    client = client_for("cleo")
    url = reverse("continuity:coming_back", args=[cast.amara.pk])
    page = client.get(url).content.decode()
    assert f'<option value="{cast.pat_profile.pk}" selected>' in page, "the supporter they asked for is suggested"
    assert client.post(url, {"supporter": cast.pat_profile.pk}).status_code == 302
    with organisation_scope(cast.riverside):
        supports = list(Assignment.objects.filter(peer=cast.amara, kind=AssignmentKind.PEER_SUPPORT).order_by("pk"))
    assert [s.pk for s in supports][0] == old.pk and len(supports) == 2
    assert supports[0].ends_on == old.ends_on and supports[0].ending_reason == "goals_met"
    assert supports[1].is_current and supports[1].worker == cast.pat
    # Now they have a peer supporter: coming back again is not offered.
    assert client.get(url).status_code == 302


def test_coming_back_to_someone_kept_apart_from_them_is_not_available_and_not_suggested(cast, client_for):
    ended_last_week(cast)
    with organisation_scope(cast.riverside):
        matching.record_exclusion(first=cast.amara, second=cast.pat_profile, by=cast.cleo, reason="not_said")
    client = client_for("cleo")
    url = reverse("continuity:coming_back", args=[cast.amara.pk])
    page = client.get(url).content.decode()
    assert f'<option value="{cast.pat_profile.pk}" selected>' not in page, "someone kept apart is suggested"
    response = client.post(url, {"supporter": cast.pat_profile.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "not available" in body and "exclusion" not in body.lower()
    with organisation_scope(cast.riverside):
        assert not Assignment.objects.current().filter(peer=cast.amara, kind=AssignmentKind.PEER_SUPPORT).exists()


@pytest.mark.parametrize("player", ["sol", "stef", "quinn", "eve", "hugo"])
def test_only_their_supporter_its_supervisor_and_the_organisation_plan_the_ending(cast, client_for, player):
    support = amaras(cast)
    client = client_for(player)
    for name in ("continuity:plan_ending", "continuity:closing_conversation"):
        url = reverse(name, args=[cast.amara.pk, support.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"ends_on": TODAY().isoformat(), "reason": "other"}).status_code == 404
    support.refresh_from_db()
    assert support.ends_on is None


@pytest.mark.parametrize("player", ["pat", "sina", "cleo", "ada"])
def test_their_supporter_its_supervisor_and_the_organisation_may_plan_it(cast, client_for, player):
    support = amaras(cast)
    url = reverse("continuity:plan_ending", args=[cast.amara.pk, support.pk])
    assert client_for(player).get(url).status_code == 200


def test_a_cover_supporter_may_not_plan_the_ending_of_the_support_they_cover(cast, client_for):
    with organisation_scope(cast.riverside):
        Assignment.objects.create(
            organisation=cast.riverside, peer=cast.amara, worker=cast.quinn, kind=AssignmentKind.COVER,
            ends_on=TODAY() + timedelta(days=3),
        )  # fmt: skip
    client = client_for("quinn")
    assert client.get(reverse("people:peer_detail", args=[cast.amara.pk])).status_code == 200
    url = reverse("continuity:plan_ending", args=[cast.amara.pk, amaras(cast).pk])
    assert client.get(url).status_code == 404


def test_the_coordinators_end_from_today_still_ends_a_support_with_no_reason(cast, client_for):
    support = amaras(cast)
    client_for("cleo").post(reverse("people:assignment_end", args=[cast.amara.pk, support.pk]))
    support.refresh_from_db()
    assert (support.ends_on, support.ending_reason) == (TODAY(), "")


def test_a_supervisor_who_sees_the_peer_for_another_reason_may_not_plan_the_ending(cast, client_for):
    """sol counsels amara (so sees her), but pat is not sol's supervisee: pat's support is not sol's to end."""
    with organisation_scope(cast.riverside):
        Assignment.objects.create(
            organisation=cast.riverside, peer=cast.amara, worker=cast.sol, kind=AssignmentKind.COUNSELLING
        )
    client = client_for("sol")
    assert client.get(reverse("people:peer_detail", args=[cast.amara.pk])).status_code == 200
    url = reverse("continuity:plan_ending", args=[cast.amara.pk, amaras(cast).pk])
    assert client.get(url).status_code == 404
    body = client.get(reverse("people:peer_detail", args=[cast.amara.pk])).content.decode()
    assert url not in body, "the record offers an ending the page refuses"
