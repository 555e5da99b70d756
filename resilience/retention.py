"""Keeping only what is needed: each kind of record goes when the organisation's period for it is over.

``remove_what_is_due(organisation)`` empties or deletes, kind by kind, only what is past its period
(``RetentionSettings``, defaults in ``models.DEFAULT_DAYS``), in one transaction, and audits how many of
each kind went: never which, never what. The task ``retention_task`` runs it for one organisation;
``manage.py apply_retention`` (run daily: deploy/) queues one per organisation.

What each kind removes:

- ``private_notes``: the private note of a contact that happened longer ago (the contact stays: it is counted);
- ``closed_concerns``: what a concern closed longer ago says (what happened, what the peer was told or
  wanted, why and what was reported, about the outcome) and what its actions said; the codes and
  months stay, as an erased record's do;
- ``expired_links``: partner links, and invitations, that stopped working longer ago (used, replaced,
  expired or accepted): deleted;
- ``raw_story``: what was said at an intake conversation replaced by a newer one longer ago (the notes,
  places and people to avoid); the answers (codes) stay;
- ``ended_matches``: what was said when a support ended (the closing conversation's words), the
  assignment's reason, and what a peer was told about cover, once the support ended longer ago.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from audit.log import audit
from audit.models import Action
from organisations.models import Organisation
from organisations.tenancy import organisation_scope

from .models import DEFAULT_DAYS, RetentionSettings

KINDS = tuple(DEFAULT_DAYS)
CONCERN_WORDS = ("what_happened", "not_told_why", "peer_wishes", "report_notes", "outcome_notes")
INTAKE_WORDS = (
    "safety_notes",
    "network_notes",
    "places_to_avoid",
    "people_to_avoid",
    "needs_first_notes",
    "wants_notes",
)


def periods(organisation: Organisation) -> dict[str, int]:
    row = RetentionSettings.objects.filter(organisation=organisation).first()
    return {kind: getattr(row, kind) if row else DEFAULT_DAYS[kind] for kind in KINDS}


def _not_empty(*fields: str) -> Q:
    q = Q()
    for name in fields:
        q |= ~Q(**{name: ""})
    return q


def _private_notes(organisation, cutoff) -> int:
    from contacts.models import Contact

    due = Contact.objects.filter(organisation=organisation, happened_at__lt=cutoff).filter(_not_empty("note"))
    return due.update(note="")


def _closed_concerns(organisation, cutoff) -> int:
    from safeguarding.models import Concern, ConcernAction

    due = Concern.objects.filter(organisation=organisation, closed_at__lt=cutoff)
    actions = ConcernAction.objects.filter(organisation=organisation, concern__in=due).filter(_not_empty("what"))
    with_words = due.filter(_not_empty(*CONCERN_WORDS)) | due.filter(pk__in=actions.values("concern_id"))
    count = with_words.distinct().count()
    actions.update(what="")
    due.filter(_not_empty(*CONCERN_WORDS)).update(**dict.fromkeys(CONCERN_WORDS, ""))
    return count


def _expired_links(organisation, cutoff) -> int:
    from accounts.models import Invitation
    from referrals.models import PartnerLink

    links = PartnerLink.objects.filter(organisation=organisation).filter(
        Q(used_at__lt=cutoff) | Q(closed_at__lt=cutoff) | Q(expires_at__lt=cutoff)
    )
    invitations = Invitation.objects.filter(organisation=organisation).filter(
        Q(accepted_at__lt=cutoff) | Q(expires_at__lt=cutoff)
    )
    return links.delete()[1].get("referrals.PartnerLink", 0) + invitations.delete()[1].get("accounts.Invitation", 0)


def _raw_story(organisation, cutoff) -> int:
    from intake.models import IntakeConversation

    due = IntakeConversation.objects.filter(organisation=organisation, superseded_at__lt=cutoff).filter(
        _not_empty(*INTAKE_WORDS)
    )
    return due.update(**dict.fromkeys(INTAKE_WORDS, ""))


def _ended_matches(organisation, cutoff) -> int:
    from continuity.models import ClosingConversation, Cover
    from people.models import Assignment

    ended = Assignment.objects.filter(organisation=organisation, ends_on__lt=cutoff.date())
    count = (
        ClosingConversation.objects.filter(organisation=organisation, assignment__in=ended)
        .filter(_not_empty("in_their_words", "if_they_come_back"))
        .update(in_their_words="", if_they_come_back="")
    )
    count += (
        Cover.objects.filter(organisation=organisation, assignment__in=ended)
        .filter(_not_empty("message"))
        .update(message="")
    )
    count += ended.filter(_not_empty("reason")).update(reason="")
    return count


_REMOVERS = {
    "private_notes": _private_notes,
    "closed_concerns": _closed_concerns,
    "expired_links": _expired_links,
    "raw_story": _raw_story,
    "ended_matches": _ended_matches,
}


@transaction.atomic
def remove_what_is_due(organisation: Organisation) -> dict[str, int]:
    """Remove what is past the organisation's period, kind by kind; audit how many of each (never which)."""
    now = timezone.now()
    removed: dict[str, int] = {}
    with organisation_scope(organisation):
        for kind, days in periods(organisation).items():
            removed[kind] = _REMOVERS[kind](organisation, now - timedelta(days=days))
            if removed[kind]:
                audit(
                    None,
                    Action.DELETE,
                    organisation=organisation,
                    record_type="retention",
                    record_id=kind,
                    reason=f"{removed[kind]} past the retention period",
                )
    return removed


@transaction.atomic
def set_periods(organisation: Organisation, *, by, **days: int) -> RetentionSettings:
    """The organisation's periods (days per kind); audited."""
    row, _ = RetentionSettings.objects.get_or_create(organisation=organisation)
    for kind, value in days.items():
        if kind not in KINDS:
            raise ValueError(kind)
        setattr(row, kind, value)
    row.full_clean()
    row.save()
    audit(by.user, Action.UPDATE, row, organisation=organisation)
    return row


@task()
def retention_task(organisation_id: int) -> dict[str, int]:
    organisation = Organisation.objects.get(pk=organisation_id)
    return remove_what_is_due(organisation)
