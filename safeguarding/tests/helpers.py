"""Small helpers for the safeguarding tests (the cast is in the root conftest)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from absences.models import Absence
from safeguarding import services


def rota(cast, *, duty="cleo", deputy=None, deputies=None):
    """Riverside's rota for the coming week: ``duty`` on duty, ``deputy`` the default deputy, and
    ``deputies`` {supervisor: deputy} by name."""
    today = timezone.localdate()
    return services.add_on_call(
        by=cast.cleo,
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=6),
        duty_coordinator=cast.members[duty],
        default_deputy=cast.members[deputy] if deputy else None,
        deputies={cast.members[s]: cast.members[d] for s, d in (deputies or {}).items()},
    )


def away(cast, name: str):
    today = timezone.localdate()
    return Absence.objects.create(
        organisation=cast.riverside, member=cast.members[name], starts_on=today, ends_on=today + timedelta(days=3)
    )


def concern(cast, peer="amara", by="pat", urgency="this_week", what="She said her old boss found her address."):
    return services.raise_concern(peer=cast.peers[peer], by=cast.members[by], urgency=urgency, what_happened=what)


def raw(table: str, column: str, pk: int) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {connection.ops.quote_name(column)} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]
