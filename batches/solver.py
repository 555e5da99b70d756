"""The batch solver: the best assignment of waiting peers to peer supporters with room.

Pure: plain data in, plain data out, no Django. The services load the data (fits from
``matching.core.fit``, blocked pairs from ``matching.rules.blocked_pairs``), call ``solve`` and save.

What "best" means, in order:
1. never a pair that is blocked (an exclusion), forbidden by the coordinator, below the
   organisation's good-enough fit, beyond a supporter's free places, or one-to-one with a
   supporter who may not yet work one-to-one alone;
2. the coordinator's pins first, where they keep to rule 1;
3. as many peers matched as possible (a peer would rather wait than be placed below good enough);
4. then the largest total fit.

It is solved exactly with SciPy's ``linear_sum_assignment`` on a capacity-expanded matrix: each
supporter is repeated once per free place; a pair that may be made costs ``BONUS - fit``, any other
pairing costs ``NOT_PLACED`` (the peer is left unplaced). ``NOT_PLACED - BONUS`` is larger than any
total fit, so one more peer matched always beats any gain in fit. The matrix has the smaller side as
rows, so no dummy columns are needed: every row is given a column, and a row given a pair that may not
be made is simply not placed.

``greedy`` is the baseline (each peer in turn takes the best supporter left), kept for the bench and
the tests: it spends scarce supporters (a rare language) on peers who had other options.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
from scipy.optimize import linear_sum_assignment

MOST_FIT = 100


class Unplaced(StrEnum):
    """Why a peer of the batch was not placed (said to the coordinator, never to the peer as blame)."""

    NO_GOOD_FIT = "no_good_fit"  # no supporter with room fits well enough (or may be paired with them)
    PLACES_TAKEN = "places_taken"  # the supporters who fit them were better used for others


class PinRefused(StrEnum):
    NOT_AVAILABLE = "not_available"  # blocked, forbidden, one-to-one rule, below good enough: never why
    NO_ROOM = "no_room"  # the supporter's places are taken by earlier pins
    PEER_ALREADY_PINNED = "peer_already_pinned"
    UNKNOWN = "unknown"  # a peer or supporter not in this batch


@dataclass(frozen=True)
class PeerNeed:
    peer_id: int
    one_to_one: bool = False  # they asked for one-to-one support


@dataclass(frozen=True)
class SupporterRoom:
    supporter_id: int
    places: int  # free places (capacity left)
    may_work_alone: bool = True  # may work one-to-one alone


@dataclass(frozen=True)
class BatchProblem:
    peers: tuple[PeerNeed, ...]
    supporters: tuple[SupporterRoom, ...]
    # fit[i][j]: the fit (0-100) of peers[i] with supporters[j].
    fit: Sequence[Sequence[int]]
    good_enough: int
    blocked: frozenset[tuple[int, int]] = frozenset()  # (peer id, supporter id): never
    forbidden: frozenset[tuple[int, int]] = frozenset()  # the coordinator said no
    pinned: tuple[tuple[int, int], ...] = ()  # the coordinator said yes, in the order they said it


@dataclass(frozen=True)
class Pair:
    peer_id: int
    supporter_id: int
    fit: int
    pinned: bool = False


@dataclass(frozen=True)
class Proposal:
    pairs: tuple[Pair, ...]
    unplaced: tuple[tuple[int, Unplaced], ...]
    pins_refused: tuple[tuple[int, int, PinRefused], ...] = field(default=())

    @property
    def matched(self) -> int:
        return len(self.pairs)

    @property
    def total_fit(self) -> int:
        return sum(pair.fit for pair in self.pairs)

    def supporter_of(self) -> dict[int, int]:
        return {pair.peer_id: pair.supporter_id for pair in self.pairs}


def allowed_matrix(problem: BatchProblem) -> np.ndarray:
    """Which pairs may be made at all (rule 1 without capacity), as a peers x supporters boolean matrix."""
    n, m = len(problem.peers), len(problem.supporters)
    fit = np.asarray(problem.fit, dtype=np.int64).reshape(n, m)
    ok = fit >= problem.good_enough
    alone = np.array([s.may_work_alone for s in problem.supporters], dtype=bool)
    wants_one = np.array([p.one_to_one for p in problem.peers], dtype=bool)
    ok &= ~(wants_one[:, None] & ~alone[None, :])
    never = problem.blocked | problem.forbidden
    if never:
        row = {p.peer_id: i for i, p in enumerate(problem.peers)}
        col = {s.supporter_id: j for j, s in enumerate(problem.supporters)}
        for peer_id, supporter_id in never:
            i, j = row.get(peer_id), col.get(supporter_id)
            if i is not None and j is not None:
                ok[i, j] = False
    return ok


def _apply_pins(problem: BatchProblem, ok: np.ndarray, fit: np.ndarray):
    """The pins that keep to the rules, the places left after them, and the pins refused."""
    row = {p.peer_id: i for i, p in enumerate(problem.peers)}
    col = {s.supporter_id: j for j, s in enumerate(problem.supporters)}
    places = [max(s.places, 0) for s in problem.supporters]
    pairs: list[Pair] = []
    refused: list[tuple[int, int, PinRefused]] = []
    pinned_rows: set[int] = set()
    for peer_id, supporter_id in problem.pinned:
        i, j = row.get(peer_id), col.get(supporter_id)
        if i is None or j is None:
            refused.append((peer_id, supporter_id, PinRefused.UNKNOWN))
        elif i in pinned_rows:
            refused.append((peer_id, supporter_id, PinRefused.PEER_ALREADY_PINNED))
        elif not ok[i, j]:
            refused.append((peer_id, supporter_id, PinRefused.NOT_AVAILABLE))
        elif places[j] <= 0:
            refused.append((peer_id, supporter_id, PinRefused.NO_ROOM))
        else:
            places[j] -= 1
            pinned_rows.add(i)
            pairs.append(Pair(peer_id, supporter_id, int(fit[i, j]), pinned=True))
    return pairs, places, pinned_rows, refused


def _unplaced(problem, ok, rows_left, placed_rows) -> tuple[tuple[int, Unplaced], ...]:
    has_room = np.array([s.places > 0 for s in problem.supporters], dtype=bool)
    out = []
    for i in rows_left:
        if i in placed_rows:
            continue
        reason = Unplaced.PLACES_TAKEN if bool((ok[i] & has_room).any()) else Unplaced.NO_GOOD_FIT
        out.append((problem.peers[i].peer_id, reason))
    return tuple(out)


def solve(problem: BatchProblem) -> Proposal:
    """The optimal proposal: most peers matched, then the largest total fit, pins and every rule kept."""
    n, m = len(problem.peers), len(problem.supporters)
    fit = np.asarray(problem.fit, dtype=np.int64).reshape(n, m)
    ok = allowed_matrix(problem)
    pairs, places, pinned_rows, refused = _apply_pins(problem, ok, fit)

    rows = np.array([i for i in range(n) if i not in pinned_rows and ok[i].any()], dtype=np.int64)
    placed_rows: set[int] = set()
    if rows.size:
        # A supporter needs no more copies than their free places, nor than the peers who may be
        # paired with them (each peer takes one place at most).
        copies = np.minimum(np.array(places, dtype=np.int64), ok[rows].sum(axis=0))
        slot_of = np.repeat(np.arange(m), copies)
        if slot_of.size:
            sub_ok = ok[np.ix_(rows, slot_of)]
            sub_fit = fit[np.ix_(rows, slot_of)]
            bonus = MOST_FIT * (len(rows) + 1)  # more than any total fit: one more match always wins
            cost = np.where(sub_ok, bonus - sub_fit, 2 * bonus)
            transpose = cost.shape[0] > cost.shape[1]  # the smaller side as rows: no dummy columns
            r, c = linear_sum_assignment(cost.T if transpose else cost)
            if transpose:
                r, c = c, r
            for a, b in zip(r.tolist(), c.tolist(), strict=True):
                if sub_ok[a, b]:
                    i, j = int(rows[a]), int(slot_of[b])
                    placed_rows.add(i)
                    pairs.append(Pair(problem.peers[i].peer_id, problem.supporters[j].supporter_id, int(fit[i, j])))
    left = [i for i in range(n) if i not in pinned_rows]
    return Proposal(tuple(pairs), _unplaced(problem, ok, left, placed_rows), tuple(refused))


def greedy(problem: BatchProblem) -> Proposal:
    """The baseline: each peer in turn (in the order given) takes the best-fitting supporter left."""
    n, m = len(problem.peers), len(problem.supporters)
    fit = np.asarray(problem.fit, dtype=np.int64).reshape(n, m)
    ok = allowed_matrix(problem)
    pairs, places, pinned_rows, refused = _apply_pins(problem, ok, fit)
    placed_rows: set[int] = set()
    room = np.array(places, dtype=np.int64)
    for i in range(n):
        if i in pinned_rows or m == 0:
            continue
        choices = np.where(ok[i] & (room > 0), fit[i], -1)
        j = int(np.argmax(choices))
        if choices[j] >= 0:
            room[j] -= 1
            placed_rows.add(i)
            pairs.append(Pair(problem.peers[i].peer_id, problem.supporters[j].supporter_id, int(fit[i, j])))
    left = [i for i in range(n) if i not in pinned_rows]
    return Proposal(tuple(pairs), _unplaced(problem, ok, left, placed_rows), tuple(refused))
