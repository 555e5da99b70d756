"""The only code that changes a supporter's wellbeing records: each checks, writes in a transaction
and audits (never the content). ``directory_entries`` reads the cross-organisation directory."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from access.policy import Do, can
from audit.log import audit
from audit.models import Action
from organisations.models import Membership, Role
from organisations.tenancy import all_organisations
from people.models import PeerSupporter

from .instrument import who5
from .models import (
    CheckIn,
    DirectoryEntry,
    HardMoment,
    OrganisationSupport,
    SelfCarePlan,
    ShareWith,
    WantsTalk,
    WarningSettings,
)


class WellbeingError(Exception):
    """Something that cannot be done, in words for the person doing it."""


def _own(member: Membership) -> None:
    if not can(member, Do.KEEP_OWN_WELLBEING):
        raise WellbeingError("Only a peer supporter keeps their own wellbeing here.")


def coaches_for(member: Membership):
    """Who a supporter may name as their peer coach: the other active peer supporters here."""
    return (
        Membership.objects.filter(organisation_id=member.organisation_id, role=Role.PEER_SUPPORTER, is_active=True)
        .exclude(pk=member.pk)
        .select_related("user")
        .order_by("user__display_name", "pk")
    )


@transaction.atomic
def save_plan(
    member: Membership, *, what_helps: str, early_signs: str, who_i_turn_to: str, supports=()
) -> SelfCarePlan:
    _own(member)
    plan, created = SelfCarePlan.objects.get_or_create(
        member=member, defaults={"organisation_id": member.organisation_id}
    )
    plan.what_helps, plan.early_signs, plan.who_i_turn_to = what_helps, early_signs, who_i_turn_to
    plan.save()
    offered = OrganisationSupport.objects.filter(organisation_id=member.organisation_id)
    plan.supports.set(
        offered.filter(pk__in=[s.pk for s in supports]), through_defaults={"organisation_id": plan.organisation_id}
    )
    audit(member.user, Action.CREATE if created else Action.UPDATE, plan, organisation_id=member.organisation_id)
    return plan


def suggests_talk(score: int | None, wants_talk: str) -> bool:
    """A conversation is suggested when they ask for one, or their wellbeing is in the poor band."""
    return wants_talk == WantsTalk.YES or who5().is_low(score)


@transaction.atomic
def file_check_in(
    member: Membership,
    *,
    answers: dict[str, int | None],
    wants_talk: str = "",
    for_supervisor: str = "",
    share_with: str = ShareWith.NOBODY,
    coach: Membership | None = None,
) -> CheckIn:
    _own(member)
    instrument = who5()
    known = {item_id for item_id, _ in instrument.items}
    values = {value for value, _ in instrument.options}
    if set(answers) - known or any(v is not None and v not in values for v in answers.values()):
        raise WellbeingError("Those answers are not the check-in's.")
    if share_with not in ShareWith.values:
        raise WellbeingError("Choose who sees your answers.")
    if share_with == ShareWith.COACH:
        if coach is None or not coaches_for(member).filter(pk=coach.pk).exists():
            raise WellbeingError("Choose a peer coach from this organisation.")
    else:
        coach = None
    score = instrument.score(answers)
    check_in = CheckIn.objects.create(
        organisation_id=member.organisation_id,
        member=member,
        instrument=instrument.id,
        version=instrument.version,
        answers={k: answers.get(k) for k in sorted(known)},
        score=score,
        wants_talk=wants_talk,
        for_supervisor=for_supervisor,
        suggests_talk=suggests_talk(score, wants_talk),
        share_with=share_with,
        coach=coach,
    )
    audit(member.user, Action.CREATE, check_in, organisation_id=member.organisation_id)
    return check_in


@transaction.atomic
def change_sharing(check_in: CheckIn, *, by: Membership, share_with: str, coach: Membership | None = None) -> CheckIn:
    """Share a check-in with more people, or with fewer: only its own supporter decides."""
    if check_in.member_id != by.pk:
        raise WellbeingError("Only the person who checked in decides who sees it.")
    if share_with not in ShareWith.values:
        raise WellbeingError("Choose who sees your answers.")
    if share_with == ShareWith.COACH:
        if coach is None or not coaches_for(by).filter(pk=coach.pk).exists():
            raise WellbeingError("Choose a peer coach from this organisation.")
    else:
        coach = None
    check_in.share_with, check_in.coach = share_with, coach
    check_in.save(update_fields=["share_with", "coach"])
    audit(by.user, Action.UPDATE, check_in, organisation_id=by.organisation_id)
    return check_in


@transaction.atomic
def log_hard_moment(member: Membership, *, happened_on: date, words: str = "", counts: bool = True) -> HardMoment:
    _own(member)
    if happened_on > timezone.localdate():
        raise WellbeingError("That day has not come yet.")
    moment = HardMoment.objects.create(
        organisation_id=member.organisation_id, member=member, happened_on=happened_on, words=words, counts=counts
    )
    audit(member.user, Action.CREATE, moment, organisation_id=member.organisation_id)
    return moment


@transaction.atomic
def forget_hard_moment(moment: HardMoment, *, by: Membership) -> None:
    if moment.member_id != by.pk:
        raise WellbeingError("Only the person who logged it can take it off.")
    audit(by.user, Action.DELETE, moment, organisation_id=by.organisation_id)
    moment.delete()


# --- The directory of peer supporters, across the organisations of this installation ---------------


@transaction.atomic
def join_directory(member: Membership, *, glad_to_talk_about: str) -> DirectoryEntry:
    if not can(member, Do.USE_SUPPORTER_DIRECTORY):
        raise WellbeingError("Only peer supporters are in the directory.")
    entry, created = DirectoryEntry.objects.update_or_create(
        member=member,
        defaults={"organisation_id": member.organisation_id, "glad_to_talk_about": glad_to_talk_about},
    )
    audit(member.user, Action.CREATE if created else Action.UPDATE, entry, organisation_id=member.organisation_id)
    return entry


@transaction.atomic
def leave_directory(member: Membership) -> None:
    """Leaving takes them out at once: the row is deleted, nothing of it is kept."""
    for entry in DirectoryEntry.objects.filter(member=member):
        audit(member.user, Action.DELETE, entry, organisation_id=member.organisation_id)
        entry.delete()


@dataclass(frozen=True)
class Listed:
    name: str
    organisation: str
    languages: tuple[str, ...]
    glad_to_talk_about: str
    is_me: bool


def directory_entries(member: Membership) -> list[Listed]:
    """Everyone who chose to be listed, in every organisation here, as plain values: name,
    organisation, languages and what they are glad to talk about. Two queries."""
    if not can(member, Do.USE_SUPPORTER_DIRECTORY):
        return []
    from people.choices import LANGUAGE_NAMES

    with all_organisations():
        entries = list(
            DirectoryEntry.objects.filter(member__is_active=True, member__role=Role.PEER_SUPPORTER)
            .select_related("member__user", "member__organisation")
            .order_by("member__user__display_name", "pk")
        )
        languages = dict(
            PeerSupporter.objects.filter(membership_id__in=[e.member_id for e in entries]).values_list(
                "membership_id", "languages"
            )
        )
    return [
        Listed(
            name=e.member.user.display_name,
            organisation=e.member.organisation.name,
            languages=tuple(str(LANGUAGE_NAMES.get(code, code)) for code in languages.get(e.member_id) or ()),
            glad_to_talk_about=e.glad_to_talk_about,
            is_me=e.member_id == member.pk,
        )
        for e in entries
    ]


# --- The organisation's supports and limits -------------------------------------------------------


def _manage(by: Membership) -> None:
    if not can(by, Do.MANAGE_WELLBEING):
        raise WellbeingError("Only coordinators and admins change this.")


@transaction.atomic
def add_support(*, by: Membership, name: str, name_fr: str = "") -> OrganisationSupport:
    _manage(by)
    name = name.strip()
    if not name:
        raise WellbeingError("Give the support a name.")
    if OrganisationSupport.objects.filter(organisation_id=by.organisation_id, name=name).exists():
        raise WellbeingError("There is already a support of that name.")
    support = OrganisationSupport.objects.create(organisation_id=by.organisation_id, name=name, name_fr=name_fr)
    audit(by.user, Action.CREATE, support, organisation_id=by.organisation_id)
    return support


@transaction.atomic
def retire_support(support: OrganisationSupport, *, by: Membership, retired: bool = True) -> OrganisationSupport:
    _manage(by)
    support.retired = retired
    support.save(update_fields=["retired"])
    audit(by.user, Action.UPDATE, support, organisation_id=by.organisation_id)
    return support


@transaction.atomic
def save_limits(*, by: Membership, **limits: int) -> WarningSettings:
    _manage(by)
    row, _ = WarningSettings.objects.get_or_create(organisation_id=by.organisation_id)
    for name in WarningSettings.LIMIT_FIELDS:
        if name in limits:
            setattr(row, name, limits[name])
    row.save()
    audit(by.user, Action.UPDATE, row, organisation_id=by.organisation_id)
    return row


DEFAULT_SUPPORTS = (
    ("Paid time for therapy (an hour a week)", "Temps payé pour une thérapie (une heure par semaine)"),
    ("Counselling", "Accompagnement psychologique"),
    ("Flexible time off", "Congés souples"),
    ("The monthly peer supporters' group", "Le groupe mensuel des pair-aidants"),
)


def add_default_supports(organisation_id: int) -> None:
    """A new organisation starts with the four supports the reports name (it can add and retire)."""
    OrganisationSupport.objects.bulk_create(
        [OrganisationSupport(organisation_id=organisation_id, name=en, name_fr=fr) for en, fr in DEFAULT_SUPPORTS]
    )
