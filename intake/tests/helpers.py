"""Small helpers for the intake tests: a conversation recorded through the service, with a date."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from intake.services import record_intake


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)


def intake(peer, by, arrival=None, **answers):
    """Record a conversation through the one service (in the peer's organisation scope)."""
    return record_intake(peer=peer, by=by, answers=answers, arrival=arrival)
