from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from supervision import services
from supervision.choices import Approach, Arranged, Format, Status


def facts(days_ago: int = 0, **over) -> services.Facts:
    values = dict(
        format=Format.ONE_TO_ONE, arranged=Arranged.PLANNED, approach=Approach.PEER,
        held_on=timezone.localdate() - timedelta(days=days_ago), minutes=60, status=Status.HELD,
    )  # fmt: skip
    values.update(over)
    return services.Facts(**values)


def held(by, supporter, *, days_ago: int = 0, notes: str = "", topics=(), caseload=None, **over):
    """A session ``by`` recorded with ``supporter`` (through the service), ``days_ago`` days ago."""
    said = services.WhatWasSaid(notes=notes, topics=tuple(topics), caseload=caseload or {})
    return services.record_session(
        by=by, supporters=[supporter], facts=facts(days_ago, **over), said={supporter.pk: said}
    )
