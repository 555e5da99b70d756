"""The demo's diary: for most current assignments, a few meetings and appointments this week and
next (some with a place), one or two earlier ones that happened or did not take place, now and then
a cancelled one; the demo's own peer supporter has reminders the day before.

Called once per organisation by ``seed_demo`` (inside its transaction and ``all_organisations()``),
after the assignments exist. Rows are made with ``bulk_create``; returns how many.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from organisations.models import Membership, Organisation
from people.models import Assignment

from .choices import Kind, ReminderLead, Status
from .models import DiarySettings, Meeting
from .services import remind_at_for

PLACES = [
    "",
    "",
    "The library café",
    "Community centre, room 2",
    "St Anne's health centre",
    "The drop-in, Canal Street",
    "Civic centre, housing desk",
    "Magistrates' court, main entrance",
]
NOTES = ["", "", "", "Bring the letter from the council.", "Meet outside first.", "Interpreter booked."]
KINDS = [Kind.MEETING] * 6 + [Kind.DOCTOR, Kind.HOUSING, Kind.COURT, Kind.OTHER]
HOURS = [10, 11, 13, 14, 15, 16]


def seed_diary(organisation: Organisation, *, seed: int, reminded: Membership) -> int:
    """``seed`` comes from the demo's own random state (without drawing from it); ``reminded`` is the
    member who has chosen reminders the day before."""
    rng = random.Random(seed)  # noqa: S311 (fictional demo data, not secrets)
    today, now = timezone.localdate(), timezone.now()
    settings = DiarySettings.objects.create(
        organisation=organisation, membership=reminded, reminder_lead=ReminderLead.DAY
    )
    current = (
        Assignment.objects.current()
        .filter(organisation=organisation, worker__isnull=False)
        .values_list("pk", "peer_id", "worker_id", "worker__user_id")
        .order_by("pk")
    )
    rows = []
    for assignment_id, peer_id, worker_id, user_id in current:
        if rng.random() < 0.2:
            continue  # nothing in the diary with them yet
        for days in rng.sample([-9, -6, -2, 1, 2, 3, 5, 8, 10, 12], k=rng.randint(1, 4)):
            minute = rng.choice([0, 0, 30])
            starts_at = timezone.make_aware(
                datetime.combine(today + timedelta(days=days), time(rng.choice(HOURS), minute))
            )
            status = Status.PLANNED
            if starts_at < now:
                status = Status.HAPPENED if rng.random() < 0.8 else Status.MISSED
            elif rng.random() < 0.08:
                status = Status.CANCELLED
            lead = ReminderLead.DAY if worker_id == reminded.pk else ReminderLead.NONE
            rows.append(
                Meeting(
                    organisation=organisation,
                    peer_id=peer_id,
                    assignment_id=assignment_id,
                    kind=rng.choice(KINDS),
                    starts_at=starts_at,
                    minutes=rng.choice([30, 45, 60, 60, 90, 120]),
                    place=rng.choice(PLACES),
                    note=rng.choice(NOTES),
                    status=status,
                    remind_at=remind_at_for(starts_at, lead, now=now) if status == Status.PLANNED else None,
                    planned_by_id=user_id,
                )
            )
    _every_state_shown(rows)
    Meeting.objects.bulk_create(rows, batch_size=1000)
    return len(rows) + (1 if settings else 0)


def _every_state_shown(rows: list[Meeting]) -> None:
    """However small the organisation, the demo shows a meeting that did not take place and a
    cancelled one (the first of those that would have happened or were planned)."""
    statuses = {row.status for row in rows}
    for wanted, instead_of in ((Status.MISSED, Status.HAPPENED), (Status.CANCELLED, Status.PLANNED)):
        if wanted not in statuses:
            row = next((r for r in rows if r.status == instead_of), None)
            if row is not None:
                row.status, row.remind_at = wanted, None
