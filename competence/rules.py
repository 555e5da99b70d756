"""May this peer supporter do this work? The one answer, as a pure function of plain data.

Matching (one-to-one alone), batches, cover and later groups ask ``may_do``; the supporter's page
shows what it says is missing. No database here: ``services.facts_for`` builds the facts in bulk.

The rule, in order (every reason that applies is given, so the page can show all that is left):
- the stage: direct work starts with shadowing (supervised one-to-one, co-facilitating); one-to-one
  alone, leading a group and mentoring wait until they are supporting peers (``active``);
- a responsibility level that includes the work (a level may include none: other roles);
- every competence the level asks for, signed off (and not expired, when the organisation uses expiry);
- every training module the organisation requires for the level, done (attended, or marked done);
- the shadowing the level asks for, both ways: sessions they shadowed a colleague in, and sessions a
  colleague shadowed them in.
Experience recognised when the level was given (someone who came experienced, or who already worked
alone before levels began) stands for the level's competences, training and shadowing, never for stage
or level.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .choices import Work

WORK = frozenset(Work.values)
# Work that may start while a supporter is still shadowing; the rest waits until they are active.
WHILE_SHADOWING = frozenset({Work.ONE_TO_ONE_SUPERVISED, Work.CO_FACILITATE_GROUP})
DIRECT_WORK_STAGES = frozenset({"shadowing", "active"})


@dataclass(frozen=True)
class LevelFacts:
    """A responsibility level, as the rule reads it."""

    name: str
    work: frozenset[str] = frozenset()
    competences: Mapping[int, str] = field(default_factory=lambda: MappingProxyType({}))  # id -> name
    shadowing_needed: int = 0  # sessions they shadow a colleague in
    shadowed_needed: int = 0  # sessions a colleague shadows them in


@dataclass(frozen=True)
class Facts:
    """What the rule knows of one supporter."""

    stage: str
    level: LevelFacts | None = None
    signed_off: frozenset[int] = frozenset()  # competence ids signed off and in date
    shadowing_done: int = 0
    shadowed_done: int = 0
    training_missing: tuple[str, ...] = ()  # titles of the level's required modules not yet done
    recognised: bool = False  # experience recognised with the level, for its competences and shadowing


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    missing: tuple[str, ...] = ()


def may_do(facts: Facts, work: str) -> Verdict:
    """Whether the supporter may do ``work`` (a ``Work`` code), and what is missing, in plain words."""
    if work not in WORK:
        raise ValueError(f"unknown work {work!r}")
    missing: list[str] = []
    stages = DIRECT_WORK_STAGES if work in WHILE_SHADOWING else frozenset({"active"})
    if facts.stage not in stages:
        if work in WHILE_SHADOWING:
            missing.append(_("This work begins once they are shadowing or supporting peers."))
        else:
            missing.append(_("This work begins once they are supporting peers, after shadowing."))
    level = facts.level
    if level is None:
        missing.append(_("No responsibility level yet."))
    else:
        if work not in level.work:
            missing.append(_("Their level, %(level)s, does not include this work.") % {"level": level.name})
        if not facts.recognised:
            for pk, name in sorted(level.competences.items(), key=lambda item: (item[1], item[0])):
                if pk not in facts.signed_off:
                    missing.append(_("Not yet signed off: %(competence)s.") % {"competence": name})
            for title in facts.training_missing:
                missing.append(_("Training not yet done: %(module)s.") % {"module": title})
            if facts.shadowing_done < level.shadowing_needed:
                left = level.shadowing_needed - facts.shadowing_done
                missing.append(
                    ngettext(
                        "%(n)d more session shadowing a colleague.",
                        "%(n)d more sessions shadowing a colleague.",
                        left,
                    )
                    % {"n": left}
                )
            if facts.shadowed_done < level.shadowed_needed:
                left = level.shadowed_needed - facts.shadowed_done
                missing.append(
                    ngettext(
                        "%(n)d more session with a colleague shadowing them.",
                        "%(n)d more sessions with a colleague shadowing them.",
                        left,
                    )
                    % {"n": left}
                )
    return Verdict(not missing, tuple(missing))
