"""Demo referrals: about a quarter of the peers who have someone working with them were referred to a
partner, by that worker, with a few details each; every stage is there (waiting, acknowledged, a
first appointment, an outcome), a few warm handoffs, a few overdue, one or two where the peer took
back what they shared. No partner links: a demo has no partner to answer them.

Called once per organisation from ``seed_demo`` (after its peers, contacts and assignments), at every
``--scale``; its own random stream; rows made with ``bulk_create``. Returns how many.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone

from people.models import Assignment, ContactMethod

from .models import EndedBecause, Outcome, Referral, SharedItem, Status, Step, StepKind, WarmHandoff

ASKED = [
    "An assessment for emergency housing this week; she is sofa-surfing.",
    "Advice on her immigration status before the Home Office interview.",
    "Counselling in Romanian, if there is a counsellor who speaks it.",
    "Help with a Universal Credit claim and a bank account.",
    "A GP registration and a first health check.",
    "Someone to talk to about the court date and what to expect.",
    "A place on the employment course starting next month.",
]
NOTES = ["", "", "Please call before writing: letters are not safe.", "Prefers appointments in the morning."]
ITEM_SETS = [
    ["chosen_name", "asked"],
    ["chosen_name", "languages", "asked"],
    ["chosen_name", "pronouns", "needs", "asked", "contact"],
    ["chosen_name", "age_band", "asked", "safe_times", "contact"],
    ["asked", "needs", "note"],
]
FIRST = [60, 10, 18, 45]  # days ago: overdue and never acknowledged, acknowledged, an appointment, an outcome
OUTCOMES = [Outcome.HELPED, Outcome.HELPED, Outcome.HELPED, Outcome.NOT_ELIGIBLE, Outcome.DID_NOT_GO, Outcome.OTHER]


def seed(seeder) -> int:
    org, today = seeder.org, seeder.today
    rng = random.Random(f"referrals-{org.slug}-{seeder.scale}")  # noqa: S311 (made-up demo data)
    partners = list(seeder.partners)
    if not partners:
        return 0
    current = (
        Assignment.objects.filter(organisation=org, ends_on__isnull=True, worker__isnull=False)
        .order_by("peer_id", "pk")
        .values_list("peer_id", "worker__user_id")
    )
    workers: dict[int, int] = {}
    for peer_id, user_id in current:
        workers.setdefault(peer_id, user_id)
    safe_contact = dict(
        ContactMethod.objects.filter(organisation=org, is_safe=True).order_by("pk").values_list("peer_id", "pk")
    )
    plans = []
    for n, (peer_id, user_id) in enumerate(workers.items()):
        if rng.random() >= 0.25 and n >= len(FIRST):
            continue
        # The first few show every stage, even at the smallest scale: waiting (and overdue), acknowledged,
        # a first appointment, an outcome.
        days_ago = FIRST[len(plans)] if len(plans) < len(FIRST) else rng.choice([1, 3, 5, 12, 20, 35, 60, 90])
        made = timezone.now() - timedelta(days=days_ago, hours=rng.randint(0, 8))
        items = list(rng.choice(ITEM_SETS))
        if "contact" in items and peer_id not in safe_contact:
            items.remove("contact")
        plans.append((peer_id, user_id, made, items, days_ago))
    referrals = []
    for peer_id, user_id, made, items, days_ago in plans:
        made_on = timezone.localtime(made).date()
        status, outcome, appointment = _how_far(rng, days_ago, made_on, today)
        ended = status != Status.CLOSED and rng.random() < 0.05
        referrals.append(
            Referral(
                organisation=org,
                peer_id=peer_id,
                partner=rng.choice(partners),
                partner_email=f"referrals@partner-{rng.randint(1, 99)}.example",
                asked=rng.choice(ASKED),
                note_for_partner=rng.choice(NOTES),
                contact_method_id=safe_contact.get(peer_id) if "contact" in items else None,
                warm_handoff=WarmHandoff.GOES_ALONG
                if days_ago == FIRST[2]
                else rng.choice([WarmHandoff.NONE] * 3 + [WarmHandoff.GOES_ALONG, WarmHandoff.INTRODUCES]),
                made_by_id=user_id,
                made_at=made,
                explained_by_id=user_id,
                explained_at=made - timedelta(minutes=20),
                status=status,
                acknowledge_by=made_on + timedelta(days=7),
                outcome_by=made_on + timedelta(days=42),
                appointment_on=appointment,
                outcome=outcome,
                sharing_ended_at=made + timedelta(days=1) if ended else None,
                sharing_ended_because=EndedBecause.TAKEN_BACK if ended else "",
            )
        )
    field = Referral._meta.get_field("made_at")
    field.auto_now_add = False  # keep the past moments given (as seed_demo's given_value does)
    try:
        referrals = Referral.objects.bulk_create(referrals, batch_size=1000)
    finally:
        field.auto_now_add = True
    items, steps = [], []
    for referral, (_peer, user_id, made, codes, _days) in zip(referrals, plans, strict=True):
        for code in codes:
            items.append(
                SharedItem(organisation=org, referral=referral, code=code, taken_back_at=referral.sharing_ended_at)
            )
        steps += _steps(org, referral, user_id, made)
    SharedItem.objects.bulk_create(items, batch_size=2000)
    at = Step._meta.get_field("at")
    at.auto_now_add = False
    try:
        Step.objects.bulk_create(steps, batch_size=2000)
    finally:
        at.auto_now_add = True
    return len(referrals) + len(items) + len(steps)


def _how_far(rng, days_ago, made_on, today):
    """Where a referral made ``days_ago`` has got to. Some sent long ago were never acknowledged (overdue)."""
    draw = rng.random() if days_ago not in FIRST else 1.0
    if days_ago == FIRST[0]:
        return Status.SENT, "", None
    if days_ago <= 3 or draw < 0.15:
        return Status.SENT, "", None
    if days_ago <= 12 or draw < 0.35:
        return Status.ACKNOWLEDGED, "", None
    appointment = min(made_on + timedelta(days=rng.randint(5, 20)), today + timedelta(days=10))
    if days_ago <= 20 or draw < 0.55:
        return Status.APPOINTMENT, "", appointment
    return Status.CLOSED, rng.choice(OUTCOMES), appointment


def _steps(org, referral: Referral, user_id: int, made: datetime) -> list[Step]:
    def step(kind, days, **extra):
        by_partner = kind in (StepKind.ACKNOWLEDGED, StepKind.APPOINTMENT, StepKind.OUTCOME)
        return Step(
            organisation=org, referral=referral, kind=kind, at=made + timedelta(days=days),
            by_id=None if by_partner else user_id, by_partner=by_partner, **extra,
        )  # fmt: skip

    steps = [step(StepKind.SENT, 0)]
    order = [Status.SENT, Status.ACKNOWLEDGED, Status.APPOINTMENT, Status.CLOSED]
    reached = order.index(referral.status)
    if reached >= 1:
        steps.append(step(StepKind.ACKNOWLEDGED, 2))
    if reached >= 2:
        steps.append(step(StepKind.APPOINTMENT, 4, on=referral.appointment_on))
    if reached >= 3:
        steps.append(step(StepKind.OUTCOME, 25, outcome=referral.outcome))
    if referral.sharing_ended_at is not None:
        steps.append(Step(organisation=org, referral=referral, kind=StepKind.SHARING_ENDED,
                          at=referral.sharing_ended_at, by_id=user_id))  # fmt: skip
    return steps
