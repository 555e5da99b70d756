"""Believable matching data for the demo, at every ``--scale``: settings, wishes, supporter details,
a few exclusions (one lifted), a supporter who was once a peer here, and places to keep away from.

Called once per organisation from ``seed_demo`` (``seed_matching(self)``), after the people exist.
It draws from a random generator of its own, so the people seed_demo makes stay the same.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db.models import F

from people import choices
from people.models import Assignment, AssignmentKind, Peer, PeerSupporter

from . import core
from .keepaway import digests
from .models import Exclusion, KeepAway, MatchingSettings, PeerWishes, SupporterDetails

SUPPORTER_CULTURES = ["West African", "Romanian and Roma", "Eastern European", "Vietnamese", "Eritrean", "", "", ""]
PLACES = [
    ("area", "Northgate market"),
    ("area", "The Eastfield estate"),
    ("community", "The Sunday church on Mill Road"),
    ("workplace", "Golden Nails salon"),
    ("workplace", "Brightwash car wash"),
    ("community", "The Lotus club"),
]
NOTES = [
    "Both named the same house; keep well apart.",
    "",
    "Asked that they never meet. No details wanted.",
]


def _slots(rng: random.Random, low: int, high: int) -> list[str]:
    return sorted(rng.sample(core.SLOTS, k=rng.randint(low, high)))


def seed_matching(seeder) -> int:
    """Seed one organisation's matching rows; returns how many rows were made."""
    org = seeder.org
    rng = random.Random(f"matching-{org.slug}-{seeder.scale}")  # noqa: S311 (fictional data, repeatable)
    coordinator = seeder.role_members["coordinator"].user_id
    supporters = seeder.supporters
    peers = list(Peer.objects.filter(organisation_id=org.pk).only("pk").order_by("pk"))
    MatchingSettings.objects.create(organisation=org, good_enough=50 if seeder.spec["slug"] == "harbour" else 45)

    modes = list(choices.SupportMode.values)
    ages = [b for b in core.AGE_BANDS if b != "under_18"]
    details = [
        SupporterDetails(
            organisation_id=org.pk,
            supporter_id=s.pk,
            # Who may work alone is their responsibility level now (competence.demo, seeded before).
            age_band=rng.choice(ages),
            availability=_slots(rng, 3, 8),
            support_modes=rng.sample(modes, k=rng.randint(1, 3)),
            culture=rng.choice(SUPPORTER_CULTURES),
            staff_without_lived_experience=s.employment == choices.Employment.PAID and rng.random() < 0.1,
        )
        for s in supporters
    ]
    SupporterDetails.objects.bulk_create(details, batch_size=1000)
    # The demo fills every caseload; some supporters have just made room for someone new.
    active = [s.pk for s in supporters if s.stage == choices.SupporterStage.ACTIVE]
    making_room = active[:1] + [pk for pk in active[1:] if rng.random() < 0.5]
    PeerSupporter.objects.filter(pk__in=making_room).update(capacity=F("capacity") + 2)

    wishes = []
    for peer in peers:
        if rng.random() < 0.35:
            continue  # not asked yet: the organisation's weights stand
        wishes.append(
            PeerWishes(
                organisation_id=org.pk,
                peer_id=peer.pk,
                priorities={c: rng.choice([1, 3, 5]) for c in rng.sample(core.Criterion.ALL, k=rng.randint(1, 2))},
                availability=_slots(rng, 2, 6),
                supporter_age=rng.choice(ages) if rng.random() < 0.2 else "",
                prefers_staff_without_lived_experience=rng.random() < 0.05,
            )
        )
    PeerWishes.objects.bulk_create(wishes, batch_size=1000)

    # Exclusions recorded by the coordinator: a couple per scale step, one lifted with a reason.
    reasons = list(Exclusion._meta.get_field("reason").choices or [])
    exclusions = []
    for _ in range(2 * seeder.scale):
        exclusions.append(
            Exclusion(
                organisation_id=org.pk,
                peer_id=rng.choice(peers).pk,
                other_supporter_id=rng.choice(supporters).pk,
                reason=rng.choice(reasons)[0],
                note=rng.choice(NOTES),
                recorded_by_id=coordinator,
            )
        )
    if len(peers) > 1:
        first, second = rng.sample(peers, 2)
        exclusions.append(  # two peers, for groups later
            Exclusion(
                organisation_id=org.pk,
                peer_id=first.pk,
                other_peer_id=second.pk,
                reason="manipulation",
                recorded_by_id=coordinator,
            )
        )
    if exclusions:
        exclusions[-1].lifted_at = seeder.now - timedelta(days=3)
        exclusions[-1].lifted_by_id = coordinator
        exclusions[-1].lift_reason = "Recorded on the wrong record; checked with both."
    Exclusion.objects.bulk_create(exclusions)

    # A supporter who was once a peer here: their own former record, with an ended peer-support period.
    former = (
        Assignment.objects.filter(
            organisation_id=org.pk, kind=AssignmentKind.PEER_SUPPORT, ends_on__isnull=False, peer__in=peers
        )
        .order_by("pk")
        .values_list("peer_id", flat=True)
        .first()
    )
    if former is not None and len(details) > 1:
        SupporterDetails.objects.filter(pk=details[-1].pk).update(former_peer_id=former)

    # Places and circles to keep away from; a shared one keeps a peer and a supporter apart.
    places = []
    for _ in range(max(2, seeder.scale)):
        kind, words = rng.choice(PLACES)
        places.append(KeepAway(organisation_id=org.pk, peer_id=rng.choice(peers).pk, kind=kind, words=words))
        kind, words = rng.choice(PLACES)
        places.append(KeepAway(organisation_id=org.pk, supporter_id=rng.choice(supporters).pk, kind=kind, words=words))
    for place in places:
        place.digests = digests(place.words)
        place.recorded_by_id = coordinator
    KeepAway.objects.bulk_create(places)
    return 1 + len(details) + len(wishes) + len(exclusions) + len(places)
