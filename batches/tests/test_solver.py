"""The solver, as plain data: every rule kept on every generated instance, never worse than greedy,
and on small instances exactly as good as trying every assignment."""

from __future__ import annotations

from collections import Counter
from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from batches.solver import BatchProblem, PeerNeed, PinRefused, SupporterRoom, Unplaced, greedy, solve


@st.composite
def problems(draw, most_peers=6, most_supporters=4, most_places=3, with_pins=True):
    n = draw(st.integers(0, most_peers))
    m = draw(st.integers(0, most_supporters))
    peers = tuple(PeerNeed(i + 1, draw(st.booleans())) for i in range(n))
    supporters = tuple(SupporterRoom(100 + j, draw(st.integers(0, most_places)), draw(st.booleans())) for j in range(m))
    fit = [[draw(st.integers(0, 100)) for _ in range(m)] for _ in range(n)]
    pairs = [(p.peer_id, s.supporter_id) for p in peers for s in supporters]
    blocked = frozenset(draw(st.lists(st.sampled_from(pairs), max_size=4))) if pairs else frozenset()
    forbidden = frozenset(draw(st.lists(st.sampled_from(pairs), max_size=2))) if pairs else frozenset()
    pinned = tuple(draw(st.lists(st.sampled_from(pairs), max_size=2))) if pairs and with_pins else ()
    return BatchProblem(peers, supporters, fit, draw(st.integers(0, 100)), blocked, forbidden, pinned)


def breaks(problem: BatchProblem, proposal) -> list[str]:
    """Every rule the proposal breaks."""
    fit = {
        (p.peer_id, s.supporter_id): problem.fit[i][j]
        for i, p in enumerate(problem.peers)
        for j, s in enumerate(problem.supporters)
    }
    one_to_one = {p.peer_id for p in problem.peers if p.one_to_one}
    rooms = {s.supporter_id: s for s in problem.supporters}
    wrong = []
    peers = Counter(pair.peer_id for pair in proposal.pairs)
    if any(count > 1 for count in peers.values()):
        wrong.append("a peer placed twice")
    for supporter_id, count in Counter(pair.supporter_id for pair in proposal.pairs).items():
        if count > rooms[supporter_id].places:
            wrong.append(f"supporter {supporter_id} over capacity")
    for pair in proposal.pairs:
        key = (pair.peer_id, pair.supporter_id)
        if key in problem.blocked:
            wrong.append(f"blocked pair {key}")
        if key in problem.forbidden:
            wrong.append(f"forbidden pair {key}")
        if fit[key] < problem.good_enough or pair.fit != fit[key]:
            wrong.append(f"below good enough {key}")
        if pair.peer_id in one_to_one and not rooms[pair.supporter_id].may_work_alone:
            wrong.append(f"one-to-one with a supporter not allowed alone {key}")
    placed_or_not = set(peers) | {peer_id for peer_id, _ in proposal.unplaced}
    if placed_or_not != {p.peer_id for p in problem.peers} or len(proposal.unplaced) + len(peers) != len(problem.peers):
        wrong.append("a peer is neither placed nor said to be unplaced")
    return wrong


def best_by_trying_everything(problem: BatchProblem) -> tuple[int, int]:
    """(peers matched, total fit) of the best assignment, pins first, by enumeration."""
    base = greedy(
        BatchProblem(
            problem.peers,
            problem.supporters,
            problem.fit,
            problem.good_enough,
            problem.blocked,
            problem.forbidden,
            problem.pinned,
        )
    )
    pinned = {pair.peer_id: pair.supporter_id for pair in base.pairs if pair.pinned}
    options = []
    for peer in problem.peers:
        if peer.peer_id in pinned:
            options.append(
                [next(j for j, s in enumerate(problem.supporters) if s.supporter_id == pinned[peer.peer_id])]
            )
        else:
            options.append([None, *range(len(problem.supporters))])
    best = (-1, -1)
    for choice in product(*options):
        used = Counter(j for j in choice if j is not None)
        if any(used[j] > problem.supporters[j].places for j in used):
            continue
        total, count, ok = 0, 0, True
        for i, j in enumerate(choice):
            if j is None:
                continue
            peer, supporter = problem.peers[i], problem.supporters[j]
            key = (peer.peer_id, supporter.supporter_id)
            if (
                problem.fit[i][j] < problem.good_enough
                or key in problem.blocked
                or key in problem.forbidden
                or (peer.one_to_one and not supporter.may_work_alone)
            ):
                ok = False
                break
            total, count = total + problem.fit[i][j], count + 1
        if ok:
            best = max(best, (count, total))
    return best


