"""The pure core of matching: plain data in, plain data out, no database.

Three things live here, so that the views, the batch solver, the commands, the tests and ``bench/`` all
share one version of each:

- ``allowed(a, b, facts)``: whether two people may ever be put together. ``matching.rules`` loads the
  facts from the database and calls it; nothing else decides this.
- ``fit(peer, supporter, weights)``: how well a peer supporter fits what a peer wished for, 0 to 100,
  with one explanation per criterion (the page translates the reason codes).
- ``rank(peer, supporters, blocked_ids, good_enough)``: the suggestions for one peer, best first, and
  why each other supporter was left out. A blocked supporter is only ever ``not_available``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from types import MappingProxyType

# ---------------------------------------------------------------------------------------------
# Vocabularies (plain strings: the models' choices use the same codes).

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS_OF_DAY = ("morning", "afternoon", "evening")
# Availability is a set of fixed slots, weekday × part of the day: "mon_morning", ..., "sun_evening".
SLOTS = tuple(f"{day}_{part}" for day in WEEKDAYS for part in PARTS_OF_DAY)

AGE_BANDS = ("under_18", "18_24", "25_34", "35_44", "45_54", "55_plus")
NO_PREFERENCE = ("", "none", "prefer_not")

# Which lived experience speaks to which main need (people.choices.PrimaryNeed / LivedExperience).
EXPERIENCE_FOR_NEED: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "trafficking": frozenset({"trafficking", "sexual_exploitation"}),
        "substance_use": frozenset({"substance_use"}),
        "trauma": frozenset(
            {"trafficking", "sexual_exploitation", "sexual_violence", "domestic_abuse", "mental_health"}
        ),
    }
)


class Criterion:
    """The criteria a fit is made of, in the order they are explained."""

    LIVED_EXPERIENCE = "lived_experience"
    LANGUAGE = "language"
    GENDER = "gender"
    CULTURE = "culture"
    AGE = "age"
    ONE_TO_ONE = "one_to_one"
    WAYS_OF_MEETING = "ways_of_meeting"
    AVAILABILITY = "availability"
    CAPACITY = "capacity"

    ALL = (
        LIVED_EXPERIENCE,
        LANGUAGE,
        GENDER,
        CULTURE,
        AGE,
        ONE_TO_ONE,
        WAYS_OF_MEETING,
        AVAILABILITY,
        CAPACITY,
    )


class LeftOut:
    """Why a supporter is not suggested. ``NOT_AVAILABLE`` is all anyone is told about an exclusion."""

    NOT_AVAILABLE = "not_available"
    NOT_TAKING_PEERS = "not_taking_peers"
    AT_CAPACITY = "at_capacity"
    NOT_ALLOWED_ALONE = "not_allowed_alone"
    NO_SHARED_LANGUAGE = "no_shared_language"
    BELOW_GOOD_ENOUGH = "below_good_enough"

    ALL = (NOT_AVAILABLE, NOT_TAKING_PEERS, AT_CAPACITY, NOT_ALLOWED_ALONE, NO_SHARED_LANGUAGE, BELOW_GOOD_ENOUGH)


# Each weight is how much a criterion counts: 0 (does not matter) to MOST_WEIGHT (matters most).
MOST_WEIGHT = 5
POINTS_PER_WEIGHT = 10
DEFAULT_GOOD_ENOUGH = 50


# ---------------------------------------------------------------------------------------------
# What a peer wished for, and what a supporter offers.


@dataclass(frozen=True)
class PeerWish:
    peer_id: int
    primary_need: str = ""
    languages: frozenset[str] = frozenset()
    supporter_language: str = ""
    supporter_gender: str = ""  # a Gender code, or "" / "none" / "prefer_not" for no preference
    supporter_age: str = ""  # an age band, or "" for no preference
    supporter_culture: str = ""  # their own words; compared word by word
    support_format: str = ""  # "one_to_one", "group", "either", "" / "prefer_not"
    support_modes: frozenset[str] = frozenset()
    availability: frozenset[str] = frozenset()  # slot codes
    priorities: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    prefers_staff_without_lived_experience: bool = False

    @property
    def wants_one_to_one(self) -> bool:
        """Only a peer who asked for a group alone is not seen one-to-one (when unsure, assume they are)."""
        return self.support_format != "group"


@dataclass(frozen=True)
class SupporterOffer:
    supporter_id: int
    lived_experience: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()
    gender: str = ""
    age_band: str = ""
    culture: str = ""
    support_modes: frozenset[str] = frozenset()
    availability: frozenset[str] = frozenset()
    capacity_left: int = 0
    may_work_alone: bool = False
    is_staff_without_lived_experience: bool = False
    taking_peers: bool = True  # their stage lets them take on someone new


@dataclass(frozen=True)
class Weights:
    """How much each criterion counts. Unknown criteria are ignored; a missing one counts for nothing."""

    values: Mapping[str, int] = field(default_factory=lambda: MappingProxyType(dict(DEFAULT_WEIGHTS)))

    def __post_init__(self) -> None:
        clean = {c: _clamp(int(self.values.get(c, 0)), 0, MOST_WEIGHT) for c in Criterion.ALL}
        object.__setattr__(self, "values", MappingProxyType(clean))

    def of(self, criterion: str) -> int:
        return self.values.get(criterion, 0)

    def overridden_by(self, priorities: Mapping[str, int]) -> Weights:
        """The peer's own priorities come first: each one they gave replaces the organisation's."""
        return Weights({**self.values, **{c: w for c, w in priorities.items() if c in Criterion.ALL}})


DEFAULT_WEIGHTS: Mapping[str, int] = MappingProxyType(
    {
        Criterion.LIVED_EXPERIENCE: 4,
        Criterion.LANGUAGE: 4,
        Criterion.GENDER: 3,
        Criterion.CULTURE: 2,
        Criterion.AGE: 1,
        Criterion.ONE_TO_ONE: 2,
        Criterion.WAYS_OF_MEETING: 2,
        Criterion.AVAILABILITY: 3,
        Criterion.CAPACITY: 1,
    }
)


# ---------------------------------------------------------------------------------------------
# The fit.


@dataclass(frozen=True)
class CriterionFit:
    criterion: str
    points: int
    most: int
    reason: str  # a short code the page translates (see matching.explain)


@dataclass(frozen=True)
class Fit:
    score: int  # 0 to 100
    criteria: tuple[CriterionFit, ...]


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def _share(fraction: float, most: int) -> int:
    return _clamp(round(fraction * most), 0, most)


# Words that say nothing of which culture or background ("someone who knows West African culture").
FILLER_WORDS = frozenset(
    {
        "someone",
        "who",
        "knows",
        "know",
        "from",
        "the",
        "and",
        "with",
        "that",
        "like",
        "would",
        "person",
        "people",
        "culture",
        "background",
        "shared",
        "share",
        "same",
        "community",
        "quelqu",
        "qui",
        "connait",
        "connaît",
        "des",
        "les",
        "une",
        "origine",
        "personne",
    }
)


def words(text: str) -> frozenset[str]:
    """Normalised words: case, accents and punctuation do not matter; short and filler words are dropped."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return frozenset(w for w in re.split(r"[^\w]+", plain) if len(w) >= 3 and w not in FILLER_WORDS)


