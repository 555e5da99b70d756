"""Who may take a peer on is competence's answer (``competence.rules.may_do``), not their stage: one-to-one
work on their own, or with someone alongside. An active supporter whose level has no one-to-one work
(co-facilitating groups, other roles) or who holds no level is not suggested, nor assigned by hand; one
at the supervised level is, for a peer who did not ask for one-to-one only."""

from __future__ import annotations

import pytest

from competence.models import HeldLevel, Level
from competence.testing import allow_alone, no_level
from matching.core import LeftOut
from matching.services import suggest_for
from people.models import AssignmentKind
from people.services import AssignmentError, assign


def _quinn_holds(cast, code: str) -> None:
    level = Level.objects.get(organisation=cast.riverside, code=code)
    HeldLevel.objects.update_or_create(
        supporter=cast.quinn_profile, defaults={"organisation": cast.riverside, "level": level, "recognised": True}
    )


def _why_left_out(peer, supporter) -> str | None:
    found = suggest_for(peer)
    if supporter.pk in {s.supporter.pk for s in found.suggested}:
        return None
    return next(n.reason for n in found.left_out if n.supporter.pk == supporter.pk)


@pytest.mark.parametrize("code", ["co_facilitating", "observing", "other_roles", None])
def test_an_active_supporter_whose_level_has_no_one_to_one_work_takes_nobody_on(cast, in_riverside, code):
    if code is None:
        no_level(cast.quinn_profile)
    else:
        _quinn_holds(cast, code)
    assert cast.quinn_profile.stage == "active"
    assert _why_left_out(cast.dee, cast.quinn_profile) == LeftOut.NOT_TAKING_PEERS
    with pytest.raises(AssignmentError, match="Not taking anyone new"):
        assign(peer=cast.dee, worker=cast.quinn, by=cast.cleo, kind=AssignmentKind.PEER_SUPPORT)


def test_at_the_supervised_level_they_take_on_a_peer_who_did_not_ask_for_one_to_one_only(cast, in_riverside):
    allow_alone(cast.quinn_profile, False)
    cast.dee.support_format = "one_to_one"
    cast.dee.save()
    assert _why_left_out(cast.dee, cast.quinn_profile) == LeftOut.NOT_ALLOWED_ALONE
    cast.dee.support_format = "group"
    cast.dee.save()
    assert _why_left_out(cast.dee, cast.quinn_profile) is None
