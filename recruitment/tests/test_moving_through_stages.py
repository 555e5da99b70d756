"""A peer supporter's stage changes only through move_to_stage, which keeps who, when, from, to and why."""

import pytest
from django.db import connection
from django.urls import reverse

from encryption.fields import decrypt
from organisations.tenancy import organisation_scope
from people.models import PeerSupporter
from recruitment import services
from recruitment.models import StageChange


def raw_why(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT why FROM recruitment_stagechange WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_a_move_keeps_who_when_from_to_and_why(in_riverside):
    cast = in_riverside
    change = services.move_to_stage(cast.pat_profile, "paused", by=cast.cleo, reason="wellbeing", why="Resting a while")
    assert (change.from_stage, change.to_stage, change.reason, change.by) == (
        "active", "paused", "wellbeing", cast.user("cleo"),
    )  # fmt: skip
    assert change.at is not None
    assert PeerSupporter.objects.get(pk=cast.pat_profile.pk).stage == "paused"


def test_why_is_stored_encrypted(in_riverside):
    cast = in_riverside
    change = services.move_to_stage(cast.pat_profile, "left", by=cast.cleo, reason="other", why="Moved to Lyon")
    stored = raw_why(change.pk)
    assert "Lyon" not in stored
    assert decrypt(stored) == "Moved to Lyon"


@pytest.mark.parametrize("stage", ["paused", "left"])
def test_nobody_is_dropped_silently_a_break_or_moving_on_needs_a_reason(in_riverside, stage):
    cast = in_riverside
    with pytest.raises(services.RecruitmentError):
        services.move_to_stage(cast.pat_profile, stage, by=cast.cleo)
    with pytest.raises(services.RecruitmentError):
        services.move_to_stage(cast.pat_profile, stage, by=cast.cleo, reason="other")  # "something else" needs words
    assert PeerSupporter.objects.get(pk=cast.pat_profile.pk).stage == "active"
    assert not StageChange.objects.exists()


def test_someone_who_moved_on_can_come_back_and_the_history_keeps_both(in_riverside):
    cast = in_riverside
    services.move_to_stage(cast.pat_profile, "left", by=cast.cleo, reason="life")
    services.move_to_stage(cast.pat_profile, "readiness", by=cast.cleo, why="Back in touch, keen to return")
    assert [(c.from_stage, c.to_stage) for c in services.history_of(cast.pat_profile)] == [
        ("active", "left"), ("left", "readiness"),
    ]  # fmt: skip


def test_the_same_stage_again_is_refused(in_riverside):
    with pytest.raises(services.RecruitmentError):
        services.move_to_stage(in_riverside.pat_profile, "active", by=in_riverside.cleo)


def test_the_supporter_edit_form_does_not_set_the_stage(cast, client_for):
    response = client_for("cleo").post(
        f"/supporters/{cast.pat_profile.pk}/edit/",
        {"capacity": "3", "employment": "paid", "stage": "left"},
    )
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        assert PeerSupporter.objects.get(pk=cast.pat_profile.pk).stage == "active"
        assert not StageChange.objects.exists()


def test_the_move_page_asks_why_and_keeps_the_input(cast, client_for):
    url = reverse("recruitment:move", args=[cast.pat_profile.pk])
    client = client_for("cleo")
    assert client.get(url).status_code == 200
    response = client.post(url, {"stage": "left", "reason": "", "why": "Wants to think it over"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Say why" in body and "Wants to think it over" in body
    response = client.post(url, {"stage": "training", "reason": "", "why": ""})
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        assert PeerSupporter.objects.get(pk=cast.pat_profile.pk).stage == "training"


def test_joining_as_a_peer_supporter_starts_the_path_at_the_first_stage(cast):
    from accounts import services as accounts

    with organisation_scope(cast.riverside):
        invitation, _link = accounts.invite_member(
            organisation=cast.riverside, invited_by=cast.user("ada"), email="new@riverside.test",
            display_name="Nia", role="peer_supporter", base_url="http://testserver",
        )  # fmt: skip
        accounts.accept_invitation_with_new_account(invitation, "a long new password")
        supporter = PeerSupporter.objects.get(membership__user__email="new@riverside.test")
        assert supporter.stage == "recruited"
        assert [(c.from_stage, c.to_stage) for c in services.history_of(supporter)] == [("", "recruited")]


def test_every_move_and_every_conversation_is_in_the_audit_log(in_riverside):
    from datetime import date

    from audit.models import Action, AuditEvent

    cast = in_riverside
    services.move_to_stage(cast.quinn_profile, "paused", by=cast.cleo, reason="their_choice")
    services.record_conversation(
        cast.quinn_profile, by=cast.cleo, held_on=date.today(), judgement="ready", reasons="Ready"
    )
    services.record_barrier(cast.quinn_profile, by=cast.cleo, what="A document")
    logged = set(AuditEvent.objects.filter(actor=cast.user("cleo")).values_list("action", "record_type"))
    assert {
        (Action.UPDATE, "peersupporter"),
        (Action.CREATE, "readinessconversation"),
        (Action.CREATE, "barrier"),
    } <= logged
