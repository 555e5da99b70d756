"""A level's training: a module the organisation requires for a level must be done before its work,
and ``may_do`` says which; training's module form offers the organisation's own levels."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from competence import services
from competence.choices import Work
from competence.models import Level
from training import services as training
from training.forms import ModuleForm

from .test_who_may_do_what import give, independent, meet_everything, new_supporter

ALONE = Work.ONE_TO_ONE_ALONE
WAITING = "Training not yet done: When someone is in crisis."


def required(cast, title: str, *codes: str):
    return training.add_module(
        by=cast.cleo, title=title, hours=2, delivery="in_person", audience="peer_supporters", required_for=list(codes)
    )


def test_a_module_required_for_the_level_waits_until_it_is_done(in_riverside):
    cast = in_riverside
    level = independent(cast.riverside)
    crisis = required(cast, "When someone is in crisis", "independent_one_to_one")
    required(cast, "Facilitating a group", "co_facilitating")  # another level's: not asked
    supporter = new_supporter(cast, "tam")
    give(supporter, level, cast.sina)
    meet_everything(supporter, level, cast.sina)
    verdict = services.verdicts(supporter)[ALONE]
    assert not verdict.allowed
    assert verdict.missing == (WAITING,)
    training.mark_done(supporter, crisis, because="prior_learning", by=cast.cleo)
    assert services.verdicts(supporter)[ALONE].allowed


def test_attending_every_session_of_it_in_a_cohort_counts(in_riverside):
    cast = in_riverside
    level = independent(cast.riverside)
    crisis = required(cast, "When someone is in crisis", "independent_one_to_one")
    supporter = new_supporter(cast, "tam")
    give(supporter, level, cast.sina)
    meet_everything(supporter, level, cast.sina)
    cohort = training.start_cohort(by=cast.cleo, name="Spring group")
    session = training.add_session(cohort, by=cast.cleo, module=crisis, on=dt.date.today() - dt.timedelta(days=3))
    place = training.enrol(cohort, supporter, by=cast.cleo)
    training.record_attendance(session, {place.pk: "excused"}, by=cast.cleo)
    assert services.verdicts(supporter)[ALONE].missing == (WAITING,)  # excused is not attended
    training.record_attendance(session, {place.pk: "present"}, by=cast.cleo)
    assert services.verdicts(supporter)[ALONE].allowed


def test_recognised_experience_stands_for_the_training_too(in_riverside):
    cast = in_riverside
    required(cast, "When someone is in crisis", "independent_one_to_one")
    supporter = new_supporter(cast, "tam")
    give(supporter, independent(cast.riverside), cast.sina, recognised=True)
    assert services.verdicts(supporter)[ALONE].allowed


def test_the_training_of_many_supporters_costs_the_same_few_queries_as_of_one(in_riverside):
    cast = in_riverside
    level = independent(cast.riverside)
    crisis = required(cast, "When someone is in crisis", "independent_one_to_one")
    people = []
    for i in range(5):
        s = new_supporter(cast, f"many{i}")
        give(s, level, cast.sina)
        meet_everything(s, level, cast.sina)
        if i % 2:
            training.mark_done(s, crisis, because="prior_learning", by=cast.cleo)
        people.append(s)

    def asked(supporters):
        with CaptureQueriesContext(connection) as captured:
            facts = services.facts_for(supporters)
        return len(captured.captured_queries), {pk: bool(f.training_missing) for pk, f in facts.items()}

    one, _ = asked(people[1:2])  # one who has done it: the titles of what is done are read too
    many, waiting = asked(people)
    assert many == one <= 7 + 5  # the level, its needs and shadowing; the modules, places and what is done
    assert waiting == {s.pk: i % 2 == 0 for i, s in enumerate(people)}


def test_the_module_form_offers_the_organisations_own_levels_by_their_names(in_riverside):
    cast = in_riverside
    level = independent(cast.riverside)
    level.name = "Working alone"
    level.save()
    Level.objects.create(organisation=cast.riverside, code="night_line", name="Night phone line", position=9)
    choices = dict(ModuleForm(organisation=cast.riverside).fields["required_for"].choices)
    assert choices["independent_one_to_one"] == "Working alone"
    assert choices["night_line"] == "Night phone line"
    module = required(cast, "When someone is in crisis", "independent_one_to_one", "night_line")
    training.name_levels([module], cast.riverside.pk)
    assert module.level_names == ["Working alone", "Night phone line"]
