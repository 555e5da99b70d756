"""The rule of ``competence.rules.may_do``, as a table: each requirement alone, and in combination.

A supporter who meets everything (active, a level with the work, every competence signed off, the
level's training done, the shadowing done both ways) may do the work; take away any one requirement and they may not, and the
verdict says exactly that one thing; take away several and it says each.
"""

from __future__ import annotations

from itertools import combinations
from types import MappingProxyType

import pytest

from competence.choices import Work
from competence.rules import Facts, LevelFacts, may_do

LEVEL = LevelFacts(
    name="Independent one-to-one",
    work=frozenset(Work.values),
    competences=MappingProxyType({1: "Boundaries", 2: "Safeguarding"}),
    shadowing_needed=3,
    shadowed_needed=2,
)
READY = Facts(stage="active", level=LEVEL, signed_off=frozenset({1, 2}), shadowing_done=3, shadowed_done=2)

# Each requirement, the facts without it, and the words the verdict gives for it.
TAKEN_AWAY = {
    "stage": ({"stage": "training"}, "begins once they are"),
    "level": ({"level": None}, "No responsibility level yet."),
    "work": ({"level": LevelFacts(**{**LEVEL.__dict__, "work": frozenset()})}, "does not include this work"),
    "boundaries": ({"signed_off": frozenset({2})}, "Not yet signed off: Boundaries."),
    "shadowing": ({"shadowing_done": 1}, "2 more sessions shadowing a colleague."),
    "shadowed": ({"shadowed_done": 1}, "1 more session with a colleague shadowing them."),
    "training": ({"training_missing": ("Suicide prevention",)}, "Training not yet done: Suicide prevention."),
}


def facts_without(*requirements: str) -> Facts:
    values = dict(READY.__dict__)
    for name in requirements:
        values.update(TAKEN_AWAY[name][0])
    return Facts(**values)


@pytest.mark.parametrize("work", Work.values)
def test_someone_who_meets_everything_may_do_the_work(work):
    assert may_do(READY, work).allowed and may_do(READY, work).missing == ()


@pytest.mark.parametrize("work", Work.values)
@pytest.mark.parametrize("requirement", list(TAKEN_AWAY))
def test_each_requirement_alone_is_needed_and_named(work, requirement):
    verdict = may_do(facts_without(requirement), work)
    assert not verdict.allowed
    assert len(verdict.missing) == 1 and TAKEN_AWAY[requirement][1] in verdict.missing[0]


# Without a level, the level's own needs cannot be missing: the level is.
COMBINABLE = [r for r in TAKEN_AWAY if r != "level"]


@pytest.mark.parametrize("work", [Work.ONE_TO_ONE_ALONE, Work.CO_FACILITATE_GROUP])
@pytest.mark.parametrize("requirements", [c for n in (2, 3, 5) for c in combinations(COMBINABLE, n)])
def test_in_combination_each_missing_requirement_is_named(work, requirements):
    verdict = may_do(facts_without(*requirements), work)
    assert not verdict.allowed and len(verdict.missing) == len(requirements)
    for name in requirements:
        assert any(TAKEN_AWAY[name][1] in words for words in verdict.missing)


def test_with_no_level_only_the_stage_can_be_missing_besides():
    assert may_do(facts_without("level"), Work.LEAD_GROUP).missing == ("No responsibility level yet.",)
    assert len(may_do(facts_without("level", "stage"), Work.LEAD_GROUP).missing) == 2


@pytest.mark.parametrize(
    ("stage", "supervised_or_co_facilitating", "alone_leading_or_mentoring"),
    [
        ("recruited", False, False),
        ("readiness", False, False),
        ("training", False, False),
        ("shadowing", True, False),
        ("active", True, True),
        ("paused", False, False),
        ("left", False, False),
    ],
)
def test_the_stage_opens_the_work_step_by_step(stage, supervised_or_co_facilitating, alone_leading_or_mentoring):
    facts = Facts(**{**READY.__dict__, "stage": stage})
    for work in (Work.ONE_TO_ONE_SUPERVISED, Work.CO_FACILITATE_GROUP):
        assert may_do(facts, work).allowed is supervised_or_co_facilitating
    for work in (Work.ONE_TO_ONE_ALONE, Work.LEAD_GROUP, Work.MENTOR):
        assert may_do(facts, work).allowed is alone_leading_or_mentoring


