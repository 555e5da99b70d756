"""Demo wellbeing at every ``--scale``: most active peer supporters check in every two weeks (a few
have been finding it harder lately, and one asked for a conversation), the demo supporter has a
self-care plan using two of the organisation's supports, some logged a hard moment, and a few are in
the directory of peer supporters. So the demo supervisor's dashboard shows a few warnings with
believable reasons.

Called once per organisation by ``seed_demo`` (inside its transaction and ``all_organisations()``),
after the people, contacts and safeguarding exist. ``bulk_create`` throughout; returns how many rows.
Its own random stream, so the people seeded before stay the same.
"""

from __future__ import annotations

import random
from datetime import timedelta

from people.choices import SupporterStage

from .instrument import who5
from .models import CheckIn, DirectoryEntry, HardMoment, OrganisationSupport, SelfCarePlan, ShareWith, WantsTalk
from .services import suggests_talk

NOTES = [
    "Two crisis calls in one evening this week. I am OK but tired.",
    "Hearing a story close to mine on Tuesday stayed with me.",
    "Could we talk about how many evenings I am on my phone?",
]
HARD = [
    "A court date for someone I support brought my own back.",
    "A peer described the same town I was taken to.",
    "A long call late at night; I could not sleep after.",
]
GLAD = [
    "Keeping boundaries when peers text late",
    "Starting out in the role, and what helped me",
    "Running a group for the first time",
    "Looking after yourself after a hard court day",
]


def _answers(rng: random.Random, level: int) -> dict[str, int | None]:
    """Five answers around ``level`` (0 to 5)."""
    return {item_id: max(0, min(5, level + rng.choice((-1, 0, 0, 1)))) for item_id, _ in who5().items}


def seed(seeder) -> int:
    rng = random.Random(f"wellbeing-{seeder.org.slug}-{seeder.scale}")  # noqa: S311 (made-up demo data)
    now, today = seeder.now, seeder.today
    active = [s for s in seeder.supporters if s.stage == SupporterStage.ACTIVE]
    if not active:
        return 0
    demo_member = seeder.role_members["peer_supporter"]
    # A few finding it harder lately: the demo supporter's colleagues first, so the demo supervisor sees them.
    supervisor_id = seeder.role_members["supervisor"].pk
    theirs = [s for s in active if s.supervisor_id == supervisor_id and s.membership_id != demo_member.pk]
    pool = theirs or active[1:] or active
    struggling = {s.membership_id for s in pool[:2]} | {s.membership_id for s in active[5::10]}
    check_ins = []
    for supporter in active:
        member_id = supporter.membership_id
        harder = member_id in struggling
        level = rng.choice((3, 4, 4))
        for fortnight in range(6, -1, -1):
            if rng.random() < 0.2 and fortnight:
                continue  # a check-in skipped now and then
            now_level = level - (2 if harder and fortnight <= 1 else 0)
            answers = _answers(rng, now_level)
            score = who5().score(answers)
            wants = WantsTalk.YES if harder and fortnight == 0 and rng.random() < 0.5 else ""
            share = ShareWith.SUPERVISOR if harder and fortnight == 0 and rng.random() < 0.5 else ShareWith.NOBODY
            check_ins.append(
                CheckIn(
                    organisation_id=seeder.org.pk,
                    member_id=member_id,
                    filed_at=now - timedelta(days=14 * fortnight + rng.randint(0, 3), hours=rng.randint(0, 8)),
                    answers=answers,
                    score=score,
                    wants_talk=wants,
                    for_supervisor=rng.choice(NOTES) if harder and fortnight == 0 else "",
                    suggests_talk=suggests_talk(score, wants),
                    share_with=share,
                )
            )
    CheckIn.objects.bulk_create(check_ins, batch_size=500)

    moments = [
        HardMoment(
            organisation_id=seeder.org.pk,
            member_id=member_id,
            happened_on=today - timedelta(days=rng.randint(0, 20)),
            words=rng.choice(HARD),
            counts=True,
        )
        for member_id in sorted(struggling)
        for _ in range(rng.randint(1, 3))
    ]
    HardMoment.objects.bulk_create(moments)

    supports = list(OrganisationSupport.objects.filter(organisation_id=seeder.org.pk))
    plan = SelfCarePlan.objects.create(
        organisation_id=seeder.org.pk,
        member=demo_member,
        what_helps="A walk after work, music on the bus home, Sunday dinner with my aunt.",
        early_signs="I stop answering friends, and I check my work phone in the evening.",
        who_i_turn_to="My counsellor on Thursdays, and Grace from the peer supporters' group.",
    )
    plan.supports.set(supports[:1] + supports[3:4], through_defaults={"organisation_id": plan.organisation_id})

    listed = active[:: max(1, len(active) // 4)][:4]
    DirectoryEntry.objects.bulk_create(
        [
            DirectoryEntry(
                organisation_id=seeder.org.pk, member_id=s.membership_id, glad_to_talk_about=GLAD[i % len(GLAD)]
            )
            for i, s in enumerate(listed)
        ]
    )
    return len(check_ins) + len(moments) + 1 + len(plan.supports.all()) + len(listed)