# Letters that Unicode does not decompose into a plain letter and an accent, written as people type
# them without the accent (casefold already turns ß into ss).
_UNACCENTED = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "œ": "oe", "æ": "ae", "þ": "th"})


def normalised(text: str) -> str:
    """One canonical spelling of a phrase (for the keep-away hashes): its words, in order, spaced once.

    Case, accents, punctuation and spacing do not matter, nor invisible characters pasted in (a
    zero-width space, a soft hyphen).
    """
    plain = unicodedata.normalize("NFKD", text.casefold()).translate(_UNACCENTED)
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch) and unicodedata.category(ch) != "Cf")
    return " ".join(w for w in re.split(r"[^\w]+", plain) if w)


def _lived_experience(peer: PeerWish, supporter: SupporterOffer) -> tuple[float, str]:
    if peer.prefers_staff_without_lived_experience:
        if supporter.is_staff_without_lived_experience:
            return 1.0, "staff_as_wished"
        return 0.0, "not_staff"
    if supporter.is_staff_without_lived_experience:
        return 0.25, "staff_without_lived_experience"
    wanted = EXPERIENCE_FOR_NEED.get(peer.primary_need)
    if wanted is None:
        return (1.0, "need_not_said") if supporter.lived_experience else (0.5, "need_not_said")
    if supporter.lived_experience & wanted:
        return 1.0, "shares_experience"
    return 0.25, "other_experience"


def _language(peer: PeerWish, supporter: SupporterOffer) -> tuple[float, str]:
    if peer.supporter_language and peer.supporter_language in supporter.languages:
        return 1.0, "speaks_preferred"
    if peer.languages & supporter.languages:
        return (0.6, "shares_a_language") if peer.supporter_language else (1.0, "shares_a_language")
    if not peer.languages and not peer.supporter_language:
        return 0.5, "languages_not_known"
    return 0.0, "no_shared_language"


