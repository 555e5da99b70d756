"""Create the demo organisations, their members (one sign-in per role) and believable people.

Idempotent: an organisation that is already there is left as it is. ``--scale N`` multiplies the
number of peers and peer supporters (scale 100 is about 10,000 peers and 1,000 supporters);
``--seed S`` makes the result repeatable.

Written for speed as well as clarity (scale 100 is about 90,000 rows): rows are made with
``bulk_create`` in one transaction per organisation, foreign keys are set by id, the choice lists
are built once rather than per person, and registration dates are set before the insert instead of
by a second ``bulk_update`` pass. The random draws happen in the same order as before, so a given
``--seed`` gives the same people. After loading, ``ANALYZE`` gives the query planner statistics.
``bench/seed.py`` measures it.
"""

from __future__ import annotations

import random
import time
from contextlib import contextmanager
from datetime import timedelta
from functools import cache

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from agreements.demo import seed_agreements
from batches.demo import seed_batches
from competence import demo as competence_demo
from consent.models import ConsentRecord, ConsentText, NamedPartner
from contacts.demo import seed_contacts
from continuity import demo as continuity_demo
from demo import cast
from demo.consent_texts import CONSENT_TEXTS
from demo.totp import enrol_demo_totp
from diary.demo import seed_diary
from directory import demo as directory_demo
from goals.demo import seed_goals
from intake import demo as intake_demo
from matching.demo import seed_matching
from organisations.models import Membership, Organisation, Partner, Role
from organisations.tenancy import all_organisations
from people import choices
from people.models import Assignment, AssignmentKind, ContactMethod, Need, Peer, PeerSupporter
from recruitment import demo as recruitment_demo
from referrals import demo as referrals_demo
from safeguarding import demo as safeguarding_demo
from supervision import demo as supervision_demo
from training import demo as training_demo
from wellbeing import demo as wellbeing_demo


def _stage(i: int, rng, stages: list) -> str:
    """The first supporter is active; the second at least shadowing, so that even the smallest demo
    has someone who may cover for the other. The second still draws, so the rest stays as it was."""
    drawn = rng.choice(stages) if i else choices.SupporterStage.ACTIVE
    if i == 1 and drawn not in (choices.SupporterStage.ACTIVE, choices.SupporterStage.SHADOWING):
        return choices.SupporterStage.SHADOWING
    return drawn


class Command(BaseCommand):
    help = "Load the demo organisations and people (fictional)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=int, default=1, help="Multiply the number of people (default 1).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed, for repeatable data.")
        parser.add_argument("--quiet", action="store_true", help="Print only the summary.")

    def handle(self, *args, scale: int, seed: int, quiet: bool, **options):
        started = time.perf_counter()
        rows = 0
        # Hashing the shared password is slow by design, so it is done once, and only if needed.
        password_hash = cache(lambda: make_password(cast.DEMO_PASSWORD))
        with all_organisations():
            for spec in cast.ORGANISATIONS:
                if Organisation.objects.filter(slug=spec["slug"]).exists():
                    if not quiet:
                        self.stdout.write(f"{spec['name']} is already there; left as it is.")
                    continue
                rng = random.Random(f"{seed}-{spec['slug']}")
                with transaction.atomic():
                    rows += Seeder(spec, scale, rng, password_hash()).run()
            rows += self.shared_member(password_hash)
        if rows and connection.vendor in ("sqlite", "postgresql"):
            # Planner statistics for what was just loaded. SQLite gathers none by itself, and
            # without them it reads the coordinator dashboard's per-peer subqueries through the
            # organisation index: 10-25 s at scale 100 instead of under 0.1 s.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Seeded {rows} rows in {elapsed:.1f}s ({rows / elapsed if elapsed else 0:.0f} rows/s).")

    def shared_member(self, password_hash) -> int:
        """Someone who works in both organisations and switches between them."""
        email = f"both@{cast.DEMO_EMAIL_DOMAIN}"
        if User.objects.filter(email=email).exists():
            return 0
        user = User.objects.create(email=email, display_name="Robin (works in both)", password=password_hash())
        enrol_demo_totp(user)
        for org in Organisation.objects.filter(slug__in=[o["slug"] for o in cast.ORGANISATIONS]):
            Membership.objects.create(user=user, organisation=org, role=Role.COORDINATOR)
        return 3


