"""A cohort shared by two organisations on one installation: the host invites, the other's admin
accepts, and each sees only its own trainees and their attendance. Tried as an attacker: another
organisation's admin, a coordinator who is not an admin, an invitation not yet accepted, a withdrawn one."""

from __future__ import annotations

import pytest

from audit.models import Action, AuditEvent
from conftest import make_member
from organisations.models import Role
from organisations.tenancy import all_organisations, organisation_scope
from training import services
from training.models import Attendance, CohortShare, ShareStatus, Trainee

from .helpers import a_cohort, signed_in


@pytest.fixture
def shared(cast):
    """Riverside's cohort with quinn in it, Harbour invited; hal is Harbour's admin."""
    cast.members["hal"] = make_member(cast.harbour, "hal", Role.ADMIN)
    cohort, modules, sessions = a_cohort(cast.riverside)
    with organisation_scope(cast.riverside):
        services.enrol(cohort, cast.quinn_profile, by=cast.cleo)
        share = services.invite(cohort, cast.harbour, by=cast.cleo)
    cast.cohort, cast.sessions, cast.share = cohort, sessions, share
    return cast


def _accept(cast):
    response = signed_in(cast, "hal").post("/training/", {"action": "accept", "share": cast.share.pk})
    assert response.status_code == 302
    with organisation_scope(cast.harbour):
        services.enrol(cast.cohort, cast.hana_profile, by=cast.hugo)


def _denied(user) -> int:
    return AuditEvent.objects.filter(actor=user, action=Action.DENIED).count()


def test_once_accepted_each_organisation_sees_only_its_own_trainees(shared):
    cast = shared
    _accept(cast)
    session = cast.sessions[0]
    riverside, harbour = signed_in(cast, "cleo"), signed_in(cast, "hugo")
    for client, own, other in ((riverside, "Quinn", "Hana"), (harbour, "Hana", "Quinn")):
        for url in (f"/training/cohorts/{cast.cohort.pk}/", f"/training/sessions/{session.pk}/"):
            body = client.get(url).content.decode()
            assert own in body and other not in body, (url, own)
    # Each records its own; neither's attendance is read by the other.
    with organisation_scope(cast.riverside):
        quinn = Trainee.objects.get(supporter=cast.quinn_profile)
    with organisation_scope(cast.harbour):
        hana = Trainee.objects.get(supporter=cast.hana_profile)
    assert riverside.post(f"/training/sessions/{session.pk}/", {f"presence_{quinn.pk}": "present"}).status_code == 302
    assert harbour.post(f"/training/sessions/{session.pk}/", {f"presence_{hana.pk}": "excused"}).status_code == 302
    with organisation_scope(cast.riverside):
        assert services.presence_at(session) == {quinn.pk: "present"}
        assert list(Trainee.objects.filter(cohort=cast.cohort)) == [quinn]
    with organisation_scope(cast.harbour):
        assert services.presence_at(session) == {hana.pk: "excused"}
    # The host's page shows only its own trainee's choice, never the guest's.
    body = riverside.get(f"/training/sessions/{session.pk}/").content.decode()
    assert body.count("checked") == 1 and 'value="present" checked' in body


def test_a_guest_cannot_mark_the_hosts_trainees_nor_the_host_the_guests(shared):
    cast = shared
    _accept(cast)
    session = cast.sessions[0]
    with organisation_scope(cast.riverside):
        quinn = Trainee.objects.get(supporter=cast.quinn_profile)
    with organisation_scope(cast.harbour):
        hana = Trainee.objects.get(supporter=cast.hana_profile)
        with pytest.raises(services.TrainingError):
            services.record_attendance(session, {quinn.pk: "absent"}, by=cast.hugo)
    # Through the page, a forged field for the other organisation's trainee is not even read.
    signed_in(cast, "hugo").post(f"/training/sessions/{session.pk}/", {f"presence_{quinn.pk}": "absent"})
    signed_in(cast, "cleo").post(f"/training/sessions/{session.pk}/", {f"presence_{hana.pk}": "absent"})
    with all_organisations():
        assert not Attendance.objects.exists()


