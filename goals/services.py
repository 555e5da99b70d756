"""Changing a peer's plan and the organisation's life domains: the only code that does.

Each function checks, writes in a transaction and audits. A goal is the peer's: nothing is asked but
its words. Progress entries are never rewritten; a goal is achieved, paused or let go, never failed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import audit
from audit.models import Action
from organisations.models import Membership, Organisation, Partner
from organisations.tenancy import organisation_scope
from people.models import Peer

from .choices import OPEN_STATUSES, GoalKind, GoalStatus, Helper, Voice
from .models import DEFAULT_DOMAINS, Goal, LifeDomain, ProgressEntry, Step


class GoalError(ValueError):
    pass


# --- Life domains -------------------------------------------------------------------------------


def add_default_domains(organisation: Organisation) -> list[LifeDomain]:
    """The domains every organisation starts with (a new one, and the demo)."""
    with organisation_scope(organisation):
        return LifeDomain.objects.bulk_create(
            [
                LifeDomain(organisation=organisation, name=name, name_fr=name_fr, default_code=code, position=i)
                for i, (code, name, name_fr) in enumerate(DEFAULT_DOMAINS, start=1)
            ]
        )


def domains_of(organisation: Organisation, *, with_retired: bool = False) -> QuerySet[LifeDomain]:
    domains = LifeDomain.objects.filter(organisation=organisation)
    return domains if with_retired else domains.filter(retired_at__isnull=True)


def _check_names(
    organisation: Organisation, name: str, name_fr: str, *, not_this: int | None = None
) -> tuple[str, str]:
    name, name_fr = name.strip(), name_fr.strip()
    if not name:
        raise GoalError(_("Give the area of life a name in English."))
    taken = LifeDomain.objects.filter(organisation=organisation, name__iexact=name)
    if not_this is not None:
        taken = taken.exclude(pk=not_this)
    if taken.exists():
        raise GoalError(_("There is already an area of life with that name."))
    return name, name_fr


@transaction.atomic
def add_domain(*, organisation: Organisation, by: Membership, name: str, name_fr: str = "") -> LifeDomain:
    name, name_fr = _check_names(organisation, name, name_fr)
    last = LifeDomain.objects.filter(organisation=organisation).aggregate(p=Max("position"))["p"] or 0
    try:
        with transaction.atomic():
            domain = LifeDomain.objects.create(organisation=organisation, name=name, name_fr=name_fr, position=last + 1)
    except IntegrityError as error:
        raise GoalError(_("There is already an area of life with that name.")) from error
    audit(by.user, Action.CREATE, domain)
    return domain


@transaction.atomic
def rename_domain(*, domain: LifeDomain, by: Membership, name: str, name_fr: str = "") -> LifeDomain:
    name, name_fr = _check_names(domain.organisation, name, name_fr, not_this=domain.pk)
    domain.name, domain.name_fr = name, name_fr
    try:
        with transaction.atomic():
            domain.save(update_fields=["name", "name_fr"])
    except IntegrityError as error:
        raise GoalError(_("There is already an area of life with that name.")) from error
    audit(by.user, Action.UPDATE, domain, reason="renamed")
    return domain


@transaction.atomic
def retire_domain(*, domain: LifeDomain, by: Membership, retired: bool = True) -> LifeDomain:
    """Retired: no longer offered for a new goal; the goals in it keep it, and so do the counts."""
    domain.retired_at = timezone.now() if retired else None
    domain.save(update_fields=["retired_at"])
    audit(by.user, Action.UPDATE, domain, reason="retired" if retired else "brought back")
    return domain


@transaction.atomic
def delete_domain(*, domain: LifeDomain, by: Membership) -> None:
    """Only a domain no goal was ever in (an erased peer's goals included) can be deleted."""
    LifeDomain.objects.select_for_update().filter(pk=domain.pk).first()
    if Goal.objects.filter(domain=domain).exists():
        raise GoalError(_("Goals are in this area of life, so it can be retired but not deleted."))
    audit(by.user, Action.DELETE, domain)
    domain.delete()


# --- Goals --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalWords:
    """A goal as the form (or the demo) gives it. Only ``words`` is needed."""

    words: str
    voice: str = Voice.PEER
    domain: LifeDomain | None = None
    kind: str = GoalKind.LONGER_TERM
    helpers: tuple[str, ...] = ()
    partner: Partner | None = None
    someone_else: str = ""
    review_on: date | None = None
    status: str = GoalStatus.WORKING_ON


def _check(peer: Peer, goal: GoalWords, *, was: Goal | None = None) -> dict[str, Any]:
    words = goal.words.strip()
    if not words:
        raise GoalError(_("Write the goal in their own words."))
    if goal.voice not in Voice.values or goal.kind not in GoalKind.values or goal.status not in GoalStatus.values:
        raise GoalError(_("Choose from the answers offered."))
    if not set(goal.helpers) <= set(Helper.values):
        raise GoalError(_("Choose from the answers offered."))
    if goal.domain is not None:
        if goal.domain.organisation_id != peer.organisation_id:
            raise GoalError(_("Choose one of the areas of life offered."))
        if goal.domain.is_retired and (was is None or was.domain_id != goal.domain.pk):
            raise GoalError(_("That area of life is no longer used. Choose another."))
    if goal.partner is not None and goal.partner.organisation_id != peer.organisation_id:
        raise GoalError(_("Choose one of the partners offered."))
    helpers = list(dict.fromkeys(goal.helpers))  # in the order given, once each
    if goal.partner is not None and Helper.PARTNER not in helpers:
        helpers.append(Helper.PARTNER)
    if goal.someone_else.strip() and Helper.SOMEONE_ELSE not in helpers:
        helpers.append(Helper.SOMEONE_ELSE)
    return {
        "words": words,
        "voice": goal.voice,
        "domain": goal.domain,
        "kind": goal.kind,
        "helpers": helpers,
        "partner": goal.partner if Helper.PARTNER in helpers else None,
        "someone_else": goal.someone_else.strip() if Helper.SOMEONE_ELSE in helpers else "",
        "review_on": goal.review_on,
        "status": goal.status,
    }


@transaction.atomic
def add_goal(*, peer: Peer, by: Membership, goal: GoalWords) -> Goal:
    if peer.is_erased:
        raise GoalError(_("This record has been erased."))
    values = _check(peer, goal)
    today = timezone.localdate()
    created = Goal.objects.create(
        organisation_id=peer.organisation_id,
        peer=peer,
        created_by=by.user,
        created_on=today,
        status_changed_on=today if values["status"] != GoalStatus.WORKING_ON else None,
        **values,
    )
    audit(by.user, Action.CREATE, created)
    return created


@transaction.atomic
def change_goal(*, goal: Goal, by: Membership, changes: GoalWords) -> Goal:
    values = _check(goal.peer, changes, was=goal)
    if values["status"] != goal.status:
        values["status_changed_on"] = timezone.localdate()
    for name, value in values.items():
        setattr(goal, name, value)
    goal.save()
    audit(by.user, Action.UPDATE, goal)
    return goal


# --- Steps and progress -------------------------------------------------------------------------


@transaction.atomic
def add_step(*, goal: Goal, by: Membership, words: str) -> Step:
    words = words.strip()
    if not words:
        raise GoalError(_("Write the step in a few plain words."))
    step = Step.objects.create(organisation_id=goal.organisation_id, goal=goal, words=words, created_by=by.user)
    audit(by.user, Action.CREATE, step)
    return step


@transaction.atomic
def mark_step(*, step: Step, by: Membership, done: bool, on: date | None = None) -> Step:
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise GoalError(_("This is in the future. When was it done?"))
    step.done_on = on if done else None
    step.save(update_fields=["done_on"])
    audit(by.user, Action.UPDATE, step, reason="done" if done else "not done yet")
    return step


@transaction.atomic
def add_progress(
    *, goal: Goal, by: Membership, words: str, voice: str = Voice.PEER, written_on: date | None = None
) -> ProgressEntry:
    """How it is going, added to what was said before (which stays as it was)."""
    words = words.strip()
    if not words:
        raise GoalError(_("Write how it is going, in their words or yours."))
    if voice not in Voice.values:
        raise GoalError(_("Choose from the answers offered."))
    today = timezone.localdate()
    written_on = written_on or today
    if written_on > today:
        raise GoalError(_("This is in the future. When was it said?"))
    entry = ProgressEntry.objects.create(
        organisation_id=goal.organisation_id,
        goal=goal,
        words=words,
        voice=voice,
        written_on=written_on,
        recorded_by=by.user,
    )
    audit(by.user, Action.CREATE, entry)
    return entry


# --- Reading a plan -----------------------------------------------------------------------------


@dataclass
class Plan:
    """A peer's goals, basic needs first, each kind with the open goals before the others."""

    basic_needs: list[Goal] = field(default_factory=list)
    longer_term: list[Goal] = field(default_factory=list)

    @property
    def goals(self) -> list[Goal]:
        return self.basic_needs + self.longer_term

    @property
    def next_review(self) -> date | None:
        dates = [g.review_on for g in self.goals if g.is_open and g.review_on is not None]
        return min(dates) if dates else None

    @property
    def review_due(self) -> bool:
        return any(g.is_review_due for g in self.goals)


def _in_order(goals) -> Plan:
    plan = Plan()
    for goal in sorted(goals, key=lambda g: (g.status not in OPEN_STATUSES, g.created_on, g.pk)):
        (plan.basic_needs if goal.kind == GoalKind.BASIC_NEED else plan.longer_term).append(goal)
    return plan


def plan_of(peer: Peer) -> Plan:
    """Every goal with its steps and progress: four queries however many there are."""
    goals = (
        Goal.objects.filter(peer=peer)
        .select_related("domain", "partner")
        .prefetch_related(
            Prefetch("steps", queryset=Step.objects.order_by("created_at", "pk")),
            Prefetch("progress", queryset=ProgressEntry.objects.order_by("written_on", "pk")),
        )
    )
    return _in_order(goals)


def open_goals_of(peer: Peer) -> Plan:
    """The goals being worked on or paused, for the peer's record (one query, no steps)."""
    goals = Goal.objects.filter(peer=peer, status__in=OPEN_STATUSES).select_related("domain")
    return _in_order(goals)


def record_of(peer: Peer) -> list[dict[str, Any]]:
    """Every goal, its steps and every progress entry, in plain data (the peer's copy of their record)."""
    return [
        {
            "goal": goal.words,
            "whose_words": str(goal.get_voice_display()) if goal.voice else None,
            "area_of_life": str(goal.domain) if goal.domain else None,
            "basic_need_or_longer_term": str(goal.get_kind_display()),
            "where_it_is": str(goal.get_status_display()),
            "who_helps": [str(Helper(h).label) for h in goal.helpers if h in Helper.values],
            "partner": goal.partner.name if goal.partner else None,
            "someone_else": goal.someone_else,
            "review_on": goal.review_on.isoformat() if goal.review_on else None,
            "written_down_on": goal.created_on.isoformat(),
            "small_steps": [
                {"step": s.words, "done_on": s.done_on.isoformat() if s.done_on else None} for s in goal.steps.all()
            ],
            "progress": [
                {"said_on": p.written_on.isoformat(), "words": p.words, "whose_words": str(p.get_voice_display())}
                for p in goal.progress.all()
            ],
        }
        for goal in plan_of(peer).goals
    ]


def forget_peer(peer: Peer) -> None:
    """On erasure: the steps and progress go (nothing in them is counted). The goals themselves are
    emptied by ``datarights.services.erase_peer`` to their domain, kind, status and months."""
    Step.objects.filter(goal__peer=peer).delete()
    ProgressEntry.objects.filter(goal__peer=peer).delete()
