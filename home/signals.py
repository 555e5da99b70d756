"""The dashboard's kept counts are forgotten when what they count changes (see home/dashboards.py)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from consent.models import ConsentRecord
from people.models import Assignment, Peer, PeerSupporter

from .dashboards import forget_counts

COUNTED = (Peer, Assignment, ConsentRecord, PeerSupporter)


def _forget(sender, instance, **kwargs) -> None:
    forget_counts(instance.organisation_id)


def connect() -> None:
    for model in COUNTED:
        post_save.connect(_forget, sender=model, dispatch_uid=f"home.forget_counts.save.{model.__name__}")
        post_delete.connect(_forget, sender=model, dispatch_uid=f"home.forget_counts.delete.{model.__name__}")
