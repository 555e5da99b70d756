"""A peer supporter's stage: the only code that changes it, with its history (who, when, from, to, why).

``move_to_stage`` is the coordinator's move (recruitment's page); ``move_along`` is the path moving on by
itself when training or competence says so (joining a cohort, a first level with direct work): forward
only, never out of a break or after moving on, so nobody is moved back or brought back silently. Kept
apart from ``services`` so that training and competence may call it (``services`` asks matching).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import audit
from audit.models import Action
from organisations.models import Membership
from people.choices import SupporterStage
from people.models import PeerSupporter

from .models import NEEDS_A_REASON, MovingOnReason, StageChange

# The way in, in order: ``move_along`` only ever moves someone further along it.
THE_WAY_IN = (
    SupporterStage.RECRUITED,
    SupporterStage.READINESS,
    SupporterStage.TRAINING,
    SupporterStage.SHADOWING,
    SupporterStage.ACTIVE,
)


class RecruitmentError(ValueError):
    pass


@transaction.atomic
def move_to_stage(
    supporter: PeerSupporter, stage: str, *, by: Membership, why: str = "", reason: str = ""
) -> StageChange:
    """Move a peer supporter to another stage, keeping who, when, from, to and why.

    Pausing or moving on needs a reason from the list ("something else" needs words): nobody is
    dropped silently. Anyone paused or moved on may come back to any stage later.
    """
    if stage not in SupporterStage.values:
        raise RecruitmentError(_("Choose a stage."))
    locked = PeerSupporter.objects.select_for_update().get(pk=supporter.pk)
    if locked.stage == stage:
        raise RecruitmentError(_("They are at that stage already."))
    why = why.strip()
    if stage in NEEDS_A_REASON:
        if reason not in MovingOnReason.values:
            raise RecruitmentError(_("Say why: choose a reason from the list."))
        if reason == MovingOnReason.OTHER and not why:
            raise RecruitmentError(_("Say in a few words why."))
    else:
        reason = ""
    change = StageChange.objects.create(
        organisation_id=supporter.organisation_id,
        supporter=locked,
        from_stage=locked.stage,
        to_stage=stage,
        reason=reason,
        why=why,
        by=by.user,
    )
    locked.stage = stage
    locked.save(update_fields=["stage"])
    supporter.stage = stage
    audit(by.user, Action.UPDATE, locked, reason=f"stage: {change.from_stage} → {stage}")
    return change


@transaction.atomic
def move_along(supporter: PeerSupporter, stage: str, *, by: Membership, why: str) -> StageChange | None:
    """Move someone on the way in further along it, to ``stage``, when they are not there or past it yet.

    Nothing happens to someone at ``stage`` or beyond it, taking a break or moved on: a move back, or a
    return, is a coordinator's choice (``move_to_stage``). ``why`` names what moved them (no person's name).
    """
    # Read under the row's lock (``move_to_stage`` takes it again), so a move made meanwhile is seen.
    current = PeerSupporter.objects.select_for_update().filter(pk=supporter.pk).values_list("stage", flat=True).first()
    if current not in THE_WAY_IN or THE_WAY_IN.index(current) >= THE_WAY_IN.index(stage):
        return None
    return move_to_stage(supporter, stage, by=by, why=why)
