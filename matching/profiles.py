"""Loaders: the plain data of ``matching.core`` built from the database, in a constant number of queries."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from types import MappingProxyType

from competence.choices import Work
from competence.services import allowed_ids_for
from people.models import Peer, PeerSupporter
from people.services import current_caseloads

from . import core
from .candidates import Candidate, json_text, parse_each, sealed
from .models import MatchingSettings, PeerWishes, SupporterDetails

# One-to-one work, on their own or supervised: a supporter whom competence allows neither takes nobody
# new on (``competence.rules.may_do``: their stage, their level, its sign-offs and shadowing).
ONE_TO_ONE = (Work.ONE_TO_ONE_ALONE, Work.ONE_TO_ONE_SUPERVISED)


def who_may_take_peers(supporters) -> tuple[frozenset[int], frozenset[int]]:
    """The ids of those among ``supporters`` who may take a peer on, and of those who may on their own."""
    may = allowed_ids_for(supporters, ONE_TO_ONE)
    return may[Work.ONE_TO_ONE_ALONE] | may[Work.ONE_TO_ONE_SUPERVISED], may[Work.ONE_TO_ONE_ALONE]


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


@dataclass(frozen=True)
class Details:
    """The matching details of one supporter, as read for the fit (no model instance: many are read)."""

    age_band: str = ""
    availability: tuple[str, ...] = ()
    support_modes: tuple[str, ...] = ()
    staff_without_lived_experience: bool = False
    culture: str = ""


DETAIL_FIELDS = ("age_band", "availability", "support_modes", "staff_without_lived_experience")


def offer_from(
    supporter: PeerSupporter, details: Details | SupporterDetails | None, caseload: int, *, alone: bool, taking: bool
) -> core.SupporterOffer:
    """``alone``, ``taking``: whether ``competence.rules.may_do`` lets them work one-to-one on their own,
    and at all (``who_may_take_peers``)."""
    d = details or Details()
    return core.SupporterOffer(
        supporter_id=supporter.pk,
        lived_experience=frozenset(supporter.lived_experience or ()),
        languages=frozenset(supporter.languages or ()),
        gender=supporter.gender,
        age_band=d.age_band,
        culture=d.culture,
        support_modes=frozenset(d.support_modes or ()),
        availability=frozenset(d.availability or ()),
        capacity_left=max(0, supporter.capacity - caseload),
        may_work_alone=alone,
        is_staff_without_lived_experience=bool(d.staff_without_lived_experience),
        taking_peers=taking,
    )


# Past this many supporters, reading the organisation's whole tables is cheaper than a list of ids.
MANY = 50


def supporter_offers(supporters: Iterable[PeerSupporter], *, with_culture: bool = True) -> list[core.SupporterOffer]:
    """What each supporter offers, in their order: two queries (their details, their caseloads), and
    those of ``competence.services.facts_for`` (one when no level held asks for sign-offs or shadowing).

    ``with_culture=False`` leaves their culture unread (and undecrypted) when the peer wished for none.
    """
    supporters = list(supporters)
    fields = (*DETAIL_FIELDS, "culture") if with_culture else DETAIL_FIELDS
    rows = SupporterDetails.objects.all()
    if len(supporters) > MANY:
        rows = rows.filter(organisation_id__in={s.organisation_id for s in supporters})
    else:
        rows = rows.filter(supporter__in=[s.pk for s in supporters])
    details = {row[0]: Details(*row[1:]) for row in rows.values_list("supporter_id", *fields)}
    caseloads = current_caseloads(None if len(supporters) > MANY else (s.membership_id for s in supporters))
    taking, alone = who_may_take_peers(supporters)
    return [
        offer_from(s, details.get(s.pk), caseloads.get(s.membership_id, 0), alone=s.pk in alone, taking=s.pk in taking)
        for s in supporters
    ]


# What the fit and the suggestions page read of a supporter (their availability in words is not).
OFFER_FIELDS = (
    "pk",
    "organisation_id",
    "membership_id",
    "membership__user_id",
    "membership__user__display_name",
    "lived_experience",
    "languages",
    "gender",
    "capacity",
    "stage",
)


def candidate_supporters(organisation):
    """Every peer supporter of the organisation whose membership is active (taking peers or not)."""
    return (
        PeerSupporter.objects.filter(organisation=organisation, membership__is_active=True)
        .select_related("membership__user")
        .only(*OFFER_FIELDS)
        .order_by("membership__user__display_name", "pk")
    )


# --- The suggestions for one peer: every supporter of the organisation, cheaply. -------------------


def _opened(model, field: str, sealed: str | None):
    return model._meta.get_field(field).from_db_value(sealed, None, None)


def offers_for(wish: core.PeerWish, found: Iterable[Candidate], blocked: Collection[int]) -> list[core.SupporterOffer]:
    """What each candidate offers ``wish``, in their order: two queries (details, caseloads), and who
    may work one-to-one alone (``competence.services.facts_for``).

    What is encrypted (lived experience, culture) is opened only for a supporter whose fit ``core.rank``
    will weigh: not kept apart (``blocked``) and with no hard reason (``core.hard_reason`` reads nothing
    encrypted). The others' offers leave it empty; ``rank`` tells them only their reason.
    """
    found = list(found)
    with_culture = bool(core.words(wish.supporter_culture))
    rows = SupporterDetails.objects.filter(organisation_id__in={c.organisation_id for c in found}).annotate(
        availability_text=json_text("availability"), support_modes_text=json_text("support_modes")
    )
    fields = ["supporter_id", "age_band", "availability_text", "support_modes_text"]
    fields.append("staff_without_lived_experience")
    if with_culture:
        rows = rows.annotate(sealed_culture=sealed("culture"))
        fields.append("sealed_culture")
    found_rows: list[tuple] = list(rows.values_list(*fields))
    slots, modes = parse_each([r[2] for r in found_rows]), parse_each([r[3] for r in found_rows])
    details = {r[0]: (r, free, ways) for r, free, ways in zip(found_rows, slots, modes, strict=True)}
    caseloads = current_caseloads(None)
    taking, alone = who_may_take_peers(found)
    none = ((None, "", None, None, False, ""), (), ())
    offers = []
    for c in found:
        row, free, ways = details.get(c.pk, none)
        offer = core.SupporterOffer(
            supporter_id=c.pk,
            languages=frozenset(c.languages),
            gender=c.gender,
            age_band=row[1],
            support_modes=frozenset(ways or ()),
            availability=frozenset(free or ()),
            capacity_left=max(0, c.capacity - caseloads.get(c.membership_id, 0)),
            may_work_alone=c.pk in alone,
            is_staff_without_lived_experience=bool(row[4]),
            taking_peers=c.pk in taking,
        )
        if c.pk not in blocked and core.hard_reason(wish, offer) is None:
            offer = replace(
                offer,
                lived_experience=frozenset(_opened(PeerSupporter, "lived_experience", c.sealed_lived_experience) or ()),
                culture=_opened(SupporterDetails, "culture", row[5]) if with_culture and row[0] is not None else "",
            )
        offers.append(offer)
    return offers