def _gender(peer: PeerWish, supporter: SupporterOffer) -> tuple[float, str]:
    if peer.supporter_gender in NO_PREFERENCE:
        return 1.0, "no_preference"
    if supporter.gender == peer.supporter_gender:
        return 1.0, "as_wished"
    if supporter.gender in ("", "prefer_not", "self_described"):
        return 0.25, "not_known"
    return 0.0, "not_as_wished"


def _culture(peer: PeerWish, supporter: SupporterOffer) -> tuple[float, str]:
    wished = words(peer.supporter_culture)
    if not wished:
        return 1.0, "no_preference"
    if wished & words(supporter.culture):
        return 1.0, "shared"
    return 0.0, "not_shared"


def _age(peer: PeerWish, supporter: SupporterOffer) -> tuple[float, str]:
    if peer.supporter_age not in AGE_BANDS:
        return 1.0, "no_preference"
    if supporter.age_band not in AGE_BANDS:
        return 0.25, "not_known"
    apart = abs(AGE_BANDS.index(peer.supporter_age) - AGE_BANDS.index(supporter.age_band))
    if apart == 0:
        return 1.0, "as_wished"
    if apart == 1:
        return 0.5, "close"
    return 0.0, "not_as_wished"


def _one_to_one(peer: PeerWish, supporter: SupporterOffer) -> tuple[float, str]:
    if not peer.wants_one_to_one:
        return 1.0, "group"
    if supporter.may_work_alone:
        return 1.0, "may_work_alone"
    return 0.0, "not_allowed_alone"


def _ways_of_meeting(peer: PeerWish, supporter: SupporterOffer) -> tuple[float, str]:
    if not peer.support_modes:
        return 1.0, "no_preference"
    if peer.support_modes & supporter.support_modes:
        return 1.0, "shared"
    if not supporter.support_modes:
        return 0.5, "not_known"
    return 0.0, "not_shared"


def _availability(peer: PeerWish, supporter: SupporterOffer) -> tuple[float, str]:
    if not peer.availability:
        return 1.0, "any_time"
    if not supporter.availability:
        return 0.5, "not_known"
    overlap = len(peer.availability & supporter.availability)
    if overlap == 0:
        return 0.0, "no_overlap"
    # Three shared slots (or all the peer has, if fewer) is a full overlap.
    return min(1.0, overlap / min(3, len(peer.availability))), "overlap"


def _capacity(peer: PeerWish, supporter: SupporterOffer) -> tuple[float, str]:
    if supporter.capacity_left <= 0:
        return 0.0, "full"
    if supporter.capacity_left == 1:
        return 0.5, "one_place_left"
    return 1.0, "room"


_SCORERS = {
    Criterion.LIVED_EXPERIENCE: _lived_experience,
    Criterion.LANGUAGE: _language,
    Criterion.GENDER: _gender,
    Criterion.CULTURE: _culture,
    Criterion.AGE: _age,
    Criterion.ONE_TO_ONE: _one_to_one,
    Criterion.WAYS_OF_MEETING: _ways_of_meeting,
    Criterion.AVAILABILITY: _availability,
    Criterion.CAPACITY: _capacity,
}


def fit(peer: PeerWish, supporter: SupporterOffer, weights: Weights | None = None) -> Fit:
    """How well ``supporter`` fits ``peer``'s wishes; the peer's priorities override ``weights``."""
    effective = (weights or Weights()).overridden_by(peer.priorities)
    criteria = []
    for criterion in Criterion.ALL:
        most = effective.of(criterion) * POINTS_PER_WEIGHT
        fraction, reason = _SCORERS[criterion](peer, supporter)
        criteria.append(CriterionFit(criterion, _share(fraction, most), most, reason))
    total = sum(c.most for c in criteria)
    score = round(100 * sum(c.points for c in criteria) / total) if total else 100
    return Fit(score=_clamp(score, 0, 100), criteria=tuple(criteria))


def hard_reason(peer: PeerWish, supporter: SupporterOffer) -> str | None:
    """A reason this supporter cannot take this peer whatever the fit (exclusions aside), or None."""
    if not supporter.taking_peers:
        return LeftOut.NOT_TAKING_PEERS
    if supporter.capacity_left <= 0:
        return LeftOut.AT_CAPACITY
    if not supporter.may_work_alone and peer.wants_one_to_one:
        return LeftOut.NOT_ALLOWED_ALONE
    if peer.languages and supporter.languages and not (peer.languages & supporter.languages):
        return LeftOut.NO_SHARED_LANGUAGE
    return None


