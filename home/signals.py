"""The dashboard's kept counts are forgotten when what they count changes (see home/dashboards.py)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from audit.models import Action, AuditEvent
from consent.models import ConsentRecord
from intake.models import Arrival, IntakeConversation, WaitingSettings, WaitingStatus
from people.models import Assignment, Peer, PeerSupporter

from .dashboards import forget_counts

COUNTED = (Peer, Assignment, ConsentRecord, PeerSupporter, IntakeConversation, Arrival, WaitingStatus, WaitingSettings)
# Every change to a person's record is audited; some are written with a queryset update (erasure),
# which sends no post_save. An audited change forgets its organisation's counts too.
CHANGES = frozenset(
    {Action.CREATE, Action.UPDATE, Action.DELETE, Action.ERASE, Action.CONSENT_GIVEN, Action.CONSENT_WITHDRAWN}
)


def _forget_once_committed(organisation_id: int) -> None:
    # Now, and again after the commit: a dashboard read by another request while the change's
    # transaction is open would otherwise keep the old counts for their 30 seconds.
    forget_counts(organisation_id)
    transaction.on_commit(lambda: forget_counts(organisation_id))


def _forget(sender, instance, **kwargs) -> None:
    _forget_once_committed(instance.organisation_id)


def _forget_after_an_audited_change(sender, instance: AuditEvent, created: bool, **kwargs) -> None:
    if created and instance.action in CHANGES and instance.organisation_id:
        _forget_once_committed(instance.organisation_id)


def connect() -> None:
    post_save.connect(_forget_after_an_audited_change, sender=AuditEvent, dispatch_uid="home.forget_counts.audit")
    for model in COUNTED:
        post_save.connect(_forget, sender=model, dispatch_uid=f"home.forget_counts.save.{model.__name__}")
        post_delete.connect(_forget, sender=model, dispatch_uid=f"home.forget_counts.delete.{model.__name__}")
