"""The organisation's overdue supervision, kept for the coordinator's dashboard, is forgotten when
what it is made of changes (see services.organisation_overdue)."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from people.models import PeerSupporter

from .models import Frequency, Session, Supervisee
from .services import forget_overdue


def _forget(sender, instance, **kwargs) -> None:
    organisation_id = instance.organisation_id
    forget_overdue(organisation_id)
    transaction.on_commit(lambda: forget_overdue(organisation_id))


def connect() -> None:
    for model in (Session, Supervisee, Frequency, PeerSupporter):
        post_save.connect(_forget, sender=model, dispatch_uid=f"supervision.forget_overdue.{model.__name__}")
        post_delete.connect(_forget, sender=model, dispatch_uid=f"supervision.forget_overdue.d.{model.__name__}")
