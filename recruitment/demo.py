"""The demo's recruitment: posts, the readiness criteria (Harbour asks five years for each of the two
about time, as one organisation in the reports does; Riverside none), every supporter's stage history,
readiness conversations, a few barriers, and a candidate at each stage nobody else is at, so every stage
shows at every ``--scale``. The former peer matching's demo links gets their consent recorded.

Called once per organisation by ``seed_demo`` (inside its transaction and ``all_organisations()``),
after everything else. Rows are made with ``bulk_create``; returns how many.
"""

from __future__ import annotations

import random
from datetime import timedelta

from accounts.models import User
from matching.models import SupporterDetails
from organisations.models import Membership, Role
from people.choices import SupporterStage
from people.models import PeerSupporter

from . import services
from .models import (
    Barrier,
    CriterionNote,
    FormerPeerConsent,
    Post,
    Qualification,
    ReadinessConversation,
    ReadinessCriterion,
    StageChange,
)

WAY_IN = [SupporterStage.RECRUITED, SupporterStage.READINESS, SupporterStage.TRAINING, SupporterStage.SHADOWING,
          SupporterStage.ACTIVE]  # fmt: skip

POSTS = [
    ("Peer mentor", "volunteer", "Four to six hours a week, some evenings",
     "Lived experience you are ready to draw on\nA steady, non-judgemental listener\nReliable and honest about limits",
     [("Safeguarding awareness (we train you)", "working_towards")]),
    ("Peer support worker", "paid", "Three days a week",
     "Lived experience of exploitation or its aftermath\nComfortable working alongside case workers\nKeeps boundaries kindly",
     [("A level 3 award in counselling skills", "experience_instead"), ("A driving licence", "working_towards")]),
    ("Group co-facilitator", "added_duties", "One evening a fortnight",
     "Calm in a group\nShares the room rather than leading it", []),
    ("Student placement: peer support", "placement", "Two days a week for a term",
     "Curious and eager to learn from survivors", [("Enrolled on a social work or youth work course", "required")]),
]  # fmt: skip

CANDIDATES = ["Nadia O.", "Kofi A.", "Ilinca P.", "Tomasz W.", "Amina H.", "Jess R.", "Luis M."]
REASONS = {
    "ready": ["Steady, reflective and clear about their own limits.", "A warm listener with good support around them."],
    "ready_with_support": [
        "Ready, and asked for closer supervision in the first months.",
        "Keen and thoughtful; hearing stories close to their own is still hard at times.",
    ],
    "not_yet": ["Still very close to what happened; we agreed to talk again.", "Would like to finish therapy first."],
}
NOTES = {
    "self_care": [
        "Sees a counsellor monthly; walks with a friend.",
        "Said they don't need anything: we talked it through.",
    ],
    "motivation": ["Wants to give back what they were given.", "Spoke of wanting to save people: explored together."],
    "known_as_survivor": ["Family knows; happy to be known here, not in public.", "Prefers colleagues only to know."],
    "listening": ["Listened well in the role play.", "Let silences be."],
}
SUPPORT = ["Weekly supervision for the first three months.", "A named colleague to debrief with after groups."]
BARRIERS = [
    ("Enhanced background check still to come back", "We pay the fee and explain each step", "cleared"),
    ("No proof of right to work yet", "Our legal aid partner is helping with the papers", "open"),
    ("Childcare on training evenings", "Training moved to school hours; travel paid", "cleared"),
    ("No bank account for expenses", "Paid expenses by voucher while one is opened", "open"),
]