# ---------------------------------------------------------------------------------------------
# The suggestions for one peer.


@dataclass(frozen=True)
class Suggestion:
    supporter_id: int
    fit: Fit


@dataclass(frozen=True)
class Omission:
    supporter_id: int
    reason: str  # a LeftOut code
    fit: Fit | None = None  # shown only when the reason is the fit itself; never for not_available


@dataclass(frozen=True)
class Ranking:
    suggested: tuple[Suggestion, ...]
    left_out: tuple[Omission, ...]


def rank(
    peer: PeerWish,
    supporters: Iterable[SupporterOffer],
    blocked_ids: Iterable[int] = (),
    good_enough: int = DEFAULT_GOOD_ENOUGH,
    weights: Weights | None = None,
) -> Ranking:
    """Supporters who may take this peer and fit well enough, best first; the others with a reason.

    A supporter in ``blocked_ids`` (from ``matching.rules.blocked_pairs``) is left out as
    ``not_available`` before anything else is looked at: no fit, no other reason.
    """
    blocked = frozenset(blocked_ids)
    suggested: list[Suggestion] = []
    left_out: list[Omission] = []
    for supporter in supporters:
        if supporter.supporter_id in blocked:
            left_out.append(Omission(supporter.supporter_id, LeftOut.NOT_AVAILABLE))
            continue
        reason = hard_reason(peer, supporter)
        if reason is not None:
            left_out.append(Omission(supporter.supporter_id, reason))
            continue
        supporter_fit = fit(peer, supporter, weights)
        if supporter_fit.score < good_enough:
            left_out.append(Omission(supporter.supporter_id, LeftOut.BELOW_GOOD_ENOUGH, supporter_fit))
        else:
            suggested.append(Suggestion(supporter.supporter_id, supporter_fit))
    suggested.sort(key=lambda s: (-s.fit.score, s.supporter_id))
    # Not-available ones are not listed first or together: they take their place among the others by id.
    left_out.sort(key=attrgetter("supporter_id"))
    return Ranking(tuple(suggested), tuple(left_out))


# ---------------------------------------------------------------------------------------------
# Whether two people may ever be put together.

# A person is ("peer", id) or ("supporter", id).
PEER, SUPPORTER = "peer", "supporter"
Person = tuple[str, int]


@dataclass(frozen=True)
class Period:
    """A peer's peer-support relationship with one worker (membership id), from a day to a day."""

    worker_id: int
    starts_on: date
    ends_on: date | None  # still going

    def overlaps(self, other: Period) -> bool:
        far = date.max
        return self.starts_on <= (other.ends_on or far) and other.starts_on <= (self.ends_on or far)


