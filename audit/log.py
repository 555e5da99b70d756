"""The one function that writes the audit log."""

from __future__ import annotations

from django.db import models

from .models import Action, AuditEvent


def record_type_of(obj: models.Model | type[models.Model]) -> str:
    return obj._meta.model_name or ""


_RECORD_ID_LENGTH = AuditEvent._meta.get_field("record_id").max_length or 40


def _clipped(text: str, length: int) -> str:
    """Text that fits its column: a refusal for a made-up 41-digit id is still written, and one for an
    id with a NUL or another control character in it too (PostgreSQL refuses NUL in text: a 500)."""
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= length else text[: length - 1] + "…"


def entry(
    actor,
    action: Action,
    record: models.Model | None = None,
    *,
    organisation=None,
    organisation_id: int | None = None,
    record_type: str = "",
    record_id: object = "",
    reason: str = "",
) -> AuditEvent:
    """One entry, not yet written (see ``audit`` for the arguments)."""
    if record is not None:
        record_type = record_type_of(record)
        record_id = record.pk
        if organisation is None and organisation_id is None:
            organisation_id = getattr(record, "organisation_id", None)
    if organisation is not None:
        organisation_id = organisation.pk
    return AuditEvent(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        organisation_id=organisation_id,
        action=action,
        record_type=record_type,
        record_id=_clipped(str(record_id), _RECORD_ID_LENGTH),
        reason=reason[:200],
    )


def audit(
    actor,
    action: Action,
    record: models.Model | None = None,
    *,
    organisation=None,
    organisation_id: int | None = None,
    record_type: str = "",
    record_id: object = "",
    reason: str = "",
) -> AuditEvent:
    """Write one entry. Pass the record, or its type and id when there is no object (a refusal)."""
    event = entry(
        actor,
        action,
        record,
        organisation=organisation,
        organisation_id=organisation_id,
        record_type=record_type,
        record_id=record_id,
        reason=reason,
    )
    event.save()
    return event


def audit_together(events: list[AuditEvent]) -> None:
    """Write entries in one statement, so that writing one or two takes the same time (a refusal)."""
    AuditEvent.objects.bulk_create(events)


def audit_shown(actor, records, *, reason: str) -> None:
    """A page that lists people: one VIEW entry for each person it shows, written in one statement."""
    audit_together([entry(actor, Action.VIEW, record, reason=reason) for record in records])
