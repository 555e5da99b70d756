"""When a module is done: pure, on plain values (no database).

A module is done for a trainee when, in some cohort they are in, the module has sessions that have
taken place and they were present at every one of them; or when a trainer marked it done, with why.
Excused is not attended: someone excused catches up, and the trainer marks it done.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Held:
    """One session of a cohort a trainee is in: its cohort, module and day, and the trainee's presence."""

    cohort_id: int
    module_id: int
    on: date
    presence: str  # "present", "absent", "excused", or "" when nothing was recorded


def done_modules(sessions: Iterable[Held], marked: Iterable[int], today: date) -> set[int]:
    by_cohort_module: dict[tuple[int, int], list[str]] = {}
    for held in sessions:
        if held.on <= today:
            by_cohort_module.setdefault((held.cohort_id, held.module_id), []).append(held.presence)
    done = set(marked)
    for (_cohort, module), presences in by_cohort_module.items():
        if presences and all(p == "present" for p in presences):
            done.add(module)
    return done


def missing(required: Iterable[tuple[int, str]], done: set[int], done_titles: set[str]) -> list[int]:
    """Of the required modules (id, title), those not done; a module of the same title done in a
    cohort another organisation shared counts, since each organisation keeps its own modules."""
    return [pk for pk, title in required if pk not in done and title.casefold() not in done_titles]
