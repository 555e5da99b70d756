"""THE check of whether two people may be put together, for every path that pairs people.

Suggestions, manual assignment (``people.services.assign``), batches, offers, cover while a
supporter is away and groups all call ``may_pair`` (two people) or ``blocked_pairs`` (many). Both
load the same facts (``pairing_facts``, a constant number of queries) and ask the one pure rule,
``core.allowed``, so they cannot disagree.

Whoever lacks the right to know sees only "not available": nothing here says why.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from people.models import Assignment, AssignmentKind, Peer, PeerSupporter

from . import core
from .candidates import Candidate, json_text, parse_each
from .models import AutomaticExclusionLift, Exclusion, KeepAway, SupporterDetails

Someone = Peer | PeerSupporter
# Who the rule is asked about: a peer supporter may also come as the suggestions' plain ``Candidate``.
Pairable = Someone | Candidate


def person_of(someone: Pairable) -> core.Person:
    if isinstance(someone, Peer):
        return (core.PEER, someone.pk)
    if isinstance(someone, (PeerSupporter, Candidate)):
        return (core.SUPPORTER, someone.pk)
    raise TypeError(f"Only peers and peer supporters are paired, not {type(someone).__name__}.")


def pairing_facts(people: Iterable[Pairable]) -> core.PairingFacts:
    """What the rule needs about these people, in five queries however many they are.

    Runs inside the organisation's scope (the scoped managers see only its rows). Only the periods of
    support are read by the peers' ids (and only when a supporter here was once a peer).
    """
    people = list(people)
    if set(map(type, people)) <= {Peer, PeerSupporter, Candidate}:  # told apart without a call each (800 a page)
        peers = cast("dict[int, Peer]", {p.pk: p for p in people if p.__class__ is Peer})
        supporters = {s.pk: s for s in people if s.__class__ is not Peer}
        organisation = {(core.PEER, p.pk): p.organisation_id for p in peers.values()}
        organisation.update({(core.SUPPORTER, s.pk): s.organisation_id for s in supporters.values()})
    else:
        peers = {p.pk: p for p in people if isinstance(p, Peer)}
        supporters = {s.pk: s for s in people if isinstance(s, (PeerSupporter, Candidate))}
        organisation = {person_of(p): p.organisation_id for p in people}
    out_of_reach = frozenset((core.PEER, p.pk) for p in peers.values() if p.erased_at is not None)

    # The organisation's exclusions, places, former peers and lifts are few beside its people: read
    # them whole (no list of ids in the query, however many people are asked about) and keep ours.
    organisations = set(organisation.values())
    ours = set(organisation)

    former_peer = {
        supporter_id: peer_id
        for supporter_id, peer_id in SupporterDetails.objects.filter(
            organisation_id__in=organisations, former_peer__isnull=False
        ).values_list("supporter_id", "former_peer_id")
        if supporter_id in supporters
    }
    # A supporter's former peer record answers for them too (its exclusions and places).
    ours |= {(core.PEER, peer_id) for peer_id in former_peer.values()}

    exclusions = frozenset(
        frozenset(sides)
        for sides in (
            Exclusion.sides_of(*row)
            for row in Exclusion.objects.filter(organisation_id__in=organisations, lifted_at__isnull=True)
            .order_by()
            .values_list("peer_id", "supporter_id", "other_peer_id", "other_supporter_id")
        )
        if sides[0] in ours or sides[1] in ours
    )

    keep_away: dict[core.Person, set[str]] = {}
    places = list(
        KeepAway.objects.filter(organisation_id__in=organisations)
        .annotate(digests_text=json_text("digests"))
        .order_by()
        .values_list("peer_id", "supporter_id", "digests_text")
    )
    for (peer_id, supporter_id, _text), hashes in zip(places, parse_each([p[2] for p in places]), strict=True):
        person = KeepAway.person_of(peer_id, supporter_id)
        if person in ours:
            keep_away.setdefault(person, set()).update(hashes)

    periods: dict[int, list[core.Period]] = {}
    if former_peer:  # the periods only matter beside a supporter who was once a peer
        for peer_id, worker_id, starts_on, ends_on in Assignment.objects.filter(
            peer__in=list(set(peers) | set(former_peer.values())),
            kind=AssignmentKind.PEER_SUPPORT,
            worker__isnull=False,
        ).values_list("peer_id", "worker_id", "starts_on", "ends_on"):
            periods.setdefault(peer_id, []).append(core.Period(worker_id, starts_on, ends_on))

    lifted = frozenset(
        pair
        for pair in AutomaticExclusionLift.objects.filter(organisation_id__in=organisations).values_list(
            "supporter_id", "peer_id"
        )
        if pair[0] in supporters
    )
    return core.PairingFacts(
        organisation=organisation,
        out_of_reach=out_of_reach,
        exclusions=exclusions,
        keep_away={person: frozenset(hashes) for person, hashes in keep_away.items()},
        former_peer=former_peer,
        periods={peer_id: tuple(found) for peer_id, found in periods.items()},
        lifted=lifted,
    )


def may_pair(a: Someone, b: Someone) -> bool:
    """Whether ``a`` and ``b`` (peers or peer supporters, in any combination) may be put together."""
    return core.allowed(person_of(a), person_of(b), pairing_facts([a, b]))


def blocked_pairs(peers: Iterable[Peer], supporters: Iterable[PeerSupporter | Candidate]) -> set[tuple[int, int]]:
    """The (peer id, supporter id) pairs that may not be put together, in a constant number of queries."""
    peers, supporters = list(peers), list(supporters)
    facts = pairing_facts([*peers, *supporters])
    return core.blocked([p.pk for p in peers], [s.pk for s in supporters], facts)
