"""The one function that writes the audit log."""

from __future__ import annotations

from django.db import models

from .models import Action, AuditEvent


def record_type_of(obj: models.Model | type[models.Model]) -> str:
    return obj._meta.model_name or ""


def audit(
    actor,
    action: Action,
    record: models.Model | None = None,
    *,
    organisation=None,
    record_type: str = "",
    record_id: object = "",
    reason: str = "",
) -> AuditEvent:
    """Write one entry. Pass the record, or its type and id when there is no object (a refusal)."""
    organisation_id = None
    if record is not None:
        record_type = record_type_of(record)
        record_id = record.pk
        if organisation is None:
            organisation_id = getattr(record, "organisation_id", None)
    if organisation is not None:
        organisation_id = organisation.pk
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        organisation_id=organisation_id,
        action=action,
        record_type=record_type,
        record_id=str(record_id),
        reason=reason[:200],
    )
