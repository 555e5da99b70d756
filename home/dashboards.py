"""The handful of numbers each role acts on."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from access.policy import Do, can, visible_peers, visible_supporters
from consent.models import ConsentRecord
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


def _peer_tiles(membership: Membership) -> list[Tile]:
    # Three plain counts with IN-subqueries: they plan well on SQLite and PostgreSQL alike, where
    # one aggregate over correlated EXISTS subqueries took seconds on a large organisation.
    peers = visible_peers(membership)
    in_force = ConsentRecord.objects.in_force()
    current = Assignment.objects.current()
    total = peers.count()
    without_consent = total - peers.filter(pk__in=in_force.values("peer_id")).count()
    without_anyone = total - peers.filter(pk__in=current.values("peer_id")).count()
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
        tiles.append(
            Tile(
                str(_("Peers nobody is working with yet")),
                without_anyone,
                peer_list,
                without_anyone > 0,
            )
        )
        since = timezone.now() - timedelta(days=30)
        withdrawn = ConsentRecord.objects.filter(withdrawn_at__gte=since).count()
        tiles.append(Tile(str(_("Consent withdrawn in the last 30 days")), withdrawn))
    return tiles


def _supporter_tiles(membership: Membership) -> list[Tile]:
    supporters = visible_supporters(membership)
    # One grouped count of current assignments, compared with capacities in Python: a correlated
    # subquery per supporter planned badly on SQLite without statistics.
    load = current_caseloads()
    capacities = list(supporters.values_list("membership_id", "capacity"))
    at_capacity = sum(1 for member_id, capacity in capacities if load.get(member_id, 0) >= capacity)
    url = reverse("people:supporter_list")
    return [
        Tile(str(_("Peer supporters")), len(capacities), url),
        Tile(str(_("Peer supporters at or over capacity")), at_capacity, url, at_capacity > 0),
    ]


def dashboard_for(membership: Membership | None) -> Dashboard:
    if membership is None:
        return Dashboard(str(_("You are not part of an organisation yet")))
    board = Dashboard(str(_("Welcome, %(name)s") % {"name": membership.user.display_name}))
    if can(membership, Do.SEE_PEERS):
        board.tiles += _peer_tiles(membership)
    if can(membership, Do.SEE_SUPPORTERS):
        board.tiles += _supporter_tiles(membership)
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
