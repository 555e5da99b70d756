"""The demo's endings and cover: supports that ended with a reason and a closing conversation, one
ending planned, and a peer supporter away (an absence) with a named cover for each of their peers,
most of whom have been told. At every ``--scale`` (one supporter away, and one more per ten of scale).

Called once per organisation from ``seed_demo`` after the assignments, matching and batches. Its own
random stream, so the people seeded before stay the same. Rows are made with ``bulk_create``.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from absences.models import Absence, AbsenceKind
from people.choices import EndingReason
from people.models import Assignment, AssignmentKind, ContactMethod

from . import services
from .choices import ComeBackTo
from .models import ClosingConversation, Cover

REASONS = [EndingReason.GOALS_MET] * 3 + [
    EndingReason.MOVING_ON,
    EndingReason.MOVING_AWAY,
    EndingReason.PEER_CHOSE,
    EndingReason.SUPPORTER_LEAVING,
    EndingReason.AGEING_OUT,
    EndingReason.PREFER_NOT,
]
WORDS = [
    "I know where to go now when things get hard. Thank you for coming to the appointments with me.",
    "I have my own flat and a job at the bakery. I don't need to meet every week any more.",
    "I am moving to be near my sister. I will miss our walks by the river.",
    "It helped to talk to someone who understood without me explaining everything.",
    "I'm tired of talking about it for now. Maybe later.",
    "",
]
COME_BACK = [ComeBackTo.SAME_SUPPORTER] * 3 + [ComeBackTo.WHOEVER, ComeBackTo.SOMEONE_NEW, ComeBackTo.NOT_SAID]
IF_BACK = ["", "", "A text first, please, never a call.", "Meet at the library again, not the drop-in."]


def seed(seeder) -> int:
    org, today = seeder.org, seeder.today
    rng = random.Random(f"continuity-{org.slug}-{seeder.scale}")  # noqa: S311 (made-up demo data)
    coordinator = seeder.role_members["coordinator"]
    rows = _endings(org, today, rng, coordinator)
    rows += _away_with_cover(seeder, org, today, rng, coordinator)
    return rows


def _endings(org, today, rng, coordinator) -> int:
    ended = list(
        Assignment.objects.filter(
            organisation=org, kind=AssignmentKind.PEER_SUPPORT, worker__isnull=False, ends_on__lt=today
        ).order_by("pk")
    )
    for assignment in ended:
        assignment.ending_reason = rng.choice(REASONS) if rng.random() < 0.8 else ""
    if ended:
        ended[0].ending_reason = EndingReason.GOALS_MET  # the one with a closing conversation, below
    Assignment.objects.bulk_update(ended, ["ending_reason"], batch_size=2000)
    conversations = [
        ClosingConversation(
            organisation=org,
            peer_id=a.peer_id,
            assignment=a,
            had_on=max(a.ends_on - timedelta(days=rng.randint(0, 7)), a.starts_on),
            in_their_words=WORDS[0] if i == 0 else rng.choice(WORDS),
            come_back_to=ComeBackTo.SAME_SUPPORTER if i == 0 else rng.choice(COME_BACK),
            if_they_come_back=rng.choice(IF_BACK),
            recorded_by_id=a.worker.user_id if a.worker_id else None,
        )
        for i, a in enumerate(Assignment.objects.filter(pk__in=[a.pk for a in ended]).select_related("worker"))
        if i == 0 or rng.random() < 0.5
    ]
    ClosingConversation.objects.bulk_create(conversations, batch_size=2000)
    # One planned ending (goals met, in three weeks) on a support that goes on, per 50 or so.
    going_on = list(
        Assignment.objects.current()
        .filter(organisation=org, kind=AssignmentKind.PEER_SUPPORT, worker__isnull=False, ends_on__isnull=True)
        .order_by("pk")
    )
    planned = going_on[-max(1, len(going_on) // 50) :] if going_on else []
    for assignment in planned:
        assignment.ends_on = today + timedelta(days=rng.randint(10, 30))
        assignment.ending_reason = rng.choice([EndingReason.GOALS_MET, EndingReason.MOVING_ON])
    Assignment.objects.bulk_update(planned, ["ends_on", "ending_reason"])
    return len(conversations)


def _away_with_cover(seeder, org, today, rng, coordinator) -> int:
    """A few supporters with peers are away (not the demo's own peer-supporter sign-in, who may cover,
    unless nobody else has peers)."""
    login = seeder.role_members["peer_supporter"].pk
    current = Assignment.objects.current().filter(
        organisation=org, kind=AssignmentKind.PEER_SUPPORT, worker__isnull=False
    )
    with_peers = sorted(set(current.exclude(worker=login).values_list("worker_id", flat=True)))
    if not with_peers:  # a small organisation: the demo's own peer supporter is the one away
        with_peers = sorted(set(current.values_list("worker_id", flat=True)))
    if not with_peers:
        return 0
    away_ids = rng.sample(with_peers, k=min(len(with_peers), max(1, seeder.scale // 10)))
    rows = 0
    for n, member_id in enumerate(away_ids):
        started = today - timedelta(days=rng.randint(0, 3))
        absence = Absence.objects.create(  # a new absence: nothing to follow yet
            organisation=org,
            member_id=member_id,
            starts_on=started,
            ends_on=today + timedelta(days=rng.randint(5, 14)),
            kind=rng.choice(list(AbsenceKind.values)),
            recorded_by_id=coordinator.user_id,
        )
        rows += 1 + _cover(org, absence, started, rng, coordinator, tell_all=n == 0)
    return rows


def _cover(org, absence, started, rng, coordinator, *, tell_all: bool) -> int:
    plan = services.cover_plan(absence)  # the same suggestions the coordinator's page makes
    chosen = [(row, row.suggested or (row.options[0] if row.options else None)) for row in plan]
    chosen = [(row, supporter) for row, supporter in chosen if supporter is not None]
    if not chosen:
        return 0
    assignments = Assignment.objects.bulk_create(
        [
            Assignment(
                organisation=org,
                peer_id=row.peer.pk,
                worker_id=supporter.membership_id,
                kind=AssignmentKind.COVER,
                starts_on=max(started, row.support.starts_on),
                ends_on=row.ends_on,
                reason="Cover while their peer supporter is away.",
                created_by_id=coordinator.user_id,
            )
            for row, supporter in chosen
        ]
    )
    safe = {}
    for method in ContactMethod.objects.filter(peer__in=[row.peer.pk for row, _ in chosen], is_safe=True):
        safe.setdefault(method.peer_id, method)
    covers = []
    for (row, supporter), assignment in zip(chosen, assignments, strict=True):
        assignment.worker = supporter.membership
        cover = Cover(
            organisation=org, peer_id=row.peer.pk, assignment=assignment, covers=row.support, absence=absence,
            arranged_by_id=coordinator.user_id,
        )  # fmt: skip
        method = safe.get(row.peer.pk)
        if method is not None and (tell_all or rng.random() < 0.7):
            language = services.peers_language(row.peer, "en")
            cover.told_at = _morning_of(assignment.starts_on)
            cover.told_by_id = coordinator.user_id
            cover.told_channel, cover.told_language = method.channel, language
            cover.told_until = assignment.ends_on
            cover.message = services.cover_message(cover, language)
        covers.append(cover)
    Cover.objects.bulk_create(covers)
    return len(assignments) + len(covers)


def _morning_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))
