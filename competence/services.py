"""The only code that changes the framework, levels, sign-offs and shadowing; and the facts in bulk.

``facts_for`` reads what ``rules.may_do`` needs for many supporters in a few queries (never one per
supporter): one for the levels held, and only where a level held asks for them, one for its
competences, one for the settings and sign-offs and one for the shadowing done.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Protocol

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from audit.log import audit
from audit.models import Action
from organisations.models import Membership, Role
from people.choices import SupporterStage
from recruitment.stages import move_along
from training.services import training_missing

from . import defaults, rules
from .models import Competence, CompetenceSettings, HeldLevel, Level, LevelChange, LevelCompetence, Shadowing, SignOff

# Past this many supporters, reading the organisation's rows is cheaper than a long list of ids.
MANY = 50


class CompetenceError(Exception):
    """Said to the person, in plain words."""


class SupporterLike(Protocol):
    """A PeerSupporter, or matching's read-only row of one."""

    @property
    def pk(self) -> int: ...
    @property
    def organisation_id(self) -> int: ...
    @property
    def membership_id(self) -> int: ...
    @property
    def stage(self) -> str: ...


# --- The framework --------------------------------------------------------------------------------


@transaction.atomic
def add_default_framework(organisation) -> None:
    """The default competences and levels, for a new organisation (``signals.py``). Three inserts."""
    competences = Competence.objects.bulk_create(
        [
            Competence(
                organisation=organisation,
                default_code=code,
                kind=kind,
                domain=area,
                name=name,
                name_fr=name_fr,
                description=text,
                position=i,
            )  # fmt: skip
            for i, (code, kind, area, name, name_fr, text) in enumerate(defaults.COMPETENCES, start=1)
        ]
    )
    by_code = {c.default_code: c.pk for c in competences}
    levels = Level.objects.bulk_create(
        [
            Level(
                organisation=organisation,
                code=code,
                name=name,
                name_fr=name_fr,
                position=i,
                work=list(work),
                shadowing_needed=shadowing,
                shadowed_needed=shadowed,
            )  # fmt: skip
            for i, (code, name, name_fr, work, _needs, shadowing, shadowed) in enumerate(defaults.LEVELS, start=1)
        ]
    )
    LevelCompetence.objects.bulk_create(
        [
            LevelCompetence(organisation=organisation, level_id=level.pk, competence_id=by_code[code])
            for level, row in zip(levels, defaults.LEVELS, strict=True)
            for code in row[4]
        ]
    )


def settings_for(organisation_id: int) -> CompetenceSettings:
    """The organisation's settings (expiry off when never set). One query."""
    return CompetenceSettings.objects.filter(organisation_id=organisation_id).first() or CompetenceSettings(
        organisation_id=organisation_id
    )


@transaction.atomic
def save_settings(organisation, *, by: Membership, fields: Mapping[str, Any]) -> CompetenceSettings:
    row, _created = CompetenceSettings.objects.get_or_create(organisation=organisation)
    for name, value in fields.items():
        setattr(row, name, value)
    row.save()
    audit(by.user, Action.UPDATE, row)
    return row


@transaction.atomic
def save_competence(competence: Competence, *, by: Membership, fields: Mapping[str, Any]) -> Competence:
    created = competence.pk is None
    for name, value in fields.items():
        setattr(competence, name, value)
    competence.save()
    audit(by.user, Action.CREATE if created else Action.UPDATE, competence)
    return competence


@transaction.atomic
def save_level(level: Level, *, by: Membership, fields: Mapping[str, Any], competences: Iterable[Competence]) -> Level:
    created = level.pk is None
    unknown = set(fields.get("work", ())) - rules.WORK
    if unknown:
        raise CompetenceError(_("That kind of work is not one we know."))
    competences = list(competences)
    if any(c.organisation_id != level.organisation_id for c in competences):
        raise CompetenceError(_("That competence is not in this organisation's framework."))
    for name, value in fields.items():
        setattr(level, name, value)
    if not level.code:
        base = slugify(level.name)[:30] or "level"
        taken = set(Level.objects.filter(organisation_id=level.organisation_id).values_list("code", flat=True))
        level.code = next(c for c in (base, *(f"{base}-{n}" for n in range(2, 1000))) if c not in taken)
    level.save()
    level.competences.set(competences, through_defaults={"organisation_id": level.organisation_id})
    audit(by.user, Action.CREATE if created else Action.UPDATE, level)
    return level


# --- Who may sign off -----------------------------------------------------------------------------


def may_sign_off(membership: Membership | None, supporter) -> bool:
    """Their supervisor or a coordinator (or an admin) of the organisation; never the supporter
    themselves, nor another supporter."""
    if membership is None or not membership.is_active or membership.organisation_id != supporter.organisation_id:
        return False
    if membership.role in (Role.ADMIN, Role.COORDINATOR):
        return True
    return membership.role == Role.SUPERVISOR and supporter.supervisor_id == membership.pk


