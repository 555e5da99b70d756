"""The demo's plans: goals for most peers someone works with now, basic needs first, across the
default life domains, with small steps (some done), who helps, review dates (a few due) and progress
in the peer's own words.

Called once per organisation by ``seed_demo`` (inside its transaction and ``all_organisations()``),
after the assignments and partners exist. Rows are made with ``bulk_create``; returns how many.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from organisations.models import Organisation, Partner
from people.models import Assignment

from .choices import GoalKind, GoalStatus, Helper, Voice
from .models import Goal, LifeDomain, ProgressEntry, Step

# (domain code, the goal in someone's words, small steps)
BASIC_NEEDS = [
    (
        "housing",
        "A safe place to stay tonight, away from the flat",
        ["Ring the night shelter before six", "Pack a bag with my papers"],
    ),  # noqa: E501
    (
        "housing",
        "Somewhere of my own, with a door that locks",
        ["Fill in the housing register form", "Ask about the deposit scheme"],
    ),  # noqa: E501
    ("money", "Enough money for food this week", ["Go to the food bank on Thursday", "Ask about the hardship fund"]),
    ("health", "See a doctor about my tooth", ["Register with the surgery on Mill Road", "Book the first appointment"]),
    ("safety", "A phone nobody else knows the number of", ["Get a new SIM at the drop-in", "Save the helpline number"]),
    (
        "legal_and_immigration",
        "Get my passport back",
        ["Talk to the legal advice clinic", "Write down when they took it"],
    ),  # noqa: E501
]
LONGER_TERM = [
    (
        "work_and_learning",
        "Finish my English course and get the certificate",
        ["Enrol for the spring term", "Go to two classes a week"],
    ),  # noqa: E501
    (
        "work_and_learning",
        "Work in a kitchen, a proper job with a contract",
        ["Write my CV with Pat's help", "Do the food hygiene course"],
    ),  # noqa: E501
    ("relationships", "Call my sister again", ["Find out which time is safe to call", "Write what I want to say"]),
    (
        "wellbeing",
        "Sleep through the night more often",
        ["Try the breathing from the group", "Walk in the park after lunch"],
    ),  # noqa: E501
    ("wellbeing", "Feel less alone at weekends", ["Go to the Saturday women's group", "Ask about the allotment"]),
    (
        "money",
        "Open a bank account in my own name",
        ["Get a letter from the hostel as proof of address", "Book at the branch"],
    ),  # noqa: E501
    ("substance_use", "Cut down, one day at a time", ["Go to the Tuesday group", "Tell someone when it is a bad day"]),
    (
        "legal_and_immigration",
        "Get my status sorted so I can stop being afraid",
        ["Meet the immigration adviser", "Gather the letters"],
    ),  # noqa: E501
    ("health", "Talk to a counsellor about the nightmares", ["Ask the GP for a referral", "Go to the first session"]),
    ("relationships", "Learn to say no without feeling guilty", ["Practise with my peer supporter"]),
]
PROGRESS = [
    "I went on my own this time.",
    "It was hard but I did it.",
    "Not much this week, too tired. Maybe next week.",
    "They said yes! I start next month.",
    "I felt proud walking out of there.",
    "Still waiting to hear back.",
]
NOTED = ["Was quieter today; we agreed to slow down.", "Said the first step felt too big, so we made it smaller."]
SOMEONE_ELSE = ["Her cousin", "The college tutor", "A friend from church", "The hostel key worker"]


def seed_goals(organisation: Organisation, *, seed: int, partners: list[Partner]) -> int:
    """``seed`` comes from the demo's own random state (without drawing from it)."""
    rng = random.Random(seed)  # noqa: S311 (fictional demo data, not secrets)
    today = timezone.localdate()
    domains = {d.default_code: d for d in LifeDomain.objects.filter(organisation=organisation) if d.default_code}
    supported = (
        Assignment.objects.current()
        .filter(organisation=organisation, worker__isnull=False, peer__erased_at__isnull=True)
        .order_by("peer_id", "pk")
        .values_list("peer_id", "starts_on", "worker__user_id")
    )
    first: dict[int, tuple] = {}
    for peer_id, starts_on, user_id in supported:
        first.setdefault(peer_id, (starts_on, user_id))
    goals, planned_steps, planned_progress, due = [], [], [], 0
    for peer_id, (starts_on, user_id) in first.items():
        if rng.random() < 0.2:
            continue  # not ready to talk about goals yet, and that is fine
        chosen = rng.sample(BASIC_NEEDS, rng.choice([0, 1, 1, 2])) + rng.sample(LONGER_TERM, rng.randint(1, 3))
        for code, words, steps in chosen:
            basic = (code, words, steps) in BASIC_NEEDS
            created_on = min(starts_on + timedelta(days=rng.randint(0, 30)), today)
            status = rng.choice(
                [GoalStatus.WORKING_ON] * 6 + [GoalStatus.ACHIEVED, GoalStatus.PAUSED, GoalStatus.LET_GO]
            )
            helpers = [Helper.PEER] + ([Helper.SUPPORTER] if rng.random() < 0.7 else [])
            partner = rng.choice(partners) if partners and rng.random() < 0.35 else None
            someone = rng.choice(SOMEONE_ELSE) if rng.random() < 0.15 else ""
            helpers += [Helper.PARTNER] * bool(partner) + [Helper.SOMEONE_ELSE] * bool(someone)
            review_on = None
            if status in (GoalStatus.WORKING_ON, GoalStatus.PAUSED):
                overdue = due < 2 or rng.random() < 0.1
                review_on = (
                    today - timedelta(days=rng.randint(1, 20))
                    if overdue
                    else today + timedelta(days=rng.randint(7, 70))
                )  # noqa: E501
                due += overdue
            goals.append(
                Goal(
                    organisation=organisation,
                    peer_id=peer_id,
                    words=words,
                    voice=Voice.PEER if rng.random() < 0.8 else Voice.SUPPORTER,
                    domain=domains.get(code),
                    kind=GoalKind.BASIC_NEED if basic else GoalKind.LONGER_TERM,
                    helpers=helpers,
                    partner=partner,
                    someone_else=someone,
                    review_on=review_on,
                    status=status,
                    created_on=created_on,
                    status_changed_on=None
                    if status == GoalStatus.WORKING_ON
                    else min(created_on + timedelta(days=20), today),  # noqa: E501
                    created_by_id=user_id,
                )  # fmt: skip
            )
            planned_steps.append([(s, status == GoalStatus.ACHIEVED or rng.random() < 0.4) for s in steps])
            planned_progress.append((rng.randint(0, 2), created_on, user_id))
    Goal.objects.bulk_create(goals, batch_size=1000)
    steps, progress = [], []
    for goal, goal_steps, (entries, since, user_id) in zip(goals, planned_steps, planned_progress, strict=True):
        for words, done in goal_steps:
            done_on = min(since + timedelta(days=rng.randint(1, 40)), today) if done else None
            steps.append(
                Step(organisation=organisation, goal=goal, words=words, done_on=done_on, created_by_id=user_id)
            )
        for _ in range(entries):
            noted = rng.random() < 0.2
            progress.append(
                ProgressEntry(
                    organisation=organisation,
                    goal=goal,
                    words=rng.choice(NOTED if noted else PROGRESS),
                    voice=Voice.SUPPORTER if noted else Voice.PEER,
                    written_on=min(since + timedelta(days=rng.randint(3, 60)), today),
                    recorded_by_id=user_id,
                )  # fmt: skip
            )
    Step.objects.bulk_create(steps, batch_size=1000)
    ProgressEntry.objects.bulk_create(progress, batch_size=1000)
    return len(goals) + len(steps) + len(progress)
