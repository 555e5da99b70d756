"""A supporter's level, sign-offs and shadowing: who sees them, who changes them, and the page's cost."""

from __future__ import annotations

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from competence import services
from competence.models import Level, LevelChange, Shadowing, SignOff
from conftest import make_member, make_supporter, queries_asked
from organisations.models import Role
from organisations.tenancy import organisation_scope


def page(supporter) -> str:
    return f"/supporters/{supporter.pk}/competence/"


def test_a_supporter_sees_their_own_level_and_what_is_missing(cast, client_for):
    with organisation_scope(cast.riverside):
        observing = Level.objects.get(organisation=cast.riverside, code="observing")
        services.change_level(cast.pat_profile, observing, by=cast.sina, reason="Starting again gently.")
    response = client_for("pat").get(page(cast.pat_profile))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Observing" in text and "Their level, Observing, does not include this work." in text
    assert "Starting again gently." in text
    assert "Sign off a competence" not in text  # they see, they do not sign themselves off


@pytest.mark.parametrize("who", ["quinn", "rio", "sol", "stef", "eve", "hugo", "hana"])
def test_nobody_else_sees_a_supporters_record(cast, client_for, who):
    assert client_for(who).get(page(cast.pat_profile)).status_code == 404


@pytest.mark.parametrize("who", ["pat", "quinn", "sol", "stef", "eve"])
def test_only_their_supervisor_or_a_coordinator_opens_the_forms(cast, client_for, who):
    client = client_for(who)
    for form in ("sign-off", "level", "shadowing"):
        assert client.get(f"{page(cast.pat_profile)}{form}/").status_code == 404


def test_their_supervisor_signs_off_with_evidence_and_the_note_is_kept_encrypted(cast, client_for):
    client = client_for("sina")
    with organisation_scope(cast.riverside):
        competence = Level.objects.get(organisation=cast.riverside, code="observing").competences.first()
    response = client.post(
        f"{page(cast.pat_profile)}sign-off/",
        {"competence": competence.pk, "evidence": "role_play", "reference": "Week 6", "signed_on":
         timezone.localdate().isoformat(), "note": "Kind and clear."},
    )  # fmt: skip
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        row = SignOff.objects.get(supporter=cast.pat_profile)
        assert row.signed_by == cast.sina and row.note == "Kind and clear."
        assert AuditEvent.objects.filter(record_type="signoff", action="create").exists()
    assert "Kind and clear." in client.get(page(cast.pat_profile)).content.decode()


def test_bad_input_comes_back_with_what_to_fix_and_nothing_saved(cast, client_for):
    client = client_for("cleo")
    tomorrow = (timezone.localdate() + timezone.timedelta(days=1)).isoformat()
    response = client.post(f"{page(cast.pat_profile)}sign-off/", {"evidence": "nonsense", "signed_on": tomorrow})
    assert response.status_code == 200 and "cannot be dated in the future" in response.content.decode()
    response = client.post(f"{page(cast.pat_profile)}level/", {"level": "999999", "reason": ""})
    assert response.status_code == 200
    response = client.post(f"{page(cast.pat_profile)}shadowing/", {"colleague": cast.pat.pk, "work": "group"})
    assert response.status_code == 200  # not themselves: not offered, and no date
    with organisation_scope(cast.riverside):
        assert not SignOff.objects.filter(supporter=cast.pat_profile).exists()
        assert not Shadowing.objects.exists()


def test_a_coordinator_raises_a_level_and_records_shadowing(cast, client_for):
    client = client_for("cleo")
    with organisation_scope(cast.riverside):
        mentor = Level.objects.get(organisation=cast.riverside, code="mentor")
    response = client.post(f"{page(cast.quinn_profile)}level/", {"level": mentor.pk, "reason": "Years of steady work."})
    assert response.status_code == 302
    response = client.post(
        f"{page(cast.quinn_profile)}shadowing/",
        {"direction": "shadowed_them", "colleague": cast.rio.pk, "happened_on": timezone.localdate().isoformat(),
         "work": "group", "reflections": "Lovely pace."},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    with organisation_scope(cast.riverside):
        assert LevelChange.objects.filter(supporter=cast.quinn_profile, to_level=mentor).exists()
        row = Shadowing.objects.get()
        assert row.shadow == cast.rio and row.shadowed == cast.quinn
    text = client.get(page(cast.quinn_profile)).content.decode()
    assert "shadowed by Rio" in text and "Lovely pace." in text


def _many_rows(cast, n: int) -> None:
    with organisation_scope(cast.riverside):
        level = Level.objects.get(organisation=cast.riverside, code="mentor")
        competences = list(level.competences.all())
        for i in range(n):
            services.sign_off(
                cast.pat_profile, competences[i % len(competences)], by=cast.sina, evidence="training",
                signed_on=timezone.localdate(),
            )  # fmt: skip
            colleague = make_member(cast.riverside, f"col{SignOff.objects.count()}", Role.PEER_SUPPORTER)
            make_supporter(colleague)
            services.record_shadowing(
                cast.pat_profile, other=colleague, they_shadowed=bool(i % 2), by=cast.sina,
                happened_on=timezone.localdate(), work="group",
            )  # fmt: skip
            services.change_level(cast.pat_profile, level, by=[cast.sina, cast.cleo][i % 2], reason=f"Step {i}.")


def test_the_page_costs_the_same_however_many_sign_offs_shadowing_and_changes(cast, client_for):
    client = client_for("sina")
    _many_rows(cast, 2)
    few, _ = queries_asked(client, page(cast.pat_profile))
    _many_rows(cast, 8)
    many, text = queries_asked(client, page(cast.pat_profile))
    assert many == few, (few, many)
    assert "Step 7." in text


def test_the_supporters_own_page_links_to_it_with_their_level(cast, client_for):
    text = client_for("pat").get(f"/supporters/{cast.pat_profile.pk}/").content.decode()
    assert "Level, competences and shadowing" in text and "Independent one-to-one" in text
