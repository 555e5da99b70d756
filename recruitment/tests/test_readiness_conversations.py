"""A readiness conversation: notes on the organisation's own criteria and a judgement in words, with
reasons; never a score, never an automatic outcome."""

from datetime import date, timedelta

import pytest
from django.db import connection, models
from django.urls import reverse

from organisations.tenancy import organisation_scope
from people.models import PeerSupporter
from recruitment import models as recruitment_models
from recruitment import services
from recruitment.models import CriterionNote, ReadinessConversation, ReadinessCriterion


def test_each_organisation_starts_with_the_criteria_in_our_own_words_and_no_threshold(in_riverside):
    criteria = services.criteria_for(in_riverside.riverside)
    codes = [c.default_code for c in criteria]
    assert codes[:2] == ["time_since_leaving", "time_since_substance_use"] and "motivation" in codes
    assert all(c.threshold_years is None for c in criteria)
    self_care = next(c for c in criteria if c.default_code == "self_care")
    assert "I don't need anything" in self_care.prompt


def test_a_coordinator_sets_their_own_threshold_and_the_conversation_page_shows_it(cast, client_for):
    with organisation_scope(cast.riverside):
        leaving = services.criteria_for(cast.riverside)[0]
    client = client_for("cleo")
    url = reverse("recruitment:criterion_edit", args=[leaving.pk])
    response = client.post(
        url, {"name": leaving.name, "name_fr": "", "prompt": "", "threshold_years": "5", "position": "0"}
    )
    assert response.status_code == 302
    page = client.get(reverse("recruitment:readiness", args=[cast.pat_profile.pk])).content.decode()
    assert "Our organisation asks for 5 years." in page


def test_the_conversation_keeps_notes_per_criterion_and_the_judgement_with_reasons(cast, client_for):
    with organisation_scope(cast.riverside):
        criteria = services.criteria_for(cast.riverside)
    url = reverse("recruitment:readiness", args=[cast.quinn_profile.pk])
    data = {
        "held_on": date.today().isoformat(), "judgement": "not_yet", "reasons": "Still very close to it",
        "talk_again_on": (date.today() + timedelta(days=90)).isoformat(),
        f"note_{criteria[0].pk}": "Left last spring", f"flag_{criteria[3].pk}": "on",
    }  # fmt: skip
    response = client_for("cleo").post(url, data)
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        conversation = ReadinessConversation.objects.get(supporter=cast.quinn_profile)
        assert (conversation.judgement, conversation.reasons) == ("not_yet", "Still very close to it")
        assert conversation.talk_again_on == date.today() + timedelta(days=90)
        notes = {n.criterion_id: (n.note, n.to_come_back_to) for n in CriterionNote.objects.all()}
        assert notes == {criteria[0].pk: ("Left last spring", False), criteria[3].pk: ("", True)}
        # The judgement moves nothing: only a coordinator moves the stage.
        assert PeerSupporter.objects.get(pk=cast.quinn_profile.pk).stage == "active"
    with connection.cursor() as cursor:
        cursor.execute("SELECT reasons FROM recruitment_readinessconversation")
        assert "close" not in cursor.fetchone()[0]
        cursor.execute("SELECT note FROM recruitment_criterionnote WHERE note != ''")
        assert "spring" not in cursor.fetchone()[0]


def test_not_yet_needs_when_to_talk_again_and_the_form_keeps_what_was_typed(cast, client_for):
    url = reverse("recruitment:readiness", args=[cast.quinn_profile.pk])
    response = client_for("cleo").post(
        url, {"held_on": date.today().isoformat(), "judgement": "not_yet", "reasons": "Needs more time"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Say when to talk again." in body and "Needs more time" in body
    with organisation_scope(cast.riverside):
        assert not ReadinessConversation.objects.exists()


def test_a_judgement_needs_its_reasons(in_riverside):
    with pytest.raises(services.RecruitmentError):
        services.record_conversation(
            in_riverside.pat_profile, by=in_riverside.cleo, held_on=date.today(), judgement="ready", reasons=" "
        )


def test_nothing_adds_up_nothing_decides_and_nothing_screens_anyone_out():
    """No score, total or outcome computed from the answers; no field about convictions or schooling."""
    forbidden = ("score", "total", "points", "conviction", "criminal", "record_check", "school", "education", "degree")
    for model in (m for m in vars(recruitment_models).values() if isinstance(m, type) and issubclass(m, models.Model)):
        if model._meta.abstract or model._meta.app_label != "recruitment":
            continue
        for field in model._meta.get_fields():
            assert not any(word in field.name for word in forbidden), f"{model.__name__}.{field.name}"
            assert not isinstance(field, models.FloatField | models.DecimalField), f"{model.__name__}.{field.name}"
    # The only numbers are a criterion's order and the organisation's own threshold (a reminder).
    numbers = {f.name for f in ReadinessCriterion._meta.get_fields() if isinstance(f, models.PositiveSmallIntegerField)}
    assert numbers == {"threshold_years"}


def test_barriers_are_kept_privately_with_the_help_offered_and_cleared_or_not(cast, client_for):
    url = reverse("recruitment:barriers", args=[cast.pat_profile.pk])
    client = client_for("cleo")
    assert client.post(url, {"action": "add", "what": "", "help_offered": ""}).status_code == 200
    response = client.post(
        url, {"action": "add", "what": "Enhanced background check", "help_offered": "We cover the fee"}
    )
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        barrier = recruitment_models.Barrier.objects.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT what, help_offered FROM recruitment_barrier")
        assert not any("background" in v or "fee" in v for v in cursor.fetchone())
    assert client.post(url, {"action": "close", "barrier": barrier.pk, "status": "cleared"}).status_code == 302
    with organisation_scope(cast.riverside):
        barrier.refresh_from_db()
        assert (barrier.status, barrier.closed_on) == ("cleared", date.today())
    # Another supporter's barrier is not reached through this address.
    other = reverse("recruitment:barriers", args=[cast.quinn_profile.pk])
    assert client.post(other, {"action": "close", "barrier": barrier.pk, "status": "open"}).status_code == 404
