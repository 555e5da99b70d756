"""The one function that writes the audit log."""

from __future__ import annotations

from django.db import models

from .models import Action, AuditEvent


def record_type_of(obj: models.Model | type[models.Model]) -> str:
    return obj._meta.model_name or ""


_RECORD_ID_LENGTH = AuditEvent._meta.get_field("record_id").max_length or 40


def _clipped(text: str, length: int) -> str:
    """Text that fits its column: a refusal for a made-up 41-digit id is still written."""
    return text if len(text) <= length else text[: length - 1] + "…"


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
    if record is not None:
        record_type = record_type_of(record)
        record_id = record.pk
        if organisation is None and organisation_id is None:
            organisation_id = getattr(record, "organisation_id", None)
    if organisation is not None:
        organisation_id = organisation.pk
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        organisation_id=organisation_id,
        action=action,
        record_type=record_type,
        record_id=_clipped(str(record_id), _RECORD_ID_LENGTH),
        reason=reason[:200],
    )
