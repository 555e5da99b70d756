"""Demo intakes: how each peer came to us, their intake conversation, and believable waits.

Called once per organisation from ``seed_demo`` (after its peers and assignments), at every
``--scale``: peers with a peer supporter had their conversation when they arrived; of those without,
most would like one now (a few waiting past the organisation's threshold), some asked to be asked
again later, a few said no. Its own random stream, so the people seeded before stay the same.
"""

from __future__ import annotations

import random
from datetime import timedelta

from people.models import Assignment, AssignmentKind, Peer

from .models import (
    DEFAULT_WAITING_THRESHOLD_DAYS,
    Arrival,
    ArrivalRoute,
    BasicNeed,
    IntakeConversation,
    NetworkLink,
    SafeAnswer,
    WaitingReason,
    WaitingSettings,
    WaitingStatus,
    WantsPeerSupport,
)

SAFETY_NOTES = ["", "", "", "Meet at the drop-in only, never near where they stay.", "No letters to the address."]
PLACES = ["", "", "", "", "The market on Station Road", "The car wash on the ring road"]
NEEDS_NOTES = ["", "", "", "Hostel place ends at the end of the month.", "Waiting for a GP appointment."]
WANTS_NOTES = ["", "", "", "Would like someone who has been through the asylum process.", "Prefers to meet online."]
NEEDS = [BasicNeed.HOUSING, BasicNeed.FOOD, BasicNeed.SAFETY, BasicNeed.HEALTH, BasicNeed.LEGAL, BasicNeed.MONEY]


def seed(seeder) -> int:
    """Intakes for one organisation's demo peers; returns the number of rows made."""
    org, today = seeder.org, seeder.today
    rng = random.Random(f"intake-{org.slug}-{seeder.scale}")  # noqa: S311 (made-up demo data)
    coordinator = seeder.role_members["coordinator"].user_id
    partners = list(seeder.partners)
    threshold = DEFAULT_WAITING_THRESHOLD_DAYS if org.slug != "riverside" else 21
    WaitingSettings.objects.bulk_create([WaitingSettings(organisation=org, threshold_days=threshold)])
    support = Assignment.objects.filter(organisation=org, kind=AssignmentKind.PEER_SUPPORT)
    matched = set(support.filter(ends_on__isnull=True).values_list("peer_id", flat=True))
    had_support = set(support.values_list("peer_id", flat=True))
    peers = list(Peer.objects.filter(organisation=org).order_by("pk").values_list("pk", "created_at"))
    conversations, arrivals, statuses = [], [], []
    long_waits = 0
    for peer_id, created_at in peers:
        arrived_on = created_at.date()
        if peer_id in matched:
            wants, had_on, ask_again = WantsPeerSupport.NOW, arrived_on, None
        elif long_waits < 3 and peer_id not in had_support:
            # Every organisation has a few who have waited past its threshold: nobody waits silently.
            long_waits += 1
            wants, had_on, ask_again = (
                WantsPeerSupport.NOW,
                today - timedelta(days=threshold + rng.randint(4, 60)),
                None,
            )
            arrived_on = min(arrived_on, had_on)
        else:
            draw = rng.random()
            if draw < 0.08:
                continue  # not had yet
            # Most waits are short; a few stretch out (about one in ten past the threshold).
            had_on = today - timedelta(days=min(int(rng.expovariate(1 / 10)) + 1, 90))
            ask_again = None
            if draw < 0.7:
                wants = WantsPeerSupport.NOW
            elif draw < 0.85:
                wants = rng.choice([WantsPeerSupport.LATER, WantsPeerSupport.NOT_SURE])
                ask_again = had_on + timedelta(days=rng.choice([30, 60, 90]))
            else:
                wants = rng.choice([WantsPeerSupport.NOT_AT_ALL, WantsPeerSupport.PREFER_NOT])
        had_on = max(had_on, arrived_on)  # never before they came
        link = NetworkLink.MAYBE if rng.random() < 0.03 else rng.choice([NetworkLink.NO, NetworkLink.NO, ""])
        needs_first = rng.sample(NEEDS, k=rng.choice([0, 0, 1, 1, 2])) or [BasicNeed.NONE]
        conversations.append(
            IntakeConversation(
                organisation_id=org.pk,
                peer_id=peer_id,
                had_on=had_on,
                safe_to_come=rng.choice([SafeAnswer.YES, SafeAnswer.YES, SafeAnswer.NOT_SURE, ""]),
                safe_to_contact=rng.choice([SafeAnswer.YES, SafeAnswer.YES, SafeAnswer.NOT_SURE, SafeAnswer.NO]),
                safety_notes=rng.choice(SAFETY_NOTES),
                network_link=link,
                network_notes="Said a cousin of someone they fear volunteers locally." if link == "maybe" else "",
                places_to_avoid=rng.choice(PLACES),
                needs_first=needs_first,
                needs_first_notes=rng.choice(NEEDS_NOTES),
                wants_peer_support=wants,
                ask_again_on=ask_again,
                wants_notes=rng.choice(WANTS_NOTES),
                ready_since=ask_again if ask_again else (had_on if wants == WantsPeerSupport.NOW else None),
                recorded_by_id=coordinator,
            )
        )
        route = rng.choice(ArrivalRoute.values[:3] * 3 + [ArrivalRoute.OTHER, ArrivalRoute.PREFER_NOT])
        arrivals.append(
            Arrival(
                organisation_id=org.pk,
                peer_id=peer_id,
                route=route,
                partner_id=rng.choice(partners).pk if route == ArrivalRoute.PARTNER and partners else None,
                arrived_on=arrived_on,
                recorded_by_id=coordinator,
            )
        )
        if peer_id not in matched and wants == WantsPeerSupport.NOW and rng.random() < 0.6:
            statuses.append(
                WaitingStatus(
                    organisation_id=org.pk,
                    peer_id=peer_id,
                    reason=rng.choice([WaitingReason.NO_SAFE_FIT, WaitingReason.WAITING_FOR_LANGUAGE]),
                    set_by_id=coordinator,
                )
            )
    IntakeConversation.objects.bulk_create(conversations, batch_size=1000)
    Arrival.objects.bulk_create(arrivals, batch_size=1000)
    WaitingStatus.objects.bulk_create(statuses, batch_size=1000)
    return 1 + len(conversations) + len(arrivals) + len(statuses)
