"""Believable levels, sign-offs and shadowing for the demo, at every ``--scale``.

Called once per organisation from ``seed_demo`` (``competence_demo.seed(self)``), after the supporters
exist and before matching, whose suggestions ask who may work alone. Per stage: most of those
supporting peers hold independent one-to-one (a few mentor; the longest-serving had their experience
recognised when levels began), the others supervised one-to-one; those shadowing co-facilitate or
observe, partway through their sign-offs and shadowing (the first of them is signed off for supervised
one-to-one); those in training observe; the first supporter works alone, so even the smallest demo has
suggestions. Its own random generator: the rest of the demo
stays as it was.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from people.choices import SupporterStage

from .choices import Evidence, ShadowingWork
from .defaults import SUPERVISED
from .models import HeldLevel, Level, LevelChange, Shadowing, SignOff

REFERENCES = {
    Evidence.ROLE_PLAY: ["Role play in the cohort's week 6", "Role play: a first call", "Role play: a hard goodbye"],
    Evidence.SHADOWED_SESSION: ["Tuesday drop-in", "A first meeting at the library", "The Thursday women's group"],
    Evidence.TRAINING: ["Onboarding, spring cohort", "Safeguarding refresher", "Trauma-informed care, day 2"],
    Evidence.OTHER: ["Talked it through in supervision", ""],
}
NOTES = [
    "",
    "",
    "Calm and clear with the group.",
    "Asked good questions afterwards.",
    "Ready; keep an eye on capacity.",
]
REFLECTIONS = [
    "",
    "Noticed how she let the silence sit before answering.",
    "I spoke too soon once; next time I will wait.",
    "Good to see how the boundaries were explained at the start.",
    "The peer seemed at ease with two of us there.",
]
REASONS = {
    "independent_one_to_one": "Signed off and shadowed; ready for their own caseload.",
    "supervised_one_to_one": "Ready for one-to-one work with their supervisor close by.",
    "co_facilitating": "Shadowing has gone well; starting with the Thursday group.",
    "observing": "Starting out: observing first.",
    "mentor": "Years of steady work; glad to welcome new peer supporters.",
    "other_roles": "Prefers speaking and outreach work for now.",
}


def _level_for(i: int, stage: str, rng: random.Random, days_in: int) -> tuple[str | None, bool, float]:
    """Which level, whether their experience was recognised, and how far through its needs they are."""
    if stage in (SupporterStage.ACTIVE, SupporterStage.PAUSED) and (i == 0 or rng.random() < 0.8):
        code = "mentor" if i and days_in > 900 and rng.random() < 0.2 else "independent_one_to_one"
        return code, days_in > 1000 and rng.random() < 0.5, 1.0
    if stage in (SupporterStage.ACTIVE, SupporterStage.PAUSED):
        return "supervised_one_to_one", False, 1.0
    if stage == SupporterStage.SHADOWING:
        return ("co_facilitating" if rng.random() < 0.6 else "observing"), False, rng.choice([0.6, 1.0])
    if stage == SupporterStage.TRAINING:
        return ("observing" if rng.random() < 0.7 else "other_roles"), False, 0.5
    return None, False, 0.0


def first_shadowing_of(supporters) -> int | None:
    """The supporter shadowing who already works one-to-one supervised (training's demo gives them its modules)."""
    return next((s.pk for s in supporters if s.stage == SupporterStage.SHADOWING), None)


def seed(seeder) -> int:
    org, today = seeder.org, timezone.localdate()
    rng = random.Random(f"competence-{org.slug}-{seeder.scale}")  # noqa: S311 (fictional data, repeatable)
    levels = {level.code: level for level in Level.objects.filter(organisation=org).prefetch_related("competences")}
    supporters = seeder.supporters
    coordinator = seeder.role_members["coordinator"]
    colleagues = [s.membership_id for s in supporters if s.stage == SupporterStage.ACTIVE] or [coordinator.pk]
    held, changes, sign_offs, shadowing = [], [], [], []
    # The first of those shadowing already takes a peer on with their supervisor close by (signed off and
    # shadowed): matching asks competence who may work one-to-one, and a small demo needs someone who may.
    first_shadowing = first_shadowing_of(supporters)
    for i, s in enumerate(supporters):
        days_in = (today - s.started_on).days if s.started_on else 60
        code, recognised, share = _level_for(i, s.stage, rng, days_in)
        if s.pk == first_shadowing:
            code, share = SUPERVISED, 1.0
        if code is None:
            continue
        level = levels[code]
        by = s.supervisor_id or coordinator.pk
        since = today - timedelta(days=rng.randint(1, max(2, days_in // 2)))
        held.append(HeldLevel(organisation=org, supporter=s, level=level, recognised=recognised, since=since))
        reason = "Worked one-to-one on their own before levels began." if recognised else REASONS[code]
        changes.append(
            LevelChange(
                organisation=org, supporter=s, to_level=level, recognised=recognised, reason=reason, changed_by_id=by
            )
        )
        if recognised:
            continue
        competences = list(level.competences.all())
        for competence in competences[: round(len(competences) * share)]:
            evidence = rng.choice(list(Evidence))
            sign_offs.append(
                SignOff(
                    organisation=org,
                    supporter=s,
                    competence=competence,
                    evidence=evidence,
                    reference=rng.choice(REFERENCES[evidence]),
                    note=rng.choice(NOTES),
                    signed_by_id=by,
                    signed_on=today - timedelta(days=rng.randint(1, max(2, days_in))),
                )  # fmt: skip
            )
        others = [m for m in colleagues if m != s.membership_id] or [coordinator.pk]
        for n, they_shadow in [(level.shadowing_needed, True), (level.shadowed_needed, False)]:
            for _ in range(round(n * share)):
                other = rng.choice(others)
                shadow, shadowed = (s.membership_id, other) if they_shadow else (other, s.membership_id)
                shadowing.append(
                    Shadowing(
                        organisation=org,
                        shadow_id=shadow,
                        shadowed_id=shadowed,
                        work=rng.choice(list(ShadowingWork)),
                        happened_on=today - timedelta(days=rng.randint(1, min(90, max(2, days_in)))),
                        reflections=rng.choice(REFLECTIONS),
                        recorded_by_id=coordinator.user_id,
                    )  # fmt: skip
                )
    HeldLevel.objects.bulk_create(held, batch_size=1000)
    LevelChange.objects.bulk_create(changes, batch_size=1000)
    SignOff.objects.bulk_create(sign_offs, batch_size=1000)
    Shadowing.objects.bulk_create(shadowing, batch_size=1000)
    return len(held) + len(changes) + len(sign_offs) + len(shadowing)