@dataclass(frozen=True)
class PairingFacts:
    """Everything ``allowed`` needs about a set of people, loaded by ``matching.rules``.

    - ``organisation``: each person's organisation (people of two organisations are never put together);
    - ``out_of_reach``: people nobody may be put with (an erased record);
    - ``exclusions``: pairs recorded as never to be put together (and not lifted);
    - ``keep_away``: each person's keyed hashes of the places and circles they keep away from;
    - ``former_peer``: a supporter (id) who was once a peer here, and their own former peer record (id);
    - ``periods``: the peer-support periods of the peers concerned (former peers included), by peer id;
    - ``cohorts``: the groups or cohorts each peer went through, by peer id. The hook for the groups
      issue: fill it in the loader (``matching.rules.pairing_facts``) and the rule covers groups too;
    - ``lifted``: (supporter id, peer id) pairs whose automatic exclusion a coordinator lifted.
    """

    organisation: Mapping[Person, int] = field(default_factory=lambda: MappingProxyType({}))
    out_of_reach: frozenset[Person] = frozenset()
    exclusions: frozenset[frozenset[Person]] = frozenset()
    keep_away: Mapping[Person, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    former_peer: Mapping[int, int] = field(default_factory=lambda: MappingProxyType({}))
    periods: Mapping[int, tuple[Period, ...]] = field(default_factory=lambda: MappingProxyType({}))
    cohorts: Mapping[int, frozenset[str]] = field(default_factory=lambda: MappingProxyType({}))
    lifted: frozenset[tuple[int, int]] = frozenset()


def went_through_together(peer_a: int, peer_b: int, facts: PairingFacts) -> bool:
    """Two peers supported by the same supporter at overlapping times, or in the same group or cohort."""
    if peer_a == peer_b:
        return False
    if facts.cohorts.get(peer_a, frozenset()) & facts.cohorts.get(peer_b, frozenset()):
        return True
    for mine in facts.periods.get(peer_a, ()):
        for theirs in facts.periods.get(peer_b, ()):
            if mine.worker_id == theirs.worker_id and mine.overlaps(theirs):
                return True
    return False


def automatically_kept_apart(supporter_id: int, peer_id: int, facts: PairingFacts) -> bool:
    """A supporter who was once a peer here, and a peer who went through the program with them."""
    former = facts.former_peer.get(supporter_id)
    if former is None or (supporter_id, peer_id) in facts.lifted:
        return False
    return former == peer_id or went_through_together(former, peer_id, facts)


def _selves(person: Person, facts: PairingFacts) -> tuple[Person, ...]:
    """The person, and for a supporter who was once a peer here, their former peer record too."""
    if person[0] == SUPPORTER and person[1] in facts.former_peer:
        return (person, (PEER, facts.former_peer[person[1]]))
    return (person,)


def allowed(a: Person, b: Person, facts: PairingFacts) -> bool:
    """Whether ``a`` and ``b`` may be put together: THE rule, for any two people.

    Two supporters who both were peers here and went through it together are colleagues now, which
    is allowed; if they would rather not work together, a coordinator records an exclusion.
    """
    if a == b or a in facts.out_of_reach or b in facts.out_of_reach:
        return False
    if facts.organisation.get(a) != facts.organisation.get(b) or a not in facts.organisation:
        return False
    # A supporter who was once a peer here is the same person as their former record: what was
    # recorded on it (an exclusion, a place to keep away from) still keeps them apart.
    mine, theirs = _selves(a, facts), _selves(b, facts)
    if any(frozenset({x, y}) in facts.exclusions for x in mine for y in theirs if x != y):
        return False
    places = [facts.keep_away.get(x, frozenset()) for x in mine]
    if any(p & facts.keep_away.get(y, frozenset()) for p in places for y in theirs):
        return False
    for one, other in ((a, b), (b, a)):
        if one[0] == SUPPORTER and other[0] == PEER and automatically_kept_apart(one[1], other[1], facts):
            return False
    return True


def blocked(peer_ids: Iterable[int], supporter_ids: Iterable[int], facts: PairingFacts) -> set[tuple[int, int]]:
    """Every (peer id, supporter id) pair that ``allowed`` refuses, without asking it of every pair.

    Only a pair with some fact about it can be refused (another organisation, out of reach, an
    exclusion, a shared place, a supporter who was once a peer), so those are the only pairs asked;
    the answer is ``allowed``'s own (a property test checks it against asking every pair).
    """
    peers = [(PEER, p) for p in dict.fromkeys(peer_ids)]
    supporters = [(SUPPORTER, s) for s in dict.fromkeys(supporter_ids)]
    supporter_set = set(supporters)
    peer_set = set(peers)
    candidates: set[tuple[Person, Person]] = set()
    # Anyone out of reach or of another organisation than most: ask every pair they are in (few).
    odd_peers = [p for p in peers if p in facts.out_of_reach or p not in facts.organisation]
    odd_supporters = [s for s in supporters if s in facts.out_of_reach or s not in facts.organisation]
    candidates.update((p, s) for p in odd_peers for s in supporters)
    candidates.update((p, s) for p in peers for s in odd_supporters)
    by_organisation: dict[int, list[Person]] = {}
    for s in supporters:
        if s in facts.organisation:
            by_organisation.setdefault(facts.organisation[s], []).append(s)
    for p in peers:
        org = facts.organisation.get(p)
        for other_org, members in by_organisation.items():
            if other_org != org:
                candidates.update((p, s) for s in members)
    for pair in facts.exclusions:
        sides = tuple(pair)
        if len(sides) == 2:
            for one, other in (sides, sides[::-1]):
                if one in peer_set and other in supporter_set:
                    candidates.add((one, other))
    holders: dict[str, list[Person]] = {}
    for person, hashes in facts.keep_away.items():
        for digest in hashes:
            holders.setdefault(digest, []).append(person)
    for people in holders.values():
        for p in people:
            if p in peer_set:
                candidates.update((p, s) for s in people if s in supporter_set)
    for s in supporters:
        if s[1] in facts.former_peer:
            candidates.update((p, s) for p in peers)
    return {(p[1], s[1]) for p, s in candidates if not allowed(p, s, facts)}
