"""Demo supervision at every ``--scale``: for each supporter shadowing or active with a supervisor,
sessions over the last months (mostly one-to-one peer supervision, now and then a group or a clinical
session with an external supervisor, a few cancelled), with notes, topics and, on the latest, a line
about each peer of their caseload; a few supporters left overdue, and one frequency changed with a reason.

Called once per organisation by ``seed_demo`` (inside its transaction and ``all_organisations()``),
after the people and assignments exist. Rows are made with ``bulk_create``; returns how many. Its own
random stream, so the people seeded before stay the same.
"""

from __future__ import annotations

import random
from datetime import timedelta

from people.models import Assignment, PeerSupporter

from .choices import Approach, Arranged, Format, Status, Topic
from .models import CaseloadNote, Frequency, Session, Supervisee
from .services import SUPERVISED_STAGES

NOTES = [
    "Talked through a peer asking to meet at the weekend. Agreed to offer a weekday instead and say why.",
    "Feeling stretched with four peers and the court dates all in one week. We moved one meeting to next month.",
    "A hard conversation about a peer's housing. Reminded each other that the case worker leads on the paperwork.",
    "Went well: the group she co-facilitates is settling. Wants to try leading one session next month.",
    "Heard a story close to her own and felt shaken afterwards. Used her plan: a walk, then her sister.",
    "Asked about telling a peer a little of his own story. Talked about why, and how much, and when not to.",
    "Took calls late in the evening twice this week. We looked at the agreement with the peer together.",
    "Quiet week. Mostly talked about the training on motivational interviewing and what she took from it.",
]
LINES = [
    "Settling into the new place; wants help with the bus pass.",
    "Missed last week; texted back on the safe number.",
    "Doing better since the group. Talks more.",
    "Waiting for the solicitor. Anxious, sleeping badly.",
    "Asked about volunteering one day.",
    "Keeps asking to meet outside the agreed times.",
]
EXTERNAL = ["Dr Imogen Vale", "Ruth Okafor (clinical psychologist)", "Sam Whitlow, counsellor"]
TOPIC_WEIGHTS = [Topic.BOUNDARIES] * 4 + [Topic.CAPACITY] * 3 + [Topic.TOUGH_SITUATIONS] * 3 + [
    Topic.ETHICS, Topic.ROLE_CREEP, Topic.ROLE_CREEP, Topic.SELF_CARE, Topic.SELF_CARE, Topic.OTHER,
]  # fmt: skip
MONTHS_BACK = 5


def seed(seeder) -> int:
    org, today = seeder.org, seeder.today
    rng = random.Random(f"supervision-{org.slug}-{seeder.scale}")  # noqa: S311 (made-up demo data)
    supporters = list(
        PeerSupporter.objects.filter(organisation=org, stage__in=SUPERVISED_STAGES, supervisor__isnull=False)
        .order_by("pk")
        .only("pk", "membership_id", "supervisor_id", "started_on")
    )
    caseloads: dict[int, list[int]] = {}
    for worker_id, peer_id in Assignment.objects.current().filter(organisation=org).values_list("worker_id", "peer_id"):
        caseloads.setdefault(worker_id, []).append(peer_id)
    sessions: list[Session] = []
    attended: list[tuple[int, PeerSupporter, bool]] = []  # (session index, supporter, latest)
    for n, supporter in enumerate(supporters):
        # The demo's own peer supporter (the first) is always overdue, and about one in six others.
        overdue = n == 0 or (n > 1 and rng.random() < 0.16)
        start = max(supporter.started_on or today - timedelta(days=150), today - timedelta(days=30 * MONTHS_BACK))
        # From the latest session back: the last held within a week or two (or, overdue, 40 to 70 days ago).
        day = today - timedelta(days=rng.randint(40, 70) if overdue else rng.randint(0, 9))
        found = []
        while day >= start:
            status = Status.CANCELLED if found and rng.random() < 0.08 else Status.HELD
            external = rng.random() < 0.12
            sessions.append(
                Session(
                    organisation_id=org.pk,
                    format=Format.ONE_TO_ONE,
                    status=status,
                    arranged=Arranged.AD_HOC if rng.random() < 0.15 else Arranged.PLANNED,
                    approach=Approach.CLINICAL if external else Approach.PEER,
                    supervisor_id=None if external else supporter.supervisor_id,
                    external_supervisor=rng.choice(EXTERNAL) if external else "",
                    recorded_by_id=supporter.supervisor_id,
                    held_on=day,
                    minutes=rng.choice([45, 60, 60, 90]),
                )  # fmt: skip
            )
            found.append(len(sessions) - 1)
            day -= timedelta(days=rng.choice([7, 14, 14, 21, 28, 30]))
        for index in found:
            attended.append((index, supporter, index == found[0]))
    sessions = Session.objects.bulk_create(sessions)
    rows = [
        Supervisee(
            organisation_id=org.pk,
            session_id=sessions[index].pk,
            supporter_id=supporter.pk,
            notes=rng.choice(NOTES) if sessions[index].status == Status.HELD else "",
            topics=sorted(set(rng.sample(TOPIC_WEIGHTS, k=rng.randint(1, 3))))
            if sessions[index].status == Status.HELD
            else [],
        )  # fmt: skip
        for index, supporter, _latest in attended
    ]
    rows = Supervisee.objects.bulk_create(rows)
    lines = [
        CaseloadNote(organisation_id=org.pk, supervisee_id=row.pk, peer_id=peer_id, note=rng.choice(LINES))
        for row, (index, supporter, latest) in zip(rows, attended, strict=True)
        if latest and sessions[index].status == Status.HELD
        for peer_id in caseloads.get(supporter.membership_id, [])[:6]
    ]
    CaseloadNote.objects.bulk_create(lines)
    frequencies = [Frequency(organisation_id=org.pk)]  # the organisation's default, written down
    if len(supporters) > 1:
        frequencies.append(
            Frequency(
                organisation_id=org.pk,
                supporter_id=supporters[1].pk,
                first_every="weekly",
                first_weeks=0,
                then_every="weekly",
                then_weeks=0,
                after_every="fortnightly",
                reason="A hard few months: every two weeks again until the court case is over.",
            )  # fmt: skip
        )
    Frequency.objects.bulk_create(frequencies)
    return len(sessions) + len(rows) + len(lines) + len(frequencies)
