"""Loaders: the plain data of ``matching.core`` built from the database, in a constant number of queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType

from people.choices import SupporterStage
from people.models import Peer, PeerSupporter
from people.services import current_caseloads

from . import core
from .models import MatchingSettings, PeerWishes, SupporterDetails

# The stages in which a supporter may take someone new on (the workforce issue refines this).
TAKING_PEERS = frozenset({SupporterStage.SHADOWING, SupporterStage.ACTIVE})


@dataclass(frozen=True)
class OrganisationMatching:
    """An organisation's matching settings, as plain data."""

    good_enough: int
    weights: core.Weights


def settings_for(organisation) -> OrganisationMatching:
    """The organisation's good-enough fit and default weights (the defaults when never set). One query."""
    row = MatchingSettings.objects.filter(organisation=organisation).first()
    if row is None:
        return OrganisationMatching(core.DEFAULT_GOOD_ENOUGH, core.Weights())
    return OrganisationMatching(row.good_enough, core.Weights(row.weights))


def wish_from(peer: Peer, wishes: PeerWishes | None) -> core.PeerWish:
    return core.PeerWish(
        peer_id=peer.pk,
        primary_need=peer.primary_need,
        languages=frozenset(peer.languages or ()),
        supporter_language=peer.supporter_language,
        supporter_gender=peer.supporter_gender,
        supporter_age=wishes.supporter_age if wishes else "",
        supporter_culture=peer.supporter_culture,
        support_format=peer.support_format,
        support_modes=frozenset(peer.support_modes or ()),
        availability=frozenset(wishes.availability) if wishes else frozenset(),
        priorities=MappingProxyType(dict(wishes.priorities)) if wishes else MappingProxyType({}),
        prefers_staff_without_lived_experience=bool(wishes and wishes.prefers_staff_without_lived_experience),
    )


def peer_wish(peer: Peer) -> core.PeerWish:
    """What this peer wished for. One query (their matching wishes, if any)."""
    return wish_from(peer, PeerWishes.objects.filter(peer=peer).first())


def peer_wishes(peers: Iterable[Peer]) -> list[core.PeerWish]:
    """The wishes of many peers, in their order. One query."""
    peers = list(peers)
    wishes = {w.peer_id: w for w in PeerWishes.objects.filter(peer__in=[p.pk for p in peers])}
    return [wish_from(p, wishes.get(p.pk)) for p in peers]


def offer_from(supporter: PeerSupporter, details: SupporterDetails | None, caseload: int) -> core.SupporterOffer:
    return core.SupporterOffer(
        supporter_id=supporter.pk,
        lived_experience=frozenset(supporter.lived_experience or ()),
        languages=frozenset(supporter.languages or ()),
        gender=supporter.gender,
        age_band=details.age_band if details else "",
        culture=details.culture if details else "",
        support_modes=frozenset(details.support_modes) if details else frozenset(),
        availability=frozenset(details.availability) if details else frozenset(),
        capacity_left=max(0, supporter.capacity - caseload),
        may_work_alone=bool(details and details.may_work_alone),
        is_staff_without_lived_experience=bool(details and details.staff_without_lived_experience),
        taking_peers=supporter.stage in TAKING_PEERS,
    )


def supporter_offers(supporters: Iterable[PeerSupporter]) -> list[core.SupporterOffer]:
    """What each supporter offers, in their order: two queries (their details, their caseloads)."""
    supporters = list(supporters)
    details = {d.supporter_id: d for d in SupporterDetails.objects.filter(supporter__in=[s.pk for s in supporters])}
    caseloads = current_caseloads(s.membership_id for s in supporters)
    return [offer_from(s, details.get(s.pk), caseloads.get(s.membership_id, 0)) for s in supporters]


def candidate_supporters(organisation):
    """Every peer supporter of the organisation whose membership is active (taking peers or not)."""
    return (
        PeerSupporter.objects.filter(organisation=organisation, membership__is_active=True)
        .select_related("membership__user")
        .order_by("membership__user__display_name", "pk")
    )