@settings(max_examples=300, deadline=None)
@given(problems())
def test_no_proposal_breaks_a_block_a_capacity_the_one_to_one_rule_or_the_threshold(problem):
    assert breaks(problem, solve(problem)) == []
    assert breaks(problem, greedy(problem)) == []


@settings(max_examples=300, deadline=None)
@given(problems())
def test_the_optimum_never_matches_fewer_peers_than_greedy(problem):
    best, baseline = solve(problem), greedy(problem)
    assert best.matched >= baseline.matched
    if best.matched == baseline.matched:
        assert best.total_fit >= baseline.total_fit


@settings(max_examples=200, deadline=None)
@given(problems(most_peers=5, most_supporters=3, most_places=2))
def test_on_small_instances_it_equals_trying_every_assignment(problem):
    proposal = solve(problem)
    assert (proposal.matched, proposal.total_fit) == best_by_trying_everything(problem)


@settings(max_examples=200, deadline=None)
@given(problems())
def test_pins_that_keep_the_rules_are_kept(problem):
    proposal = solve(problem)
    kept = {(p.peer_id, p.supporter_id) for p in proposal.pairs if p.pinned}
    refused = {(peer, supporter) for peer, supporter, _ in proposal.pins_refused}
    assert kept | refused == set(problem.pinned)
    for peer, supporter, why in proposal.pins_refused:
        if why is PinRefused.NOT_AVAILABLE:
            assert (peer, supporter) not in kept


def test_greedy_spends_the_rare_language_and_the_optimum_does_not():
    # Two peers, two supporters: the first peer fits both, the second only the supporter who shares
    # their language. Greedy gives the first peer the rare supporter; the optimum matches both.
    peers = (PeerNeed(1), PeerNeed(2))
    supporters = (SupporterRoom(10, 1), SupporterRoom(11, 1))
    problem = BatchProblem(peers, supporters, [[90, 80], [95, 10]], good_enough=50)
    assert greedy(BatchProblem(peers, supporters, [[95, 80], [90, 10]], good_enough=50)).matched == 1
    best = solve(BatchProblem(peers, supporters, [[95, 80], [90, 10]], good_enough=50))
    assert best.matched == 2 and best.supporter_of() == {1: 11, 2: 10}
    assert solve(problem).matched == 2


def test_a_blocked_pair_is_never_made_even_when_it_fits_best():
    problem = BatchProblem(
        (PeerNeed(1),),
        (SupporterRoom(10, 1), SupporterRoom(11, 1)),
        [[100, 60]],
        good_enough=50,
        blocked=frozenset({(1, 10)}),
    )
    assert solve(problem).supporter_of() == {1: 11}
    only = BatchProblem((PeerNeed(1),), (SupporterRoom(10, 1),), [[100]], good_enough=50, blocked=frozenset({(1, 10)}))
    assert solve(only).pairs == () and solve(only).unplaced == ((1, Unplaced.NO_GOOD_FIT),)


def test_a_pin_on_a_blocked_pair_is_refused_as_not_available():
    problem = BatchProblem(
        (PeerNeed(1),),
        (SupporterRoom(10, 1),),
        [[100]],
        good_enough=50,
        blocked=frozenset({(1, 10)}),
        pinned=((1, 10),),
    )
    assert solve(problem).pins_refused == ((1, 10, PinRefused.NOT_AVAILABLE),)
    assert solve(problem).pairs == ()


def test_a_one_to_one_peer_waits_rather_than_go_to_someone_not_yet_allowed_alone():
    problem = BatchProblem(
        (PeerNeed(1, one_to_one=True), PeerNeed(2)),
        (SupporterRoom(10, 2, may_work_alone=False),),
        [[90], [70]],
        good_enough=50,
    )
    proposal = solve(problem)
    assert proposal.supporter_of() == {2: 10}
    assert proposal.unplaced == ((1, Unplaced.NO_GOOD_FIT),)


def test_nobody_is_placed_below_good_enough_and_a_full_supporter_is_said_so():
    problem = BatchProblem(
        (PeerNeed(1), PeerNeed(2), PeerNeed(3)), (SupporterRoom(10, 1),), [[49], [80], [70]], good_enough=50
    )
    proposal = solve(problem)
    assert proposal.supporter_of() == {2: 10}
    assert dict(proposal.unplaced) == {1: Unplaced.NO_GOOD_FIT, 3: Unplaced.PLACES_TAKEN}