@contextmanager
def given_value(model, field_name: str):
    """Let ``bulk_create`` keep the value we set on an ``auto_now_add`` field (here, a past date)."""
    field = model._meta.get_field(field_name)
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


class Seeder:
    def __init__(self, spec: dict, scale: int, rng: random.Random, password_hash: str):
        self.spec, self.scale, self.rng, self.password_hash = spec, scale, rng, password_hash
        self.rows = 0
        self.now = timezone.now()
        self.today = timezone.localdate()

    def run(self) -> int:
        self.org = Organisation.objects.create(name=self.spec["name"], slug=self.spec["slug"])
        self.partners = Partner.objects.bulk_create(
            [Partner(organisation=self.org, name=name) for name in self.spec["partners"]]
        )
        self.texts = ConsentText.objects.bulk_create(
            [ConsentText(organisation=self.org, version=1, **text) for text in CONSENT_TEXTS]
        )
        self.role_members = self.create_role_users()
        self.supporters = self.create_supporters()
        self.staff = [self.role_members["staff"]] + self.create_members(
            Role.STAFF, self.spec["staff"] - 1, "Case worker"
        )
        self.create_peers()
        self.rows += training_demo.seed(self)  # the curriculum, cohorts with attendance, documents agreed
        self.rows += competence_demo.seed(self)  # levels after training, before matching: both ask who may work
        self.rows += seed_matching(self)
        self.rows += seed_agreements(self.org, seed=hash(self.rng.getstate()[1]), by=self.role_members["admin"])
        self.rows += intake_demo.seed(self)
        self.rows += referrals_demo.seed(self)
        self.rows += seed_batches(self.role_members["coordinator"], self.rng)  # after the people and their wishes
        self.rows += seed_diary(
            self.org, seed=hash(self.rng.getstate()[1]), reminded=self.role_members["peer_supporter"]
        )
        self.rows += directory_demo.seed(self)  # the demo partners kept, their services and places added
        self.rows += seed_goals(self.org, seed=hash(self.rng.getstate()[1]), partners=self.partners)
        self.rows += seed_contacts(self)  # after the assignments and agreements; draws from its own random state
        self.rows += continuity_demo.seed(self)  # endings, and a supporter away with cover
        self.rows += safeguarding_demo.seed(self)
        self.rows += supervision_demo.seed(self)  # sessions over the last months, a few overdue
        self.rows += wellbeing_demo.seed(self)  # after contacts and safeguarding: the early warning reads them
        self.rows += recruitment_demo.seed(self)  # last: a candidate at each stage nobody is at
        self.rows += 1 + len(self.partners) + len(self.texts)
        return self.rows

    def email(self, local: str) -> str:
        return f"{local}@{self.spec['slug']}.{cast.DEMO_EMAIL_DOMAIN}"

    def create_role_users(self) -> dict[str, Membership]:
        members = {}
        for role, title in cast.ROLE_USERS:
            user = User.objects.create(
                email=self.email(role.replace("_", "-")),
                display_name=f"{self.rng.choice(cast.FIRST_NAMES)} ({title})",
                password=self.password_hash,
            )
            enrol_demo_totp(user)
            members[role] = Membership.objects.create(user=user, organisation=self.org, role=role)
            self.rows += 3
        return members

    def create_members(self, role: str, count: int, title: str) -> list[Membership]:
        if count <= 0:
            return []
        users = User.objects.bulk_create(
            [
                User(
                    email=self.email(f"{role.replace('_', '-')}-{i}"),
                    display_name=f"{self.rng.choice(cast.FIRST_NAMES)} {chr(65 + i % 26)}. ({title})",
                    password=self.password_hash,
                )
                for i in range(1, count + 1)
            ]
        )
        self.rows += 2 * count
        return Membership.objects.bulk_create(
            [Membership(user=user, organisation_id=self.org.pk, role=role) for user in users]
        )

    def create_supporters(self) -> list[PeerSupporter]:
        count = self.spec["supporters_per_scale"] * self.scale
        memberships = [self.role_members["peer_supporter"]] + self.create_members(
            Role.PEER_SUPPORTER, count - 1, "Peer supporter"
        )
        supervisors = [self.role_members["supervisor"]] + self.create_members(
            Role.SUPERVISOR, max(count // 12, 0), "Supervisor"
        )
        rng = self.rng
        lived_experience = list(choices.LivedExperience.values)
        languages = [c for c, _ in choices.LANGUAGES[1:12]]
        genders = [choices.Gender.WOMAN] * 3 + [choices.Gender.MAN, choices.Gender.NON_BINARY]
        employment = [choices.Employment.PAID, choices.Employment.VOLUNTEER]
        stages = [choices.SupporterStage.ACTIVE] * 6 + [
            choices.SupporterStage.SHADOWING,
            choices.SupporterStage.TRAINING,
            choices.SupporterStage.READINESS,
            choices.SupporterStage.PAUSED,
        ]
        profiles = [
            PeerSupporter(
                organisation_id=self.org.pk,
                membership=membership,
                supervisor=supervisors[i % len(supervisors)],
                lived_experience=rng.sample(lived_experience, k=rng.randint(1, 3)),
                languages=["en"] + rng.sample(languages, k=rng.randint(0, 2)),
                gender=rng.choice(genders),
                availability=rng.choice(cast.AVAILABILITY),
                capacity=rng.choice([3, 4, 5, 6]),
                employment=rng.choice(employment),
                stage=_stage(i, rng, stages),
                started_on=self.today - timedelta(days=rng.randint(30, 1500)),
            )
            for i, membership in enumerate(memberships)
        ]
        self.rows += len(profiles)
        return PeerSupporter.objects.bulk_create(profiles)

    def create_peers(self) -> None:
        rng = self.rng
        count = self.spec["peers_per_scale"] * self.scale
        org_id = self.org.pk
        creator_id = self.role_members["coordinator"].user_id
        # The choices, built once (``TextChoices.values`` makes a new list on every use).
        genders = (
            [choices.Gender.WOMAN] * 6
            + [choices.Gender.MAN] * 2
            + [choices.Gender.NON_BINARY, choices.Gender.PREFER_NOT, ""]
        )
        all_languages = [c for c, _ in choices.LANGUAGES]
        age_bands = choices.AgeBand.values + [""]
        code_words = ["", "", "sunflower", "blue kettle", "grandmother"]
        formats = choices.SupportFormat.values
        modes = choices.SupportMode.values
        frequencies = choices.Frequency.values
        supporter_genders = choices.SupporterGenderPreference.values
        primary_needs = choices.PrimaryNeed.values
        peers = []
        for _ in range(count):
            gender = rng.choice(genders)
            languages = rng.sample(all_languages, k=rng.randint(1, 2))
            peers.append(
                Peer(
                    organisation_id=org_id,
                    chosen_name=f"{rng.choice(cast.FIRST_NAMES)} {chr(65 + rng.randrange(26))}.",
                    pronouns=rng.choice(cast.PRONOUNS),
                    age_band=rng.choice(age_bands),
                    gender=gender,
                    languages=languages,
                    country_of_origin=rng.choice(cast.COUNTRIES),
                    safe_times=rng.choice(cast.SAFE_TIMES),
                    code_word=rng.choice(code_words),
                    safety_notes=rng.choice(cast.SAFETY_NOTES),
                    needs_notes=rng.choice(cast.NEEDS_NOTES),
                    support_format=rng.choice(formats),
                    support_modes=rng.sample(modes, k=rng.randint(1, 2)),
                    frequency=rng.choice(frequencies),
                    supporter_gender=rng.choice(supporter_genders),
                    supporter_language=rng.choice(languages + [""]),
                    supporter_culture=rng.choice(cast.CULTURES),
                    primary_need=rng.choice(primary_needs),
                    created_by_id=creator_id,
                )
            )
        # Registration dates spread over the last three years, drawn after the people (as they
        # always were, so a seed gives the same dates) and kept by the insert.
        for peer in peers:
            peer.created_at = self.now - timedelta(days=rng.randint(0, 1100))
        with given_value(Peer, "created_at"):
            peers = Peer.objects.bulk_create(peers, batch_size=1000)
        self.rows += len(peers)
        self.create_needs_and_contacts(peers)
        self.create_consent(peers)
        self.create_assignments(peers)

    def create_needs_and_contacts(self, peers: list[Peer]) -> None:
        rng = self.rng
        # Weighted by what survivors report (mental health 85%, housing 60%, education 55%...).
        weights = {
            "mental_health": 0.85,
            "housing": 0.6,
            "education_employment": 0.55,
            "medical": 0.5,
            "immigration": 0.2,
            "legal": 0.3,
            "financial": 0.4,
            "substance_use": 0.25,
            "social_connection": 0.5,
            "safety": 0.3,
        }
        org_id = self.org.pk
        weighted = list(weights.items())
        needs = [
            Need(organisation_id=org_id, peer_id=peer.pk, domain=domain)
            for peer in peers
            for domain, p in weighted
            if rng.random() < p
        ]
        Need.objects.bulk_create(needs, batch_size=2000)
        channels = choices.ContactChannel.values
        message_safety = choices.MessageSafety.values
        contacts = []
        for peer in peers:
            for _ in range(rng.randint(0, 2)):
                channel = rng.choice(channels)
                contacts.append(
                    ContactMethod(
                        organisation_id=org_id,
                        peer_id=peer.pk,
                        channel=channel,
                        detail=f"07700 9{rng.randint(10000, 99999)}" if channel in ("phone_call", "text") else "",
                        is_safe=rng.random() < 0.75,
                        leave_message=rng.choice(message_safety),
                    )
                )
        ContactMethod.objects.bulk_create(contacts, batch_size=2000)
        self.rows += len(needs) + len(contacts)

    def create_consent(self, peers: list[Peer]) -> None:
        rng = self.rng
        org_id = self.org.pk
        text_id = self.texts[0].pk
        explainer_id = self.role_members["coordinator"].user_id
        records = []
        for peer in peers:
            if rng.random() < 0.15:
                continue  # not asked yet: support goes on without it
            withdrawn = rng.random() < 0.04
            records.append(
                ConsentRecord(
                    organisation_id=org_id,
                    peer_id=peer.pk,
                    text_id=text_id,
                    take_part=True,
                    store_data=True,
                    share_with_partners=rng.random() < 0.5,
                    follow_up=rng.random() < 0.6,
                    stories=rng.random() < 0.3,
                    reports=rng.random() < 0.85,
                    limits_explained_by_id=explainer_id,
                    limits_explained_at=self.now,
                    recorded_by_id=explainer_id,
                    withdrawn_at=self.now if withdrawn else None,
                    withdrawn_recorded_by_id=explainer_id if withdrawn else None,
                )
            )
        records = ConsentRecord.objects.bulk_create(records, batch_size=1000)
        links = [
            NamedPartner(organisation=self.org, consentrecord_id=r.pk, partner_id=p.pk)
            for r in records
            if r.share_with_partners
            for p in rng.sample(self.partners, k=rng.randint(1, 2))
        ]
        NamedPartner.objects.bulk_create(links, batch_size=2000)
        self.rows += len(records) + len(links)

    def create_assignments(self, peers: list[Peer]) -> None:
        rng = self.rng
        org_id = self.org.pk
        coordinator_id = self.role_members["coordinator"].user_id
        active = [s for s in self.supporters if s.stage == choices.SupporterStage.ACTIVE]
        room = {s.membership_id: s.capacity for s in active}
        assignments = []
        for peer in peers:
            if rng.random() < 0.8 and active:
                supporter = rng.choice(active)
                if room[supporter.membership_id] > 0:
                    room[supporter.membership_id] -= 1
                    assignments.append(
                        Assignment(
                            organisation_id=org_id,
                            peer_id=peer.pk,
                            worker_id=supporter.membership_id,
                            kind=AssignmentKind.PEER_SUPPORT,
                            starts_on=self.today - timedelta(days=rng.randint(0, 300)),
                            reason="Matched on language and availability.",
                            created_by_id=coordinator_id,
                        )
                    )
                elif rng.random() < 0.5:
                    # An earlier support that has ended: people drift away and come back.
                    start = self.today - timedelta(days=rng.randint(200, 700))
                    assignments.append(
                        Assignment(
                            organisation_id=org_id,
                            peer_id=peer.pk,
                            worker_id=supporter.membership_id,
                            kind=AssignmentKind.PEER_SUPPORT,
                            starts_on=start,
                            ends_on=start + timedelta(days=rng.randint(30, 150)),
                            reason="",
                            created_by_id=coordinator_id,
                        )
                    )
            if rng.random() < 0.25:
                assignments.append(
                    Assignment(
                        organisation_id=org_id,
                        peer_id=peer.pk,
                        worker_id=rng.choice(self.staff).pk,
                        kind=AssignmentKind.CASE_MANAGEMENT,
                        starts_on=self.today - timedelta(days=rng.randint(0, 200)),
                        reason="Housing and benefits casework.",
                        created_by_id=coordinator_id,
                    )
                )
        Assignment.objects.bulk_create(assignments, batch_size=2000)
        self.rows += len(assignments)
