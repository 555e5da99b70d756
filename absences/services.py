"""Recording absences, and asking who is away.

``is_away(member, on)`` and ``away_member_ids(organisation, on)`` are what other apps ask (cover,
the safeguarding deputy); ``record_absence``, ``change_absence`` and ``cancel_absence`` are the only
code that changes an absence. Coordinators and admins record them (``Do.RECORD_ABSENCES``), for
members of their own organisation.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from access.policy import Do, can
from audit.log import audit
from audit.models import Action
from organisations.models import Membership, Organisation

from .models import Absence


class AbsenceError(Exception):
    """Something about an absence that cannot be done, in words for the person doing it."""


def _check(by: Membership, member: Membership, starts_on: date, ends_on: date) -> None:
    if not can(by, Do.RECORD_ABSENCES):
        raise AbsenceError("Only coordinators and admins record who is away.")
    if member.organisation_id != by.organisation_id:
        raise AbsenceError("That person does not work here.")
    if ends_on < starts_on:
        raise AbsenceError("The last day is before the first day.")


@transaction.atomic
def record_absence(*, member: Membership, by: Membership, starts_on: date, ends_on: date, kind: str) -> Absence:
    _check(by, member, starts_on, ends_on)
    absence = Absence.objects.create(
        organisation_id=member.organisation_id,
        member=member,
        starts_on=starts_on,
        ends_on=ends_on,
        kind=kind,
        recorded_by=by.user,
    )
    audit(by.user, Action.CREATE, absence, organisation_id=member.organisation_id)
    return absence


@transaction.atomic
def change_absence(absence: Absence, *, by: Membership, starts_on: date, ends_on: date) -> Absence:
    """Back early or away longer: the same absence, new dates."""
    _check(by, absence.member, starts_on, ends_on)
    absence.starts_on, absence.ends_on = starts_on, ends_on
    absence.save(update_fields=["starts_on", "ends_on"])
    audit(by.user, Action.UPDATE, absence, organisation_id=absence.organisation_id)
    return absence


@transaction.atomic
def cancel_absence(absence: Absence, *, by: Membership) -> None:
    """An absence that did not happen (or was recorded by mistake) goes; the audit log keeps that it was."""
    _check(by, absence.member, absence.starts_on, absence.ends_on)
    audit(by.user, Action.DELETE, absence, organisation_id=absence.organisation_id)
    absence.delete()


def absences_on(organisation: Organisation | int, on: date | None = None) -> QuerySet[Absence]:
    on = on or timezone.localdate()
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return Absence.objects.filter(organisation_id=organisation_id, starts_on__lte=on, ends_on__gte=on)


def away_member_ids(organisation: Organisation | int, on: date | None = None) -> set[int]:
    """The memberships away on that day (today by default): one query."""
    return set(absences_on(organisation, on).values_list("member_id", flat=True))


def is_away(member: Membership, on: date | None = None) -> bool:
    return absences_on(member.organisation_id, on).filter(member=member).exists()


def absence_of(member: Membership, on: date | None = None) -> Absence | None:
    """The absence that covers that day, if any (the one ending last, when two overlap)."""
    return absences_on(member.organisation_id, on).filter(member=member).order_by("-ends_on").first()


def upcoming(organisation: Organisation, *, on: date | None = None) -> QuerySet[Absence]:
    """Absences that have not ended yet, soonest first, with who."""
    on = on or timezone.localdate()
    return (
        Absence.objects.filter(organisation=organisation, ends_on__gte=on)
        .select_related("member__user")
        .order_by("starts_on", "pk")
    )
