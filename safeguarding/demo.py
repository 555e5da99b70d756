"""Demo safeguarding at every ``--scale``: an on-call rota, a few open concerns (one overdue, nobody
having taken it), two closed ones, staff-safety flags on some peers, aggression recorded on a couple,
and a visit whose check-out is overdue.

Called once per organisation by ``seed_demo`` (inside its transaction and ``all_organisations()``),
after the people and assignments exist. Rows are made with ``bulk_create``; returns how many.
Its own random stream, so the people seeded before stay the same.
"""

from __future__ import annotations

import random
from datetime import timedelta

from people.models import Assignment, AssignmentKind, Peer

from .choices import TAKE_WITHIN, FlagKind, Outcome, PeerTold, Report, RoutedBecause, StepKind, Urgency
from .models import (
    AggressionRecord,
    Concern,
    ConcernAction,
    ConcernRecipient,
    ConcernStep,
    OnCall,
    SafetyFlag,
    Visit,
)

WORRIES = [
    (Urgency.TODAY, "She said a man from her old work was waiting outside the hostel this morning."),
    (Urgency.THIS_WEEK, "He has not eaten properly for days and his phone was taken. He seemed frightened to talk."),
    (Urgency.THIS_WEEK, "Her landlord keeps her passport and asks for money each week."),
    (Urgency.WHEN_YOU_CAN, "They mentioned feeling very low since the court date moved."),
    (Urgency.WHEN_YOU_CAN, "He is being asked to do shifts for no pay by a cousin."),
    (Urgency.THIS_WEEK, "She missed two meetings and a friend says she moved suddenly."),
]
ACTIONS = ["Call her on the safe number", "Talk to the housing officer", "Book a meeting with the duty solicitor"]
FLAG_DETAILS = {
    FlagKind.MEET_IN_PAIRS: "",
    FlagKind.OFFICE_ONLY: "",
    FlagKind.NO_HOME_VISITS: "Someone from the old network may be living at the address.",
    FlagKind.OTHER: "Do not meet near the train station.",
}
AGGRESSION = [
    "Shouted and threw a cup when the appointment was cancelled. Calmed down after ten minutes.",
    "Threatening messages to the supporter's work phone after a difficult meeting.",
]