def test_an_invitation_not_yet_accepted_opens_nothing(shared):
    cast = shared
    hugo, before = signed_in(cast, "hugo"), _denied(cast.user("hugo"))
    assert hugo.get(f"/training/cohorts/{cast.cohort.pk}/").status_code == 404
    assert hugo.get(f"/training/sessions/{cast.sessions[0].pk}/").status_code == 404
    assert (
        hugo.post(
            f"/training/cohorts/{cast.cohort.pk}/", {"action": "enrol", "supporter": cast.hana_profile.pk}
        ).status_code
        == 404
    )
    assert _denied(cast.user("hugo")) == before + 3
    with organisation_scope(cast.harbour), pytest.raises(services.TrainingError):
        services.enrol(cast.cohort, cast.hana_profile, by=cast.hugo)
    assert "Spring group" not in hugo.get("/training/").content.decode()


def test_only_the_invited_organisations_admin_accepts(shared):
    cast = shared
    # Harbour's coordinator is not its admin; Riverside's own admin cannot accept on Harbour's behalf.
    for name in ("hugo", "ada"):
        before = _denied(cast.user(name))
        response = signed_in(cast, name).post("/training/", {"action": "accept", "share": cast.share.pk})
        assert response.status_code == 404, name
        assert _denied(cast.user(name)) == before + 1
    with organisation_scope(cast.riverside), pytest.raises(services.TrainingError):
        services.accept_share(cast.share, by=cast.ada)
    with all_organisations():
        assert CohortShare.objects.get().status == ShareStatus.INVITED
    # Ids of every shape: a plain 404, never a 500.
    for wrong in ("", "x", "99999999999999999999999", str(cast.share.pk + 1000)):
        assert signed_in(cast, "hal").post("/training/", {"action": "accept", "share": wrong}).status_code == 404


def test_a_withdrawn_share_opens_nothing_and_cannot_be_accepted_again(shared):
    cast = shared
    _accept(cast)
    response = signed_in(cast, "cleo").post(
        f"/training/cohorts/{cast.cohort.pk}/", {"action": "withdraw", "share": cast.share.pk}
    )
    assert response.status_code == 302
    hugo = signed_in(cast, "hugo")
    assert hugo.get(f"/training/cohorts/{cast.cohort.pk}/").status_code == 404
    assert hugo.post(f"/training/sessions/{cast.sessions[0].pk}/", {}).status_code == 404
    signed_in(cast, "hal").post("/training/", {"action": "accept", "share": cast.share.pk})
    with all_organisations():
        assert CohortShare.objects.get().status == ShareStatus.WITHDRAWN
    # Hana's place stays Harbour's (her history), and still never shows to Riverside.
    body = signed_in(cast, "cleo").get(f"/training/cohorts/{cast.cohort.pk}/").content.decode()
    assert "Hana" not in body


def test_the_guest_adds_no_sessions_and_invites_nobody(shared):
    cast = shared
    _accept(cast)
    with organisation_scope(cast.harbour):
        with pytest.raises(services.TrainingError):
            services.add_session(cast.cohort, by=cast.hugo, module=cast.sessions[0].module, on=cast.sessions[0].on)
        with pytest.raises(services.TrainingError):
            services.invite(cast.cohort, cast.harbour, by=cast.hugo)


def test_accepting_is_in_both_organisations_logs(shared):
    cast = shared
    _accept(cast)
    with all_organisations():
        logged = set(
            AuditEvent.objects.filter(record_type="cohortshare", reason="shared cohort accepted").values_list(
                "organisation_id", flat=True
            )
        )
    assert logged == {cast.riverside.pk, cast.harbour.pk}