def _check(by: Membership, supporter) -> None:
    if not may_sign_off(by, supporter):
        raise CompetenceError(_("Only their supervisor or a coordinator can do this."))


# --- Changing a supporter's record ----------------------------------------------------------------


@transaction.atomic
def sign_off(
    supporter, competence: Competence, *, by: Membership, evidence: str, signed_on: dt.date, reference: str = "",
    note: str = "",
) -> SignOff:  # fmt: skip
    _check(by, supporter)
    if competence.organisation_id != supporter.organisation_id or competence.retired:
        raise CompetenceError(_("That competence is not in this organisation's framework."))
    if signed_on > timezone.localdate():
        raise CompetenceError(_("A sign-off cannot be dated in the future."))
    row = SignOff.objects.create(
        organisation_id=supporter.organisation_id, supporter=supporter, competence=competence, evidence=evidence,
        signed_on=signed_on, reference=reference, note=note, signed_by=by,
    )  # fmt: skip
    audit(by.user, Action.CREATE, row)
    return row


@transaction.atomic
def change_level(
    supporter, level: Level | None, *, by: Membership, reason: str, recognised: bool = False
) -> LevelChange:
    """Raise, lower or take away a supporter's level, with a reason; the history keeps every change."""
    _check(by, supporter)
    if not reason.strip():
        raise CompetenceError(_("Say why, in a few words."))
    if level is not None and level.organisation_id != supporter.organisation_id:
        raise CompetenceError(_("That level is not one of this organisation's."))
    held = HeldLevel.objects.select_for_update().filter(supporter=supporter).first()
    before = held.level if held else None
    if held is not None and level is None:
        audit(by.user, Action.DELETE, held)
        held.delete()
    elif level is not None:
        held = held or HeldLevel(organisation_id=supporter.organisation_id, supporter=supporter)
        held.level, held.recognised, held.since = level, recognised and True, timezone.localdate()
        held.save()
        audit(by.user, Action.UPDATE, held)
    change = LevelChange.objects.create(
        organisation_id=supporter.organisation_id, supporter=supporter, from_level=before, to_level=level,
        recognised=bool(level is not None and recognised), reason=reason, changed_by=by,
    )  # fmt: skip
    audit(by.user, Action.CREATE, change)
    if level is not None and level.work:  # a first level with direct work: they are shadowing now
        move_along(supporter, SupporterStage.SHADOWING, by=by, why=_("Given a level with direct work."))
    return change


@transaction.atomic
def record_shadowing(
    supporter, *, other: Membership, they_shadowed: bool, by: Membership, happened_on: dt.date, work: str,
    reflections: str = "",
) -> Shadowing:  # fmt: skip
    """A session of shadowing: ``supporter`` shadowed ``other`` (``they_shadowed``), or ``other``
    shadowed ``supporter``. Recorded by their supervisor or a coordinator."""
    _check(by, supporter)
    if other.organisation_id != supporter.organisation_id or not other.is_active:
        raise CompetenceError(_("Choose a colleague in this organisation."))
    if other.pk == supporter.membership_id:
        raise CompetenceError(_("Choose someone other than them."))
    if happened_on > timezone.localdate():
        raise CompetenceError(_("Shadowing is recorded once it has happened."))
    shadow, shadowed = (supporter.membership, other) if they_shadowed else (other, supporter.membership)
    row = Shadowing.objects.create(
        organisation_id=supporter.organisation_id, shadow=shadow, shadowed=shadowed, happened_on=happened_on,
        work=work, reflections=reflections, recorded_by=by.user,
    )  # fmt: skip
    audit(by.user, Action.CREATE, row)
    return row


# --- The facts, in bulk ---------------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def expires_on(signed_on: dt.date, settings: CompetenceSettings) -> dt.date | None:
    return add_months(signed_on, settings.valid_for_months) if settings.sign_offs_expire else None


def _name(name: str, name_fr: str) -> str:
    return name_fr if name_fr and (get_language() or "en").startswith("fr") else name