def seed(seeder) -> int:
    org, now, today, members = seeder.org, seeder.now, seeder.today, seeder.role_members
    rng = random.Random(f"safeguarding-{org.slug}-{seeder.scale}")  # noqa: S311 (made-up demo data)
    coordinator, admin, supervisor = members["coordinator"], members["admin"], members["supervisor"]
    supporter = members["peer_supporter"]
    rows: list = []

    OnCall.objects.bulk_create(
        [
            OnCall(
                organisation=org, starts_on=today - timedelta(days=3), ends_on=today + timedelta(days=11),
                duty_coordinator=coordinator, default_deputy=admin, added_by=coordinator,
            )
        ]
    )  # fmt: skip
    rows.append(1)

    # The demo peer supporter's own peers first (so their sign-in shows their concerns), then others'.
    current = list(
        Assignment.objects.current()
        .filter(organisation=org, kind=AssignmentKind.PEER_SUPPORT, worker__isnull=False)
        .select_related("worker__supporter_profile")
        .order_by("pk")
    )
    own = [a for a in current if a.worker_id == supporter.pk]
    others = [a for a in current if a.worker_id != supporter.pk and getattr(a.worker, "supporter_profile", None)]
    picked = (own + rng.sample(others, k=min(len(others), len(WORRIES))))[: len(WORRIES)]

    concerns, recipients, steps, actions = [], [], [], []
    for i, (assignment, (urgency, words)) in enumerate(zip(picked, WORRIES, strict=False)):
        raised_at = now - timedelta(hours=5 if i == 0 else rng.randint(6, 24 * 9))
        taken = i not in (0, 1)  # the first is overdue and nobody has it; the second is new
        closed = i >= 4
        concern = Concern(
            organisation=org,
            peer_id=assignment.peer_id,
            raised_by_id=assignment.worker_id,
            raised_at=raised_at,
            urgency=urgency,
            what_happened=words,
            take_by=raised_at + TAKE_WITHIN[urgency],
            owner=supervisor if taken else None,
            taken_at=raised_at + timedelta(hours=1) if taken else None,
            peer_told=PeerTold.YES if taken else PeerTold.NOT_YET,
            peer_wishes="Does not want the police involved yet; happy for us to talk to housing." if taken else "",
            report=Report.NOT_REPORTED if closed else Report.NOT_DECIDED,
            report_decided_by=supervisor if closed else None,
            outcome=rng.choice([Outcome.SAFE_NOW, Outcome.REFERRED]) if closed else "",
            closed_at=raised_at + timedelta(days=2) if closed else None,
        )
        if i == 1:  # the second one is new: raised a few minutes ago
            concern.raised_at = now - timedelta(minutes=20)
            concern.take_by = concern.raised_at + TAKE_WITHIN[urgency]
        concerns.append(concern)
    Concern.objects.bulk_create(concerns)
    for i, concern in enumerate(concerns):
        boss = concern.raised_by_id
        supervisor_id = next(a.worker.supporter_profile.supervisor_id for a in picked if a.worker_id == boss)
        for member_id, because in (
            (supervisor_id, RoutedBecause.SUPERVISOR),
            (coordinator.pk, RoutedBecause.DUTY_COORDINATOR),
        ):
            if member_id and member_id != boss:
                recipients.append(
                    ConcernRecipient(organisation=org, concern=concern, membership_id=member_id, because=because)
                )
        steps.append(
            ConcernStep(organisation=org, concern=concern, kind=StepKind.RAISED, by_id=boss, at=concern.raised_at)
        )
        if concern.owner_id:
            steps.append(
                ConcernStep(organisation=org, concern=concern, kind=StepKind.TAKEN, by=supervisor, at=concern.taken_at)
            )
            actions.append(
                ConcernAction(
                    organisation=org, concern=concern, what=ACTIONS[i % len(ACTIONS)], added_by=supervisor,
                    due_on=today + timedelta(days=rng.randint(1, 6)) if concern.is_open else concern.closed_at.date(),
                    done_at=concern.closed_at, done_by=supervisor if concern.closed_at else None,
                )
            )  # fmt: skip
        if concern.closed_at:
            steps.append(
                ConcernStep(
                    organisation=org, concern=concern, kind=StepKind.OUTCOME, by=supervisor, at=concern.closed_at
                )
            )
    ConcernRecipient.objects.bulk_create(recipients)
    ConcernStep.objects.bulk_create(steps)
    ConcernAction.objects.bulk_create(actions)

    # Flags on about one peer in twenty (and always on one of the demo supporter's own).
    peer_ids = list(
        Peer.objects.filter(organisation=org, erased_at__isnull=True).order_by("pk").values_list("pk", flat=True)
    )
    flagged = set(rng.sample(peer_ids, k=max(2, len(peer_ids) // 20)))
    if own:
        flagged.add(own[0].peer_id)
    kinds = list(FLAG_DETAILS)
    flags = [
        SafetyFlag(
            organisation=org,
            peer_id=peer_id,
            kind=(kind := rng.choice(kinds)),
            details=FLAG_DETAILS[kind],
            added_by=coordinator,
        )
        for peer_id in sorted(flagged)
    ]
    SafetyFlag.objects.bulk_create(flags, batch_size=1000)
    aggression = [
        AggressionRecord(
            organisation=org, peer_id=peer_id, happened_on=today - timedelta(days=rng.randint(10, 200)),
            description=words, recorded_by=coordinator,
        )
        for peer_id, words in zip(sorted(flagged)[:2], AGGRESSION, strict=False)
    ]  # fmt: skip
    AggressionRecord.objects.bulk_create(aggression)

    visits = []
    if own:
        visits.append(
            Visit(
                organisation=org, peer_id=own[-1].peer_id, visitor=supporter, where="The community centre on Hope Street",
                checked_in_at=now - timedelta(hours=2), back_by=now - timedelta(minutes=40),
            )
        )  # fmt: skip
    Visit.objects.bulk_create(visits)
    return (
        len(rows)
        + len(concerns)
        + len(recipients)
        + len(steps)
        + len(actions)
        + len(flags)
        + len(aggression)
        + len(visits)
    )
