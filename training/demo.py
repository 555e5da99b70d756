"""Demo training at every ``--scale``: the curriculum (in our own words), a ten-week cohort of the
supporters in training with attendance so far, the monthly in-service sessions of those supporting
peers, last year's cohort they went through, and the three documents in versions with who agreed.

Called once per organisation by ``seed_demo`` (inside its transaction and ``all_organisations()``),
after the supporters exist and before competence (whose levels ask what training is done). Rows are
made with ``bulk_create``; returns how many. Its own random
stream, so the people seeded before stay the same.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from competence.defaults import SUPERVISED
from competence.demo import first_shadowing_of
from people.choices import SupporterStage

from .models import (
    Attendance,
    Audience,
    Cohort,
    CohortKind,
    CohortSession,
    Delivery,
    DocumentAgreement,
    DocumentKind,
    DocumentVersion,
    DoneBecause,
    Module,
    ModuleDone,
    Presence,
    Trainee,
)

FIRST = ["observing", "co_facilitating", "supervised_one_to_one", "independent_one_to_one", "mentor"]
ONE_TO_ONE = FIRST[2:]
ALONE = FIRST[3:]

# (title, hours, topics, delivery, audience, required for)
CURRICULUM = [
    ("Role and boundaries", 3, "What a peer supporter is and is not; saying no kindly; friendship and the role", "in_person", "peer_supporters", FIRST),
    ("Looking after yourself", 2, "Your own early signs; a self-care plan; who you turn to", "in_person", "peer_supporters", FIRST),
    ("Our code of conduct", 1.5, "Gifts, money, social media, being on time, meeting in safe places", "self_paced", "peer_supporters", FIRST),
    ("Confidentiality and where it ends", 2, "What stays between you; when we must share; telling the peer first", "in_person", "peer_supporters", FIRST),
    ("Safeguarding: what to do when worried", 3, "Signs of harm; raising a concern the same day; who decides", "in_person", "everyone", FIRST),
    ("Trauma-informed support", 3, "Safety, choice, trust; how trauma shows up; not retelling", "blended", "everyone", FIRST[1:]),
    ("When someone is in crisis", 3, "Staying calm; grounding; getting help now; after a crisis", "in_person", "peer_supporters", ONE_TO_ONE),
    ("Suicide prevention", 3, "Asking directly; listening; making a safety plan together", "in_person", "everyone", ONE_TO_ONE),
    ("Anti-oppression and cultural safety", 2, "Power; our own assumptions; language and faith; interpreters", "online", "everyone", FIRST[1:]),
    ("Coercive control", 2, "How control works; debt bondage; why leaving takes time", "online", "peer_supporters", ONE_TO_ONE),
    ("Compassion fatigue", 1.5, "Carrying others' stories; noticing it early; rest without guilt", "in_person", "peer_supporters", ONE_TO_ONE),
    ("Motivational conversations", 3, "Open questions; reflecting back; the peer's own reasons", "blended", "peer_supporters", ALONE),
    ("Sharing your story safely, or not at all", 2, "What to share and why; what to keep; it is always your choice", "in_person", "peer_supporters", FIRST[1:]),
    ("Facilitating a group", 3, "Agreements for a group; quiet voices; ending on time", "in_person", "peer_supporters", ["co_facilitating", "mentor"]),
    ("The peer role, for colleagues", 1.5, "What peer support adds; respectful language; harm reduction", "online", "staff", []),
    ("Supervising peer supporters", 2, "Regular supervision; boundaries and capacity; an open door", "online", "supervisors", []),
]  # fmt: skip

DOCUMENTS = [
    (
        DocumentKind.ROLE_DESCRIPTION,
        [
            "# What you do\nYou walk alongside people who have left exploitation, at their pace.\n"
            "- Meet them where they feel safe\n- Listen, and share from your own experience only if you choose\n"
            "- Go with them to appointments when they ask\n\n# What you do not do\nYou are not their case worker, "
            "their lawyer or their friend outside the role. When something worries you, you tell us the same day."
        ],
    ),
    (
        DocumentKind.CODE_OF_CONDUCT,
        [
            "# Our code of conduct\n- Be on time, or say so early\n- No gifts or money either way\n"
            "- Contact only in the ways agreed with the peer\n- Meet in public or in our rooms",
            "# Our code of conduct\n- Be on time, or say so early\n- No gifts or money either way\n"
            "- Contact only in the ways agreed with the peer; never on personal social media\n"
            "- Meet in public or in our rooms\n- Take your breaks: you are not on call",
        ],
    ),
    (
        DocumentKind.SAFETY_PROTOCOLS,
        [
            "# Keeping everyone safe\n- Check in before a visit and out after it\n"
            "- If you feel unsafe, leave, then call the duty coordinator\n"
            "- Never meet someone from the peer's past on their behalf"
        ],
    ),
]

IN_TRAINING = (SupporterStage.TRAINING, SupporterStage.READINESS, SupporterStage.SHADOWING)


def _presence(rng: random.Random) -> str:
    draw = rng.random()
    return Presence.PRESENT if draw < 0.85 else Presence.EXCUSED if draw < 0.95 else Presence.ABSENT


def seed(seeder) -> int:
    org, today, members = seeder.org, seeder.today, seeder.role_members
    rng = random.Random(f"training-{org.slug}-{seeder.scale}")  # noqa: S311 (made-up demo data)
    coordinator = members["coordinator"]
    modules = Module.objects.bulk_create(
        [
            Module(
                organisation=org, title=title, hours=Decimal(str(hours)), topics=topics, delivery=Delivery(delivery),
                audience=Audience(audience), required_for=list(required),
            )
            for title, hours, topics, delivery, audience, required in CURRICULUM
        ]
    )  # fmt: skip
    core = modules[:14]
    supporters = list(seeder.supporters)
    learning = [s for s in supporters if s.stage in IN_TRAINING] or supporters[-1:]
    active = [s for s in supporters if s.stage == SupporterStage.ACTIVE]
    begun = today - timedelta(weeks=7)
    cohorts = Cohort.objects.bulk_create(
        [
            Cohort(organisation=org, name="Autumn programme", kind=CohortKind.PROGRAMME, starts_on=begun, weeks=10),
            Cohort(organisation=org, name="Monthly in-service", kind=CohortKind.IN_SERVICE,
                   starts_on=today - timedelta(days=180), weeks=52),
            Cohort(organisation=org, name="Last year's programme", kind=CohortKind.PROGRAMME,
                   starts_on=today - timedelta(days=400), weeks=10),
        ]
    )  # fmt: skip
    programme, in_service, last_year = cohorts
    sessions: list[CohortSession] = []
    for week in range(10):  # fourteen modules over ten weeks: some weeks have two
        for module in core[week * 14 // 10 : (week + 1) * 14 // 10]:
            on = begun + timedelta(weeks=week)
            sessions.append(CohortSession(organisation=org, cohort=programme, module=module, on=on))
            sessions.append(
                CohortSession(organisation=org, cohort=last_year, module=module, on=last_year.starts_on + (on - begun))
            )
    refreshers = [modules[i] for i in (1, 4, 10, 8, 6, 12, 2, 13)]
    for month in range(8):  # six held, two to come
        on = in_service.starts_on + timedelta(days=30 * month)
        sessions.append(CohortSession(organisation=org, cohort=in_service, module=refreshers[month], on=on))
    sessions = CohortSession.objects.bulk_create(sessions)
    places = [Trainee(organisation=org, cohort=programme, supporter=s) for s in learning]
    places += [Trainee(organisation=org, cohort=c, supporter=s) for s in active for c in (in_service, last_year)]
    places = Trainee.objects.bulk_create(places)
    by_cohort: dict[int, list[Trainee]] = {}
    for place in places:
        by_cohort.setdefault(place.cohort_id, []).append(place)
    marks = []
    for session in sessions:
        if session.on > today:
            continue
        for place in by_cohort.get(session.cohort_id, []):
            presence = Presence.PRESENT if session.cohort_id == last_year.pk else _presence(rng)
            marks.append(
                Attendance(
                    organisation=org, session=session, trainee=place, presence=presence, recorded_by=coordinator.user
                )
            )
    Attendance.objects.bulk_create(marks, batch_size=2000)
    # The supporter shadowing who already works one-to-one supervised (competence's demo) learned the rest
    # of what that level asks before joining: a trainer marked it done.
    ahead = first_shadowing_of(supporters)
    attended = {(m.trainee_id, m.session_id) for m in marks if m.presence == Presence.PRESENT}
    place = next((p for p in places if p.supporter_id == ahead and p.cohort_id == programme.pk), None)
    missed = {
        session.module_id
        for session in sessions
        if session.cohort_id == programme.pk and (place is None or (place.pk, session.pk) not in attended)
    }
    marked = ModuleDone.objects.bulk_create(
        [
            ModuleDone(
                organisation=org, supporter_id=ahead, module=module, because=DoneBecause.PRIOR_LEARNING,
                marked_by=coordinator.user,
            )
            for module in modules
            if ahead is not None and SUPERVISED in module.required_for and module.pk in missed
        ]
    )  # fmt: skip
    versions = DocumentVersion.objects.bulk_create(
        [
            DocumentVersion(organisation=org, kind=kind, number=n, text=text, published_by=coordinator.user)
            for kind, texts in DOCUMENTS
            for n, text in enumerate(texts, start=1)
        ]
    )
    agreed = [
        DocumentAgreement(organisation=org, version=version, supporter=s)
        for s in active
        for version in versions
        if version.number == 1 or rng.random() < 0.7  # the newer code of conduct: not everyone yet
    ]
    agreed += [  # one trainee has read the role description already (unless they are active, above)
        DocumentAgreement(organisation=org, version=versions[0], supporter=s) for s in learning[:1] if s not in active
    ]
    DocumentAgreement.objects.bulk_create(agreed, batch_size=2000)
    return (
        len(modules)
        + len(cohorts)
        + len(sessions)
        + len(places)
        + len(marks)
        + len(marked)
        + len(versions)
        + len(agreed)
    )
