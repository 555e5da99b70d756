"""Every training list asks the same number of questions however many rows it shows."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from conftest import make_member, make_supporter, queries_asked
from organisations.models import Role
from organisations.tenancy import organisation_scope
from training import services
from training.models import Cohort, CohortSession, Module

from .helpers import a_cohort, signed_in


def _grow(cast, cohort, n: int, start: int):
    """n more modules, sessions, trainees with attendance, and document versions."""
    org = cast.riverside
    with organisation_scope(org):
        for i in range(start, start + n):
            module = Module.objects.create(
                organisation=org, title=f"Module {i}", delivery="online", audience="everyone", required_for=["mentor"]
            )
            session = CohortSession.objects.create(
                organisation=org, cohort=cohort, module=module, on=timezone.localdate() - timedelta(days=i)
            )
            Cohort.objects.create(organisation=org, name=f"Cohort {i}")
            supporter = make_supporter(make_member(org, f"trainee{i}", Role.PEER_SUPPORTER))
            trainee = services.enrol(cohort, supporter, by=cast.cleo)
            services.enrol(cohort, cast.pat_profile, by=cast.cleo)
            services.record_attendance(session, {trainee.pk: "present"}, by=cast.cleo)
            services.mark_done(cast.pat_profile, module, because="caught_up", by=cast.cleo)
            services.publish_version(by=cast.cleo, kind=["role_description", "code_of_conduct"][i % 2], text=f"V{i}")
            services.agree(services.current_versions(org.pk)[0], by=cast.pat) if i % 2 else None


def test_the_training_pages_do_not_grow_with_their_rows(cast):
    cohort, _modules, sessions = a_cohort(cast.riverside)
    cleo, pat = signed_in(cast, "cleo"), signed_in(cast, "pat")
    pages = [
        (cleo, "/training/"),
        (cleo, f"/training/cohorts/{cohort.pk}/"),
        (cleo, f"/training/sessions/{sessions[0].pk}/"),
        (cleo, "/training/documents/"),
        (cleo, f"/supporters/{cast.pat_profile.pk}/training/"),
        (pat, f"/supporters/{cast.pat_profile.pk}/training/"),
        (pat, "/"),
    ]
    _grow(cast, cohort, 2, 0)
    before = {url + str(id(c)): queries_asked(c, url)[0] for c, url in pages}
    _grow(cast, cohort, 6, 2)
    after = {url + str(id(c)): queries_asked(c, url)[0] for c, url in pages}
    assert after == before
