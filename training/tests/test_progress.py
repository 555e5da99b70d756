"""A trainee's page shows what is done and what is missing; competence asks ``training_missing``.
A module is done when its sessions were attended, or a trainer marked it done."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from organisations.tenancy import organisation_scope
from training import services
from training.models import Module
from training.progress import Held, done_modules

from .helpers import a_cohort, signed_in

TODAY = date(2026, 12, 2)


def test_present_at_every_session_of_a_module_is_done_and_excused_is_not():
    held = [
        Held(1, 10, TODAY - timedelta(days=7), "present"),
        Held(1, 10, TODAY - timedelta(days=6), "present"),
        Held(1, 11, TODAY - timedelta(days=5), "present"),
        Held(1, 11, TODAY - timedelta(days=4), "excused"),
        Held(1, 12, TODAY - timedelta(days=3), "absent"),
        Held(1, 13, TODAY + timedelta(days=3), "present"),  # not held yet
    ]
    assert done_modules(held, [], TODAY) == {10}
    assert done_modules(held, [12], TODAY) == {10, 12}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.integers(1, 3), st.integers(1, 4), st.sampled_from(["present", "absent", "excused", ""])),
        max_size=10,
    )
)
def test_a_module_is_done_only_if_every_held_session_of_it_in_some_cohort_was_attended(rows):
    held = [Held(cohort, module, TODAY, presence) for cohort, module, presence in rows]
    done = done_modules(held, [], TODAY)
    for module in {m for _c, m, _p in rows}:
        expected = any(
            all(p == "present" for c2, m2, p in rows if (c2, m2) == (cohort, module))
            for cohort in {c for c, m, _p in rows if m == module}
        )
        assert (module in done) == expected


def left(cast, code: str) -> tuple[str, ...]:
    """The titles of the modules required for level ``code`` that Pat has not done (competence's question)."""
    return services.training_missing({cast.pat_profile.pk: (cast.pat_profile.organisation_id, code)}).get(
        cast.pat_profile.pk, ()
    )


def test_modules_done_and_missing_for_a_level(cast):
    cohort, modules, sessions = a_cohort(cast.riverside)
    with organisation_scope(cast.riverside):
        Module.objects.filter(pk__in=[m.pk for m in modules]).update(required_for=["supervised_one_to_one"])
        trainee = services.enrol(cohort, cast.pat_profile, by=cast.cleo)
        assert services.modules_done(cast.pat) == set()
        assert set(left(cast, "supervised_one_to_one")) == {m.title for m in modules}
        services.record_attendance(sessions[0], {trainee.pk: "present"}, by=cast.cleo)
        services.record_attendance(sessions[1], {trainee.pk: "excused"}, by=cast.cleo)
        assert services.modules_done(cast.pat) == {modules[0].pk}
        assert left(cast, "supervised_one_to_one") == (modules[1].title,)
        assert left(cast, "mentor") == ()
        services.mark_done(cast.pat_profile, modules[1], because="caught_up", by=cast.cleo)
        assert left(cast, "supervised_one_to_one") == ()


def test_a_module_done_in_a_cohort_another_organisation_shared_counts_by_its_title(cast):
    host_cohort, host_modules, host_sessions = a_cohort(cast.harbour, titles=("Self-care",))
    with organisation_scope(cast.harbour):
        from conftest import make_member
        from organisations.models import Role

        hal = make_member(cast.harbour, "hal", Role.ADMIN)
        share = services.invite(host_cohort, cast.riverside, by=cast.hugo)
    with organisation_scope(cast.riverside):
        services.accept_share(share, by=cast.ada)
        own = Module.objects.create(
            organisation=cast.riverside,
            title="self-care",
            delivery="online",
            audience="everyone",
            required_for=["observing"],
        )
        trainee = services.enrol(host_cohort, cast.pat_profile, by=cast.cleo)
        services.record_attendance(host_sessions[0], {trainee.pk: "present"}, by=cast.cleo)
        assert services.modules_done(cast.pat) == {host_modules[0].pk}
        assert left(cast, "observing") == ()
        assert own.pk  # the organisation's own module, done through the shared cohort
    assert hal.pk


def test_the_trainees_page_shows_done_and_still_to_do(cast):
    cohort, modules, sessions = a_cohort(cast.riverside)
    with organisation_scope(cast.riverside):
        trainee = services.enrol(cohort, cast.pat_profile, by=cast.cleo)
        services.record_attendance(sessions[0], {trainee.pk: "present"}, by=cast.cleo)
    body = signed_in(cast, "pat").get(f"/supporters/{cast.pat_profile.pk}/training/").content.decode()
    assert "1 of 2 done." in body and "Still to do" in body and "Spring group" in body
    assert "Mark a module done" not in body  # only trainers mark


def test_a_coordinator_marks_a_module_done_with_a_reason_and_the_form_says_what_is_missing(cast):
    _cohort, modules, _sessions = a_cohort(cast.riverside)
    cleo, url = signed_in(cast, "cleo"), f"/supporters/{cast.pat_profile.pk}/training/"
    response = cleo.post(url, {"action": "mark_done", "module": modules[0].pk, "because": "nonsense"})
    assert response.status_code == 200 and "need another look" in response.content.decode()
    assert (
        cleo.post(url, {"action": "mark_done", "module": modules[0].pk, "because": "prior_learning"}).status_code == 302
    )
    with organisation_scope(cast.riverside):
        assert services.modules_done(cast.pat) == {modules[0].pk}


def test_a_supervisor_sees_a_supervisees_progress_but_cannot_mark_it(cast):
    _cohort, modules, _sessions = a_cohort(cast.riverside)
    sina, url = signed_in(cast, "sina"), f"/supporters/{cast.pat_profile.pk}/training/"
    assert sina.get(url).status_code == 200
    assert sina.post(url, {"action": "mark_done", "module": modules[0].pk, "because": "caught_up"}).status_code == 404
    assert sina.get(f"/supporters/{cast.rio_profile.pk}/training/").status_code == 404  # not theirs
    for name in ("quinn", "stef", "eve", "hugo"):
        assert signed_in(cast, name).get(url).status_code == 404, name