def facts_for(supporters: Iterable[SupporterLike], *, today: dt.date | None = None) -> dict[int, rules.Facts]:
    """What ``rules.may_do`` needs of each supporter (a ``PeerSupporter``, or anything with ``pk``,
    ``organisation_id``, ``membership_id`` and ``stage``), by supporter id. A few queries for all."""
    supporters = list(supporters)
    if not supporters:
        return {}
    today = today or timezone.localdate()
    held_rows = HeldLevel.objects.all()
    if len(supporters) > MANY:
        held_rows = held_rows.filter(organisation_id__in={s.organisation_id for s in supporters})
    else:
        held_rows = held_rows.filter(supporter_id__in=[s.pk for s in supporters])
    held = {
        row[0]: row[1:]
        for row in held_rows.values_list(
            "supporter_id", "recognised", "level_id", "level__name", "level__name_fr", "level__work",
            "level__shadowing_needed", "level__shadowed_needed", "level__code",
        )
    }  # fmt: skip
    # What is left to check: only for a level held without recognised experience.
    checked = {pk: row for pk, row in held.items() if not row[0]}
    needs: dict[int, dict[int, str]] = defaultdict(dict)
    if checked:
        through = LevelCompetence.objects.filter(
            level_id__in={row[1] for row in checked.values()}, competence__retired=False
        ).values_list("level_id", "competence_id", "competence__name", "competence__name_fr")
        for level_id, competence_id, name, name_fr in through:
            needs[level_id][competence_id] = _name(name, name_fr)
    by_pk = {s.pk: s for s in supporters}
    untrained = training_missing(
        {pk: (by_pk[pk].organisation_id, row[7]) for pk, row in checked.items() if pk in by_pk}
    )
    signing = [pk for pk, row in checked.items() if needs.get(row[1]) and pk in by_pk]
    signed: dict[int, set[int]] = defaultdict(set)
    if signing:
        settings = settings_for(by_pk[signing[0]].organisation_id)
        rows = SignOff.objects.filter(supporter_id__in=signing).values_list(
            "supporter_id", "competence_id", "signed_on"
        )
        for supporter_id, competence_id, signed_on in rows:
            until = expires_on(signed_on, settings)
            if until is None or until > today:
                signed[supporter_id].add(competence_id)
    shadowing: Counter[int] = Counter()
    shadowed: Counter[int] = Counter()
    watching = [by_pk[pk].membership_id for pk, row in checked.items() if (row[5] or row[6]) and pk in by_pk]
    if watching:
        for member, n in (
            Shadowing.objects.filter(shadow_id__in=watching).values_list("shadow_id").annotate(n=Count("pk")).order_by()
        ):
            shadowing[member] = n
        for member, n in (
            Shadowing.objects.filter(shadowed_id__in=watching)
            .values_list("shadowed_id")
            .annotate(n=Count("pk"))
            .order_by()
        ):
            shadowed[member] = n
    facts = {}
    for s in supporters:
        row = held.get(s.pk)
        level = None
        if row is not None:
            level = rules.LevelFacts(
                name=_name(row[2], row[3]), work=frozenset(row[4] or ()),
                competences=MappingProxyType(needs.get(row[1], {})), shadowing_needed=row[5], shadowed_needed=row[6],
            )  # fmt: skip
        facts[s.pk] = rules.Facts(
            stage=s.stage, level=level, signed_off=frozenset(signed.get(s.pk, ())),
            shadowing_done=shadowing[s.membership_id], shadowed_done=shadowed[s.membership_id],
            training_missing=untrained.get(s.pk, ()), recognised=bool(row and row[0]),
        )  # fmt: skip
    return facts


def allowed_ids(supporters: Iterable[SupporterLike], work: str) -> frozenset[int]:
    """The ids of those among ``supporters`` who may do ``work``, by ``rules.may_do``."""
    return allowed_ids_for(supporters, (work,))[work]


def allowed_ids_for(supporters: Iterable[SupporterLike], works: Iterable[str]) -> dict[str, frozenset[int]]:
    """For each of ``works``, the ids of those among ``supporters`` who may do it: their facts read once."""
    facts = facts_for(supporters)
    return {work: frozenset(pk for pk, f in facts.items() if rules.may_do(f, work).allowed) for work in works}


def verdicts(supporter: SupporterLike) -> dict[str, rules.Verdict]:
    """What one supporter may do, for each kind of work (their page)."""
    facts = facts_for([supporter])[supporter.pk]
    return {work: rules.may_do(facts, work) for work in rules.Work.values}


def due_for_refresh(supporter, *, today: dt.date | None = None) -> list[tuple[SignOff, dt.date]]:
    """Their sign-offs that expired or expire soon (nothing when the organisation does not use expiry)."""
    settings = settings_for(supporter.organisation_id)
    if not settings.sign_offs_expire:
        return []
    today = today or timezone.localdate()
    soon = today + dt.timedelta(weeks=settings.remind_weeks_before)
    newest: dict[int, SignOff] = {}
    for row in SignOff.objects.filter(supporter=supporter).select_related("competence").order_by("signed_on", "pk"):
        newest[row.competence_id] = row
    due = []
    for row in newest.values():
        until = expires_on(row.signed_on, settings)
        if until is not None and until <= soon:
            due.append((row, until))
    return sorted(due, key=lambda item: item[1])


def level_figures(organisation_id: int) -> list:
    """How many supporters hold each level: counts only, small numbers suppressed (``home.figures``),
    what an evaluator may see. Two queries."""
    from home.figures import Figure

    held = Counter(HeldLevel.objects.filter(organisation_id=organisation_id).values_list("level_id", flat=True))
    return [
        Figure(str(level), held.get(level.pk, 0)) for level in Level.objects.filter(organisation_id=organisation_id)
    ]