def seed(seeder) -> int:
    org, today = seeder.org, seeder.today
    rng = random.Random(f"recruitment-{org.slug}")  # noqa: S311 (fictional data)
    coordinator = seeder.role_members["coordinator"].user
    rows = 0
    # The criteria, with Harbour's own thresholds.
    criteria = services.criteria_for(org)
    if org.slug == "harbour":
        ReadinessCriterion.objects.filter(
            organisation=org, default_code__in=["time_since_leaving", "time_since_substance_use"]
        ).update(threshold_years=5)
    rows += len(criteria)
    for title, engagement, hours, qualities, quals in POSTS:
        post = Post.objects.create(
            organisation=org, title=title, engagement=engagement, hours=hours, qualities=qualities
        )
        Qualification.objects.bulk_create(
            [Qualification(organisation=org, post=post, what=w, need=n) for w, n in quals]
        )
        rows += 1 + len(quals)

    # A candidate at each stage nobody is at yet (the smallest demo has two supporters).
    supporters = list(PeerSupporter.objects.filter(organisation=org).order_by("pk"))
    present = {s.stage for s in supporters}
    missing = [s for s in SupporterStage.values if s not in present]
    users = User.objects.bulk_create(
        [
            User(
                email=seeder.email(f"candidate-{i}"), display_name=f"{name} (Candidate)", password=seeder.password_hash
            )
            for i, name in enumerate(CANDIDATES[: len(missing)], start=1)
        ]
    )
    members = Membership.objects.bulk_create(
        [Membership(user=user, organisation_id=org.pk, role=Role.PEER_SUPPORTER) for user in users]
    )
    supporters += PeerSupporter.objects.bulk_create(
        [
            PeerSupporter(organisation_id=org.pk, membership=m, employment=rng.choice(["paid", "volunteer"]), stage=stage,
                          languages=["en"])
            for m, stage in zip(members, missing, strict=True)
        ]
    )  # fmt: skip
    # Matching's details for each, as for every other supporter of the demo (nothing chosen yet).
    SupporterDetails.objects.bulk_create(
        [SupporterDetails(organisation_id=org.pk, supporter=s) for s in supporters[-len(members) :]] if members else []
    )
    rows += 4 * len(members)

    changes, conversations, barriers, planned_notes = [], [], [], []
    by_code = {c.default_code: c for c in criteria}
    for i, supporter in enumerate(supporters):
        start = (supporter.started_on or today) - timedelta(days=rng.randint(90, 200))
        stage = supporter.stage
        if stage in WAY_IN:
            path = WAY_IN[: WAY_IN.index(stage) + 1]
        elif stage == SupporterStage.PAUSED:
            path = [*WAY_IN, SupporterStage.PAUSED]
        else:  # moved on after the readiness conversations, door open
            path = [SupporterStage.RECRUITED, SupporterStage.READINESS, SupporterStage.LEFT]
        days = sorted(rng.sample(range(0, max((today - start).days, len(path) + 1)), len(path)))
        before = ""
        for step, day in zip(path, days, strict=True):
            reason = ""
            if step == SupporterStage.PAUSED:
                reason = rng.choice(["wellbeing", "life", "their_choice"])
            elif step == SupporterStage.LEFT:
                reason = rng.choice(["not_yet", "life"])
            at = seeder.now - timedelta(days=(today - start).days - day)
            changes.append(StageChange(organisation_id=org.pk, supporter=supporter, from_stage=before, to_stage=step,
                                       reason=reason, by=coordinator, at=at))  # fmt: skip
            before = step
        # Readiness: a conversation for everyone who reached that stage.
        if SupporterStage.READINESS in path:
            if stage in (SupporterStage.READINESS, SupporterStage.LEFT):
                judgement = "not_yet" if stage == SupporterStage.LEFT or i % 2 else "ready_with_support"
            else:
                judgement = rng.choice(["ready", "ready", "ready_with_support"])
            held = start + timedelta(days=days[1] if len(days) > 1 else 0)
            held = min(held, today)
            conversation = ReadinessConversation(
                organisation_id=org.pk, supporter=supporter, held_on=held, held_by=coordinator, judgement=judgement,
                reasons=rng.choice(REASONS[judgement]),
                support_agreed=rng.choice(SUPPORT) if judgement == "ready_with_support" else "",
                talk_again_on=today + timedelta(days=rng.randint(30, 120)) if judgement == "not_yet" else None,
            )  # fmt: skip
            conversations.append(conversation)
            for code, options in NOTES.items():
                if code in by_code and rng.random() < 0.8:
                    flag = "don't need" in options[1] or "save" in options[1]
                    pick = rng.randrange(2)
                    planned_notes.append((conversation, by_code[code], options[pick], flag and pick == 1))
        if i % 5 == 2 or stage == SupporterStage.TRAINING:
            what, help_offered, status = BARRIERS[i % len(BARRIERS)]
            barriers.append(Barrier(organisation_id=org.pk, supporter=supporter, what=what, help_offered=help_offered,
                                    status=status, recorded_by=coordinator,
                                    closed_on=today - timedelta(days=rng.randint(1, 60)) if status != "open" else None))  # fmt: skip
    StageChange.objects.bulk_create(changes)
    ReadinessConversation.objects.bulk_create(conversations)
    notes = CriterionNote.objects.bulk_create(
        [CriterionNote(organisation_id=org.pk, conversation=c, criterion=k, note=n, to_come_back_to=f)
         for c, k, n, f in planned_notes]
    )  # fmt: skip
    Barrier.objects.bulk_create(barriers)
    consents = FormerPeerConsent.objects.bulk_create(
        [
            FormerPeerConsent(organisation_id=org.pk, supporter_id=d.supporter_id, agreed_on=today - timedelta(days=40),
                              explained_by=coordinator)
            for d in SupporterDetails.objects.filter(organisation=org, former_peer__isnull=False)
        ]
    )  # fmt: skip
    return rows + len(changes) + len(conversations) + len(notes) + len(barriers) + len(consents)
