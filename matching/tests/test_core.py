"""The pure core: the fit, the ranking and the one pairing rule, on plain data (no database)."""

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from matching import core
from matching.core import LeftOut, PairingFacts, PeerWish, Period, SupporterOffer, Weights

PEER, SUPPORTER = core.PEER, core.SUPPORTER


def a_peer(**fields) -> PeerWish:
    return PeerWish(peer_id=1, **fields)


def a_supporter(supporter_id: int = 10, **fields) -> SupporterOffer:
    values = {"capacity_left": 3, "may_work_alone": True, **fields}
    return SupporterOffer(supporter_id=supporter_id, **values)


def criterion(fit: core.Fit, code: str) -> core.CriterionFit:
    return next(c for c in fit.criteria if c.criterion == code)


# --- the fit ---------------------------------------------------------------------------------


def test_a_supporter_who_fits_every_wish_scores_100():
    peer = a_peer(
        primary_need="trafficking",
        languages=frozenset({"ro"}),
        supporter_language="ro",
        supporter_gender="woman",
        supporter_age="25_34",
        supporter_culture="Roma",
        support_format="one_to_one",
        support_modes=frozenset({"online"}),
        availability=frozenset({"mon_evening"}),
    )
    supporter = a_supporter(
        lived_experience=frozenset({"trafficking"}),
        languages=frozenset({"ro", "en"}),
        gender="woman",
        age_band="25_34",
        culture="roma community",
        support_modes=frozenset({"online", "phone"}),
        availability=frozenset({"mon_evening", "tue_morning"}),
    )
    fit = core.fit(peer, supporter)
    assert fit.score == 100
    assert [c.criterion for c in fit.criteria] == list(core.Criterion.ALL)
    assert all(c.points == c.most for c in fit.criteria)


def test_each_criterion_explains_itself_with_a_reason_code():
    fit = core.fit(a_peer(supporter_gender="man", languages=frozenset({"fr"})), a_supporter(gender="woman"))
    assert criterion(fit, "gender").reason == "not_as_wished" and criterion(fit, "gender").points == 0
    assert criterion(fit, "language").reason == "no_shared_language"
    assert 0 <= fit.score < 100


def test_the_peers_own_priorities_override_the_organisations_weights():
    peer = a_peer(supporter_gender="woman", priorities={"gender": 5, "language": 0})
    fit = core.fit(peer, a_supporter(gender="woman"), Weights({"gender": 1, "language": 4}))
    assert criterion(fit, "gender").most == 5 * core.POINTS_PER_WEIGHT
    assert criterion(fit, "language").most == 0


def test_a_peer_who_would_rather_have_staff_without_lived_experience_is_offered_them_first():
    peer = a_peer(primary_need="trafficking", prefers_staff_without_lived_experience=True)
    staff = a_supporter(11, is_staff_without_lived_experience=True)
    survivor = a_supporter(12, lived_experience=frozenset({"trafficking"}))
    ranking = core.rank(peer, [survivor, staff], good_enough=0)
    assert [s.supporter_id for s in ranking.suggested] == [11, 12]
    assert criterion(ranking.suggested[0].fit, "lived_experience").reason == "staff_as_wished"


def test_weights_are_kept_between_nothing_and_the_most():
    weights = Weights({"gender": 99, "language": -3, "unknown": 4})
    assert weights.of("gender") == core.MOST_WEIGHT and weights.of("language") == 0 and weights.of("unknown") == 0


def test_words_ignore_case_accents_and_punctuation():
    assert core.words("Église Saint-Michel") == core.words("eglise saint michel")
    assert core.normalised("  The  Mill-Road ") == "the mill road"


# --- the ranking -----------------------------------------------------------------------------


def test_the_ranking_says_why_each_other_supporter_was_left_out():
    peer = a_peer(languages=frozenset({"ro"}), support_format="one_to_one")
    supporters = [
        a_supporter(1, languages=frozenset({"ro"})),
        a_supporter(2, languages=frozenset({"ro"}), capacity_left=0),
        a_supporter(3, languages=frozenset({"ro"}), may_work_alone=False),
        a_supporter(4, languages=frozenset({"en"})),
        a_supporter(5, languages=frozenset({"ro"}), taking_peers=False),
        a_supporter(6, languages=frozenset({"ro"})),
    ]
    ranking = core.rank(peer, supporters, blocked_ids={6}, good_enough=0)
    assert [s.supporter_id for s in ranking.suggested] == [1]
    assert {o.supporter_id: o.reason for o in ranking.left_out} == {
        2: LeftOut.AT_CAPACITY,
        3: LeftOut.NOT_ALLOWED_ALONE,
        4: LeftOut.NO_SHARED_LANGUAGE,
        5: LeftOut.NOT_TAKING_PEERS,
        6: LeftOut.NOT_AVAILABLE,
    }


