"""The handful of numbers each role acts on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from access.policy import ORGANISATION_WIDE, Do, can, visible_peers, visible_supporters
from consent.models import ConsentRecord
from intake.services import waiting_past_threshold, waiting_threshold
from organisations.models import Membership, Role
from people.models import Assignment
from people.services import caseload_size, current_caseloads


@dataclass
class Tile:
    label: str
    value: int | str
    url: str = ""
    attention: bool = False


@dataclass
class Dashboard:
    heading: str
    tiles: list[Tile] = field(default_factory=list)


# The organisation-wide counts (what coordinators and admins see) are kept this many seconds, per
# organisation, and forgotten as soon as a peer, an assignment, a consent record or a peer supporter
# of it changes (forget_counts, from home/signals.py). Other roles count their own few each time.
COUNTS_SECONDS = 30


def _counts_key(organisation_id: int) -> str:
    return f"home:counts:{organisation_id}"


def _made_at(organisation) -> str:
    # Kept with the counts: an organisation made again with the same id (tests) does not inherit them.
    return f"{organisation.created_at.timestamp():.6f}"


def forget_counts(organisation_id: int) -> None:
    """Forget an organisation's kept counts (one write: the key needs nothing read first)."""
    cache.delete(_counts_key(organisation_id))


def _count_peers(membership: Membership) -> dict[str, int]:
    peers = visible_peers(membership)
    in_force = ConsentRecord.objects.in_force()
    if membership.role not in ORGANISATION_WIDE:
        # A caseload of a few, counted in one query: each peer's consent looked up by its index. (The
        # organisation-wide IN-list below would read every consent record of the organisation for them.)
        found = peers.aggregate(
            total=Count("pk"), with_consent=Count("pk", filter=Q(Exists(in_force.filter(peer_id=OuterRef("pk")))))
        )
        return {"peers": found["total"], "without_consent": found["total"] - found["with_consent"]}
    total = peers.count()
    # The whole organisation: plain counts with IN-subqueries, which plan well on SQLite and
    # PostgreSQL alike, where one aggregate over correlated EXISTS subqueries took seconds.
    current = Assignment.objects.current()
    since = timezone.now() - timedelta(days=30)
    return {
        "peers": total,
        "without_consent": total - peers.filter(pk__in=in_force.values("peer_id")).count(),
        "without_anyone": total - peers.filter(pk__in=current.values("peer_id")).count(),
        "withdrawn": ConsentRecord.objects.filter(withdrawn_at__gte=since).count(),
        **_count_waiting(membership),
    }


def _count_waiting(membership: Membership) -> dict[str, int]:
    """Nobody waits silently: how many peers have waited past the organisation's threshold."""
    if not can(membership, Do.SEE_WAITING_LIST):
        return {}
    return {
        "waiting_threshold": waiting_threshold(membership.organisation),
        "waiting_past_threshold": waiting_past_threshold(membership),
    }


def _count_supporters(membership: Membership) -> dict[str, int]:
    # One grouped count of current assignments, compared with capacities in Python: a correlated
    # subquery per supporter planned badly on SQLite without statistics.
    capacities = list(visible_supporters(membership).order_by().values_list("membership_id", "capacity"))
    if membership.role in ORGANISATION_WIDE:
        load = current_caseloads()
    else:  # a supervisor's supervisees, a peer supporter's own profile: only theirs
        load = current_caseloads(member_id for member_id, _ in capacities)
    at_capacity = sum(1 for member_id, capacity in capacities if load.get(member_id, 0) >= capacity)
    return {"supporters": len(capacities), "at_capacity": at_capacity}


def _count(membership: Membership) -> dict[str, int]:
    counts = {}
    if can(membership, Do.SEE_PEERS):
        counts |= _count_peers(membership)
    if can(membership, Do.SEE_SUPPORTERS):
        counts |= _count_supporters(membership)
    return counts


def _counts(membership: Membership) -> dict[str, int]:
    if membership.role not in ORGANISATION_WIDE:
        return _count(membership)
    key, made_at = _counts_key(membership.organisation_id), _made_at(membership.organisation)
    kept = cache.get(key)
    if kept is not None and kept[0] == made_at:
        return kept[1]
    counts = _count(membership)
    cache.set(key, (made_at, counts), COUNTS_SECONDS)
    return counts


def _peer_tiles(membership: Membership, counts: dict[str, int]) -> list[Tile]:
    total, without_consent = counts["peers"], counts["without_consent"]
    peer_list = reverse("people:peer_list")
    tiles = [
        Tile(str(_("Peers")), total, peer_list),
        Tile(
            str(_("Peers with no consent recorded")),
            without_consent,
            peer_list,
            without_consent > 0,
        ),
    ]
    if membership.role in (Role.ADMIN, Role.COORDINATOR):
        without_anyone = counts["without_anyone"]
        tiles.append(
            Tile(
                str(_("Peers nobody is working with yet")),
                without_anyone,
                peer_list,
                without_anyone > 0,
            )
        )
        tiles.append(Tile(str(_("Consent withdrawn in the last 30 days")), counts["withdrawn"]))
    if "waiting_past_threshold" in counts:
        waiting = counts["waiting_past_threshold"]
        label = ngettext(
            "Peers waiting for a peer supporter longer than %(days)d day",
            "Peers waiting for a peer supporter longer than %(days)d days",
            counts["waiting_threshold"],
        ) % {"days": counts["waiting_threshold"]}
        tiles.append(Tile(label, waiting, reverse("intake:waiting_list"), waiting > 0))
    return tiles


def _supporter_tiles(counts: dict[str, int]) -> list[Tile]:
    url = reverse("people:supporter_list")
    at_capacity = counts["at_capacity"]
    return [
        Tile(str(_("Peer supporters")), counts["supporters"], url),
        Tile(str(_("Peer supporters at or over capacity")), at_capacity, url, at_capacity > 0),
    ]


def dashboard_for(membership: Membership | None) -> Dashboard:
    if membership is None:
        return Dashboard(str(_("You are not part of an organisation yet")))
    board = Dashboard(str(_("Welcome, %(name)s") % {"name": membership.user.display_name}))
    counts = _counts(membership)
    if can(membership, Do.SEE_PEERS):
        board.tiles += _peer_tiles(membership, counts)
    if can(membership, Do.SEE_SUPPORTERS):
        board.tiles += _supporter_tiles(counts)
    if membership.role == Role.PEER_SUPPORTER:
        profile = getattr(membership, "supporter_profile", None)
        if profile is not None:
            mine = caseload_size(profile)
            board.tiles.append(
                Tile(str(_("Your capacity")), f"{mine} / {profile.capacity}", "", mine >= profile.capacity)
            )
    if can(membership, Do.SEE_AGGREGATES) and not can(membership, Do.SEE_PEERS):
        board.tiles.append(Tile(str(_("Figures for this organisation")), str(_("Open")), reverse("home:figures")))
    return board
