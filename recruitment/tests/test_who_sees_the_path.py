"""Who sees which part of a peer supporter's path.

Coordinators and admins run recruitment and see all of it; a supervisor sees their own supervisees'
stages and judgements; the person sees their own stages, judgements and barriers; the notes per
criterion are the organisation's; evaluators and everyone else get the audited 404.
"""

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from organisations.tenancy import organisation_scope
from recruitment import services


@pytest.fixture
def path_of_pat(cast):
    with organisation_scope(cast.riverside):
        services.move_to_stage(
            cast.pat_profile, "paused", by=cast.cleo, reason="wellbeing", why="A rest after a hard month"
        )
        criterion = services.criteria_for(cast.riverside)[0]
        services.record_conversation(
            cast.pat_profile, by=cast.cleo, held_on=cast.pat_profile.started_on or __import__("datetime").date.today(),
            judgement="ready_with_support", reasons="Warm and steady listener", support_agreed="Fortnightly supervision",
            notes={criterion.pk: ("Left four years ago, settled now", True)},
        )  # fmt: skip
        services.record_barrier(
            cast.pat_profile, by=cast.cleo, what="Background check pending", help_offered="We pay the fee"
        )
    return reverse("recruitment:path", args=[cast.pat_profile.pk])


def page(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode()


def test_a_coordinator_sees_everything_on_the_path(cast, client_for, path_of_pat):
    status, body = page(client_for("cleo"), path_of_pat)
    assert status == 200
    for words in (
        "A rest after a hard month",
        "Warm and steady listener",
        "Left four years ago",
        "Background check pending",
    ):
        assert words in body


def test_a_supervisor_sees_their_supervisees_stages_and_judgement_not_the_notes_or_barriers(
    cast, client_for, path_of_pat
):
    status, body = page(client_for("sina"), path_of_pat)
    assert status == 200
    assert "A rest after a hard month" in body and "Warm and steady listener" in body
    assert "Left four years ago" not in body
    assert "Background check pending" not in body


def test_the_person_sees_their_own_stages_judgement_and_barriers_not_the_notes(cast, client_for, path_of_pat):
    status, body = page(client_for("pat"), path_of_pat)
    assert status == 200
    assert "A rest after a hard month" in body and "Warm and steady listener" in body
    assert "Background check pending" in body
    assert "Left four years ago" not in body


@pytest.mark.parametrize("who", ["sol", "quinn", "stef", "eve", "hugo"])
def test_anyone_else_gets_the_audited_404(cast, client_for, path_of_pat, who):
    status, body = page(client_for(who), path_of_pat)
    assert status == 404
    assert "Warm and steady listener" not in body
    assert AuditEvent.objects.filter(actor=cast.user(who), action=Action.DENIED).exists()


@pytest.mark.parametrize("page_name", ["move", "readiness", "barriers", "former_peer"])
@pytest.mark.parametrize("who", ["sina", "pat"])
def test_only_those_who_run_recruitment_change_a_path(cast, client_for, page_name, who):
    url = reverse(f"recruitment:{page_name}", args=[cast.pat_profile.pk])
    assert client_for(who).get(url).status_code == 404
    assert (
        client_for(who).post(url, {"stage": "left", "reason": "life", "action": "add", "what": "x"}).status_code == 404
    )
    with organisation_scope(cast.riverside):
        assert services.history_of(cast.pat_profile) == []


def test_the_supporters_page_links_to_the_path_for_those_who_see_it(cast, client_for):
    url = reverse("people:supporter_detail", args=[cast.pat_profile.pk])
    path = reverse("recruitment:path", args=[cast.pat_profile.pk])
    assert path in client_for("cleo").get(url).content.decode()
    assert path in client_for("sina").get(url).content.decode()
