"""For tests of other apps: a supporter allowed (or not) to work one-to-one on their own.

``allow_alone`` gives them the organisation's independent one-to-one level with their experience
recognised (as the migration from the interim flag did), or (``allowed=False``) its supervised
one-to-one level: they take peers on, with someone alongside, never on their own. ``no_level`` takes
their level away (they take nobody on).
"""

from __future__ import annotations

from django.utils import timezone

from organisations.tenancy import all_organisations

from .defaults import CARRIED_OVER, SUPERVISED
from .models import HeldLevel, Level, LevelChange


def no_level(supporter) -> None:
    with all_organisations():
        HeldLevel.objects.filter(supporter_id=supporter.pk).delete()


def allow_alone(supporter, allowed: bool = True) -> None:
    with all_organisations():
        code = CARRIED_OVER if allowed else SUPERVISED
        level = Level.objects.get(organisation_id=supporter.organisation_id, code=code)
        HeldLevel.objects.update_or_create(
            supporter_id=supporter.pk,
            defaults={
                "organisation_id": supporter.organisation_id, "level": level, "recognised": True,
                "since": timezone.localdate(),
            },
        )  # fmt: skip
        LevelChange.objects.create(
            organisation_id=supporter.organisation_id,
            supporter_id=supporter.pk,
            to_level=level,
            recognised=True,
            reason="Works one-to-one already." if allowed else "Works one-to-one with someone alongside.",
        )
