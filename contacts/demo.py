"""The demo's contact log: contacts over the last months on most current supports (a few peers gone
quiet, one or two drifted away and one back), one-off contacts at the drop-in, the organisation's
goods. Called once per organisation by ``seed_demo`` after the assignments and agreements exist;
bulk-created; returns how many rows.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone

from agreements.models import SupportAgreement
from people.choices import NeedDomain
from people.models import Assignment, Need

from . import rules
from .choices import Engagement, How, Kind
from .models import Contact, ContactGoods, EngagementMark, GoodsKind

GOODS = ["Food parcel", "Travel pass", "Phone credit", "Hygiene kit", "Clothing"]
NOTES = [
    "Talked about the housing appointment next week; she wants me to come along.",
    "Quiet today. Said the new room is warmer.",
    "Went to the GP together. Next step: the prescription.",
    "He asked about English classes at the college.",
    "Tired after the solicitor's letter. We planned a walk for Thursday.",
    "Celebrated a first week at work.",
]
HOW_WEIGHTS = [(How.IN_PERSON, 5), (How.PHONE, 4), (How.TEXT, 3), (How.ONLINE, 1)]
KIND_WEIGHTS = [
    (Kind.CHECK_IN, 6), (Kind.EMOTIONAL, 5), (Kind.PRACTICAL, 3), (Kind.APPOINTMENT, 2), (Kind.COACHING, 2),
    (Kind.CRISIS, 1),
]  # fmt: skip
LENGTH_WEIGHTS = [(15, 4), (30, 5), (45, 3), (60, 3), (90, 1), (120, 1)]
WEEKS = 16
HOURS_OF_DAY = [9, 10, 11, 13, 14, 15, 16, 18, 19]


def _pick(rng: random.Random, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def seed_contacts(seeder) -> int:
    org = seeder.org
    rng = random.Random(f"contacts-{org.slug}")  # noqa: S311 (fictional demo data); seeder.rng is left as it is
    now = timezone.now()
    kinds = GoodsKind.objects.bulk_create([GoodsKind(organisation=org, name=name) for name in GOODS])
    assignments = list(
        Assignment.objects.current()
        .filter(organisation=org, worker__isnull=False, peer__erased_at__isnull=True)
        .values_list("pk", "peer_id", "worker_id", "starts_on", "kind")
        .order_by("pk")
    )
    needs: dict[int, list[str]] = {}
    for peer_id, domain in Need.objects.filter(organisation=org).values_list("peer_id", "domain"):
        needs.setdefault(peer_id, []).append(domain)
    agreed = {
        a: (channels, never, times)
        for a, channels, never, times in SupportAgreement.objects.filter(organisation=org)
        .order_by("assignment_id", "version")
        .values_list("assignment_id", "channels", "never_channels", "agreed_times")
    }  # the newest version of each wins
    contacts: list[Contact] = []
    marks: list[EngagementMark] = []
    for pk, peer_id, worker_id, starts_on, _kind in assignments:
        quiet = rng.random() < 0.12  # gone quiet: nothing in the last month or more
        began = max(starts_on, (now - timedelta(weeks=WEEKS)).date())
        day = began + timedelta(days=rng.randint(0, 6))
        last_day = (now - timedelta(weeks=rng.randint(4, 8))).date() if quiet else timezone.localdate()
        while day <= last_day:
            moment = timezone.make_aware(
                datetime.combine(day, datetime.min.time()).replace(hour=rng.choice(HOURS_OF_DAY))
            )
            if moment < now:
                how = _pick(rng, HOW_WEIGHTS)
                channels, never, times = agreed.get(pk, ((), (), ()))
                own = needs.get(peer_id) or list(NeedDomain.values)
                contacts.append(
                    Contact(
                        organisation=org, peer_id=peer_id, assignment_id=pk, worker_id=worker_id, happened_at=moment,
                        how=how, minutes=_pick(rng, LENGTH_WEIGHTS), kind=_pick(rng, KIND_WEIGHTS),
                        needs=sorted(rng.sample(own, k=min(len(own), rng.randint(0, 2)))),
                        note=rng.choice(NOTES) if rng.random() < 0.25 else "",
                        outside=rules.outside_reasons(
                            how, timezone.localtime(moment), channels=channels, never_channels=never, agreed_times=times
                        ),
                    )
                )  # fmt: skip
            day += timedelta(days=rng.choice([4, 6, 7, 7, 7, 10, 14]))
        if quiet and rng.random() < 0.3:
            marks.append(EngagementMark(organisation=org, peer_id=peer_id, assignment_id=pk, status=Engagement.DRIFTED))
            if rng.random() < 0.3:
                marks.append(
                    EngagementMark(organisation=org, peer_id=peer_id, assignment_id=pk, status=Engagement.BACK)
                )
    # One-off contacts at the drop-in: a few a week, nobody named.
    workers = sorted({w for _, _, w, _, _ in assignments}) or [seeder.role_members["coordinator"].pk]
    for _ in range(max(12, len(assignments) // 4)):
        moment = now - timedelta(days=rng.randint(0, WEEKS * 7), hours=rng.randint(0, 8))
        contacts.append(
            Contact(
                organisation=org, worker_id=rng.choice(workers), happened_at=moment, how=rng.choice([How.IN_PERSON, How.PHONE]),
                minutes=rng.choice([15, 15, 30]), kind=rng.choice([Kind.PRACTICAL, Kind.CHECK_IN, Kind.EMOTIONAL]),
                needs=[rng.choice(["housing", "financial", "medical", "immigration"])],
            )
        )  # fmt: skip
    Contact.objects.bulk_create(contacts, batch_size=2000)
    goods = [
        ContactGoods(organisation=org, contact_id=c.pk, kind=rng.choice(kinds), quantity=rng.randint(1, 2))
        for c in contacts
        if c.kind == Kind.PRACTICAL or (c.peer_id is None and rng.random() < 0.5)
    ]
    ContactGoods.objects.bulk_create(goods, batch_size=2000)
    EngagementMark.objects.bulk_create(marks)
    return len(kinds) + len(contacts) + len(goods) + len(marks)