def test_an_excluded_supporter_is_only_not_available_even_when_also_full_or_a_poor_fit():
    ranking = core.rank(a_peer(), [a_supporter(7, capacity_left=0, may_work_alone=False)], blocked_ids={7})
    assert ranking.left_out == (core.Omission(7, LeftOut.NOT_AVAILABLE, None),)


def test_below_the_good_enough_fit_nobody_is_suggested_and_the_fit_says_why():
    peer = a_peer(supporter_gender="man", priorities={c: 0 for c in core.Criterion.ALL} | {"gender": 5})
    ranking = core.rank(peer, [a_supporter(8, gender="woman")], good_enough=50)
    assert ranking.suggested == ()
    (left,) = ranking.left_out
    assert left.reason == LeftOut.BELOW_GOOD_ENOUGH and left.fit is not None and left.fit.score == 0


def test_a_peer_who_asked_for_a_group_may_be_suggested_someone_not_yet_alone():
    ranking = core.rank(a_peer(support_format="group"), [a_supporter(9, may_work_alone=False)], good_enough=0)
    assert [s.supporter_id for s in ranking.suggested] == [9]


# --- the one pairing rule ----------------------------------------------------------------------


def facts(**fields) -> PairingFacts:
    people = [(PEER, i) for i in range(1, 6)] + [(SUPPORTER, i) for i in range(1, 6)]
    return PairingFacts(organisation=dict.fromkeys(people, 1) | fields.pop("organisation", {}), **fields)


def test_a_recorded_exclusion_keeps_two_people_apart_in_any_combination():
    f = facts(exclusions=frozenset({frozenset({(PEER, 1), (SUPPORTER, 2)}), frozenset({(PEER, 3), (PEER, 4)})}))
    assert not core.allowed((PEER, 1), (SUPPORTER, 2), f)
    assert not core.allowed((SUPPORTER, 2), (PEER, 1), f)
    assert not core.allowed((PEER, 4), (PEER, 3), f)
    assert core.allowed((PEER, 1), (SUPPORTER, 3), f)


def test_a_shared_place_to_keep_away_from_keeps_the_pair_apart():
    f = facts(keep_away={(PEER, 1): frozenset({"h1", "h2"}), (SUPPORTER, 1): frozenset({"h2"})})
    assert not core.allowed((PEER, 1), (SUPPORTER, 1), f)
    assert core.allowed((PEER, 2), (SUPPORTER, 1), f)


def test_people_of_two_organisations_or_an_erased_record_are_never_put_together():
    f = facts(organisation={(SUPPORTER, 5): 2}, out_of_reach=frozenset({(PEER, 2)}))
    assert not core.allowed((PEER, 1), (SUPPORTER, 5), f)
    assert not core.allowed((PEER, 2), (SUPPORTER, 1), f)
    assert not core.allowed((PEER, 1), (PEER, 1), f)


def test_a_former_peer_is_kept_from_those_who_had_the_same_supporter_at_overlapping_times():
    f = facts(
        former_peer={1: 5},  # supporter 1 was peer 5
        periods={
            5: (Period(100, date(2024, 1, 1), date(2024, 6, 30)),),
            1: (Period(100, date(2024, 6, 1), None),),  # same supporter, overlapping
            2: (Period(100, date(2024, 7, 1), None),),  # same supporter, after
            3: (Period(200, date(2024, 1, 1), None),),  # another supporter
        },
    )
    assert not core.allowed((SUPPORTER, 1), (PEER, 1), f)
    assert not core.allowed((SUPPORTER, 1), (PEER, 5), f)  # their own former record
    assert core.allowed((SUPPORTER, 1), (PEER, 2), f)
    assert core.allowed((SUPPORTER, 1), (PEER, 3), f)
    lifted = PairingFacts(**{**f.__dict__, "lifted": frozenset({(1, 1)})})
    assert core.allowed((SUPPORTER, 1), (PEER, 1), lifted)


