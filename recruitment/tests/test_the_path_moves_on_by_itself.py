"""The path moves on by itself when training or competence says so: joining a cohort puts someone on the
way in into training; a first level with direct work puts them to shadowing. Forward only: nobody is
moved back, or brought back from a break or after moving on, without a coordinator choosing it."""

from __future__ import annotations

import pytest

from competence import services as competence
from competence.models import Level
from conftest import make_member, make_supporter
from organisations.models import Role
from people.choices import SupporterStage
from recruitment.models import StageChange
from recruitment.stages import move_along
from training import services as training


def candidate(cast, name: str, stage: str):
    return make_supporter(make_member(cast.riverside, name, Role.PEER_SUPPORTER), supervisor=cast.sina, stage=stage)


def stage_of(supporter) -> str:
    supporter.refresh_from_db()
    return supporter.stage


def moves(supporter) -> list[tuple[str, str]]:
    return list(StageChange.objects.filter(supporter=supporter).values_list("from_stage", "to_stage"))


def level(cast, code: str) -> Level:
    return Level.objects.get(organisation=cast.riverside, code=code)


def test_joining_a_cohort_moves_someone_on_the_way_in_into_training_with_its_history(in_riverside):
    cast = in_riverside
    tam = candidate(cast, "tam", SupporterStage.READINESS)
    cohort = training.start_cohort(by=cast.cleo, name="Spring group")
    training.enrol(cohort, tam, by=cast.cleo)
    assert stage_of(tam) == SupporterStage.TRAINING
    change = StageChange.objects.get(supporter=tam)
    assert (change.from_stage, change.to_stage, change.by) == ("readiness", "training", cast.cleo.user)
    assert change.why == "Joined a training cohort."
    training.enrol(cohort, tam, by=cast.cleo)  # already in it: nothing more
    assert moves(tam) == [("readiness", "training")]


def test_a_first_level_with_direct_work_moves_them_to_shadowing_and_one_without_does_not(in_riverside):
    cast = in_riverside
    tam = candidate(cast, "tam", SupporterStage.TRAINING)
    competence.change_level(tam, level(cast, "observing"), by=cast.sina, reason="Watching first.")
    assert stage_of(tam) == SupporterStage.TRAINING  # observing includes no direct work
    competence.change_level(tam, level(cast, "co_facilitating"), by=cast.sina, reason="Ready for groups.")
    assert stage_of(tam) == SupporterStage.SHADOWING
    assert moves(tam) == [("training", "shadowing")]


@pytest.mark.parametrize(
    "stage", [SupporterStage.SHADOWING, SupporterStage.ACTIVE, SupporterStage.PAUSED, SupporterStage.LEFT]
)
def test_nobody_is_moved_back_or_brought_back_by_itself(in_riverside, stage):
    cast = in_riverside
    tam = candidate(cast, "tam", stage)
    training.enrol(training.start_cohort(by=cast.cleo, name="In-service"), tam, by=cast.cleo)
    competence.change_level(tam, level(cast, "supervised_one_to_one"), by=cast.sina, reason="Ready.")
    assert stage_of(tam) == stage
    assert moves(tam) == []


def test_moving_along_goes_only_forward_along_the_way_in(in_riverside):
    cast = in_riverside
    tam = candidate(cast, "tam", SupporterStage.RECRUITED)
    assert move_along(tam, SupporterStage.SHADOWING, by=cast.cleo, why="Test.") is not None
    assert move_along(tam, SupporterStage.TRAINING, by=cast.cleo, why="Test.") is None
    assert move_along(tam, SupporterStage.SHADOWING, by=cast.cleo, why="Test.") is None
    assert moves(tam) == [("recruited", "shadowing")]