def test_a_level_includes_only_its_own_work():
    co_facilitating = LevelFacts(name="Co-facilitating groups", work=frozenset({Work.CO_FACILITATE_GROUP}))
    facts = Facts(stage="active", level=co_facilitating)
    assert may_do(facts, Work.CO_FACILITATE_GROUP).allowed
    for work in set(Work.values) - {Work.CO_FACILITATE_GROUP}:
        assert may_do(facts, work).missing == ("Their level, Co-facilitating groups, does not include this work.",)


def test_a_level_for_other_roles_does_no_direct_work():
    facts = Facts(stage="active", level=LevelFacts(name="Other roles"))
    assert not any(may_do(facts, work).allowed for work in Work.values)


def test_recognised_experience_stands_for_competences_training_and_shadowing_but_never_stage_or_level():
    recognised = Facts(
        **{**facts_without("boundaries", "shadowing", "shadowed", "training").__dict__, "recognised": True}
    )
    assert may_do(recognised, Work.ONE_TO_ONE_ALONE).allowed
    for requirement in ("stage", "work", "level"):
        facts = Facts(**{**facts_without(requirement).__dict__, "recognised": True})
        assert not may_do(facts, Work.ONE_TO_ONE_ALONE).allowed


def test_every_competence_missing_is_named_by_name():
    verdict = may_do(Facts(**{**READY.__dict__, "signed_off": frozenset()}), Work.MENTOR)
    assert verdict.missing == ("Not yet signed off: Boundaries.", "Not yet signed off: Safeguarding.")


def test_unknown_work_is_an_error_not_a_yes():
    with pytest.raises(ValueError):
        may_do(READY, "anything")


@pytest.mark.parametrize(
    ("work", "words"),
    [
        (Work.ONE_TO_ONE_SUPERVISED, "This work begins once they are shadowing or supporting peers."),
        (Work.CO_FACILITATE_GROUP, "This work begins once they are shadowing or supporting peers."),
        (Work.ONE_TO_ONE_ALONE, "This work begins once they are supporting peers, after shadowing."),
        (Work.LEAD_GROUP, "This work begins once they are supporting peers, after shadowing."),
        (Work.MENTOR, "This work begins once they are supporting peers, after shadowing."),
    ],
)
def test_the_stage_missing_says_when_that_work_begins(work, words):
    assert may_do(facts_without("stage"), work).missing == (words,)


@pytest.mark.parametrize(
    ("done", "words"),
    [
        ({"shadowing_done": 2}, "1 more session shadowing a colleague."),
        ({"shadowing_done": 0}, "3 more sessions shadowing a colleague."),
        ({"shadowed_done": 1}, "1 more session with a colleague shadowing them."),
        ({"shadowed_done": 0}, "2 more sessions with a colleague shadowing them."),
    ],
)
def test_the_shadowing_left_is_counted_in_words_one_or_many(done, words):
    assert may_do(Facts(**{**READY.__dict__, **done}), Work.ONE_TO_ONE_ALONE).missing == (words,)


def test_competences_missing_are_named_in_the_order_of_their_names_not_their_ids():
    level = LevelFacts(**{**LEVEL.__dict__, "competences": MappingProxyType({1: "Safeguarding", 2: "Boundaries"})})
    verdict = may_do(Facts(**{**READY.__dict__, "level": level, "signed_off": frozenset()}), Work.MENTOR)
    assert verdict.missing == ("Not yet signed off: Boundaries.", "Not yet signed off: Safeguarding.")


def test_unknown_work_is_named_in_the_error():
    with pytest.raises(ValueError, match="unknown work 'anything'"):
        may_do(READY, "anything")