def test_the_groups_hook_a_shared_cohort_keeps_a_former_peer_apart_too():
    f = facts(former_peer={1: 5}, cohorts={5: frozenset({"group:7"}), 2: frozenset({"group:7"})})
    assert not core.allowed((SUPPORTER, 1), (PEER, 2), f)


def test_a_cohort_keeps_a_former_peer_apart_only_from_those_who_went_through_that_same_cohort():
    f = facts(former_peer={1: 5}, cohorts={5: frozenset({"group:7"}), 2: frozenset({"group:8"})})
    assert core.allowed((SUPPORTER, 1), (PEER, 2), f)


def test_two_periods_with_the_same_supporter_that_touch_on_one_day_overlap():
    f = facts(
        former_peer={1: 5},
        periods={
            5: (Period(100, date(2024, 1, 1), date(2024, 6, 30)),),
            1: (Period(100, date(2024, 6, 30), None),),  # began the day the former peer's ended
            2: (Period(100, date(2023, 6, 1), date(2024, 1, 1)),),  # ended the day it began
        },
    )
    assert not core.allowed((SUPPORTER, 1), (PEER, 1), f)
    assert not core.allowed((SUPPORTER, 1), (PEER, 2), f)


def test_what_was_recorded_on_a_former_peers_record_still_keeps_them_apart_as_a_supporter():
    excluded = facts(former_peer={1: 5}, exclusions=frozenset({frozenset({(PEER, 5), (PEER, 2)})}))
    assert not core.allowed((SUPPORTER, 1), (PEER, 2), excluded)
    assert core.allowed((SUPPORTER, 1), (PEER, 3), excluded)
    places = facts(former_peer={1: 5}, keep_away={(PEER, 5): frozenset({"h1"}), (PEER, 3): frozenset({"h1"})})
    assert not core.allowed((SUPPORTER, 1), (PEER, 3), places)
    assert not core.allowed((PEER, 3), (SUPPORTER, 1), places)


def test_a_supporter_with_one_place_left_may_take_one_more_and_none_left_may_not():
    assert core.hard_reason(a_peer(), a_supporter(1, capacity_left=1)) is None
    assert core.hard_reason(a_peer(), a_supporter(1, capacity_left=0)) == LeftOut.AT_CAPACITY


# --- properties ----------------------------------------------------------------------------------

ids = st.integers(1, 6)
people_st = st.tuples(st.sampled_from([PEER, SUPPORTER]), ids)
days = st.dates(date(2023, 1, 1), date(2025, 1, 1))
periods_st = st.builds(
    lambda w, a, n: Period(w, a, None if n is None else date.fromordinal(a.toordinal() + n)),
    st.integers(1, 3),
    days,
    st.one_of(st.none(), st.integers(0, 200)),
)
facts_st = st.builds(
    PairingFacts,
    organisation=st.dictionaries(people_st, st.integers(1, 2), max_size=12),
    out_of_reach=st.frozensets(people_st, max_size=2),
    exclusions=st.frozensets(st.frozensets(people_st, min_size=2, max_size=2), max_size=6),
    keep_away=st.dictionaries(people_st, st.frozensets(st.sampled_from("abcd"), max_size=2), max_size=6),
    former_peer=st.dictionaries(ids, ids, max_size=3),
    periods=st.dictionaries(ids, st.lists(periods_st, max_size=3).map(tuple), max_size=6),
    cohorts=st.dictionaries(ids, st.frozensets(st.sampled_from(["g1", "g2"]), max_size=1), max_size=3),
    lifted=st.frozensets(st.tuples(ids, ids), max_size=3),
)


@settings(max_examples=300)
@given(facts_st)
def test_blocked_says_exactly_what_allowed_says_of_every_pair(f):
    everyone = range(1, 7)
    expected = {(p, s) for p in everyone for s in everyone if not core.allowed((PEER, p), (SUPPORTER, s), f)}
    assert core.blocked(everyone, everyone, f) == expected


@settings(max_examples=200)
@given(facts_st, people_st, people_st)
def test_the_rule_is_symmetric(f, a, b):
    assert core.allowed(a, b, f) == core.allowed(b, a, f)


