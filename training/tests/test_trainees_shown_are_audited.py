"""A cohort's page and a session's attendance name the organisation's trainees: each trainee shown is a
read of that peer supporter's record, in the audit log (the names offered to add are a picker, as on
every form that chooses a person, and are not)."""

from __future__ import annotations

from audit.models import Action, AuditEvent
from organisations.tenancy import all_organisations, organisation_scope
from training import services

from .helpers import a_cohort, signed_in


def _read(cast, user, reason: str) -> set[str]:
    with all_organisations():
        return set(
            AuditEvent.objects.filter(actor=user, action=Action.VIEW, reason=reason).values_list("record_id", flat=True)
        )


def test_the_trainees_a_page_names_are_each_audited(cast):
    cohort, _, sessions = a_cohort(cast.riverside)
    with organisation_scope(cast.riverside):
        services.enrol(cohort, cast.quinn_profile, by=cast.cleo)
        services.enrol(cohort, cast.rio_profile, by=cast.cleo)
    cleo = signed_in(cast, "cleo")
    trainees = {str(cast.quinn_profile.pk), str(cast.rio_profile.pk)}

    body = cleo.get(f"/training/cohorts/{cohort.pk}/").content.decode()
    assert "Quinn" in body and "Rio" in body
    assert _read(cast, cast.cleo.user, "training cohort") == trainees

    body = cleo.get(f"/training/sessions/{sessions[0].pk}/").content.decode()
    assert "Quinn" in body
    assert _read(cast, cast.cleo.user, "training attendance") == trainees
    with all_organisations():
        kinds = set(
            AuditEvent.objects.filter(actor=cast.cleo.user, action=Action.VIEW).values_list("record_type", flat=True)
        )
    assert kinds == {"peersupporter"}