langs = st.frozensets(st.sampled_from(["en", "fr", "ro", "ar"]), max_size=2)
wish_st = st.builds(
    PeerWish,
    peer_id=st.just(1),
    primary_need=st.sampled_from(["", "trafficking", "substance_use", "trauma", "not_sure"]),
    languages=langs,
    supporter_language=st.sampled_from(["", "en", "ro"]),
    supporter_gender=st.sampled_from(["", "none", "woman", "man"]),
    supporter_age=st.sampled_from(["", *core.AGE_BANDS]),
    support_format=st.sampled_from(["", "one_to_one", "group", "either"]),
    support_modes=st.frozensets(st.sampled_from(["in_person", "online", "phone"])),
    availability=st.frozensets(st.sampled_from(core.SLOTS[:6]), max_size=3),
    priorities=st.dictionaries(st.sampled_from(core.Criterion.ALL), st.integers(0, 5), max_size=3),
    prefers_staff_without_lived_experience=st.booleans(),
)
offer_st = st.builds(
    SupporterOffer,
    supporter_id=st.integers(1, 30),
    lived_experience=st.frozensets(st.sampled_from(["trafficking", "substance_use", "mental_health"])),
    languages=langs,
    gender=st.sampled_from(["", "woman", "man"]),
    age_band=st.sampled_from(["", *core.AGE_BANDS]),
    support_modes=st.frozensets(st.sampled_from(["in_person", "online", "phone"])),
    availability=st.frozensets(st.sampled_from(core.SLOTS[:6]), max_size=3),
    capacity_left=st.integers(-1, 3),
    may_work_alone=st.booleans(),
    is_staff_without_lived_experience=st.booleans(),
    taking_peers=st.booleans(),
)


@settings(max_examples=300)
@given(
    wish_st,
    st.lists(offer_st, max_size=8, unique_by=lambda o: o.supporter_id),
    st.frozensets(st.integers(1, 30)),
    st.integers(0, 100),
)
def test_no_suggestion_breaks_an_exclusion_a_capacity_the_one_to_one_rule_or_the_threshold(
    peer, supporters, blocked, good_enough
):
    ranking = core.rank(peer, supporters, blocked, good_enough)
    offers = {s.supporter_id: s for s in supporters}
    for suggestion in ranking.suggested:
        supporter = offers[suggestion.supporter_id]
        assert suggestion.supporter_id not in blocked
        assert supporter.capacity_left > 0 and supporter.taking_peers
        assert supporter.may_work_alone or not peer.wants_one_to_one
        assert suggestion.fit.score >= good_enough
        assert 0 <= suggestion.fit.score <= 100
    assert sorted(s.fit.score for s in ranking.suggested) == [s.fit.score for s in ranking.suggested][::-1]
    # Everyone is either suggested or left out with one reason; a blocked one is only "not available".
    assert {s.supporter_id for s in ranking.suggested} | {o.supporter_id for o in ranking.left_out} == set(offers)
    for omission in ranking.left_out:
        if omission.supporter_id in blocked:
            assert omission.reason == LeftOut.NOT_AVAILABLE and omission.fit is None
        else:
            assert omission.reason != LeftOut.NOT_AVAILABLE


@settings(max_examples=200)
@given(wish_st, offer_st)
def test_every_reason_the_fit_gives_has_words_on_the_page(peer, supporter):
    from matching.explain import REASONS

    for c in core.fit(peer, supporter).criteria:
        assert (c.criterion, c.reason) in REASONS, (c.criterion, c.reason)


def test_every_left_out_reason_has_words_on_the_page():
    from matching.explain import LEFT_OUT

    assert set(LEFT_OUT) == set(LeftOut.ALL)


def test_culture_is_matched_on_what_names_it_not_on_filler_words():
    peer = a_peer(supporter_culture="Someone who knows West African culture")
    assert criterion(core.fit(peer, a_supporter(culture="West African")), "culture").reason == "shared"
    assert criterion(core.fit(peer, a_supporter(culture="Eastern European culture")), "culture").reason == "not_shared"


def test_a_fit_exactly_at_the_good_enough_threshold_is_suggested_and_one_point_below_is_not():
    peer, supporter = a_peer(supporter_gender="man"), a_supporter(3, gender="woman")
    score = core.fit(peer, supporter).score
    assert 0 < score < 100
    assert [s.supporter_id for s in core.rank(peer, [supporter], good_enough=score).suggested] == [3]
    assert core.rank(peer, [supporter], good_enough=score + 1).suggested == ()
