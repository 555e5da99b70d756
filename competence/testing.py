"""For tests of other apps: a supporter allowed (or not) to work one-to-one on their own.

``allow_alone`` gives them the organisation's independent one-to-one level with their experience
recognised (as the migration from the interim flag did), or takes their level away.
"""

from __future__ import annotations

from django.utils import timezone

from organisations.tenancy import all_organisations

from .defaults import CARRIED_OVER
from .models import HeldLevel, Level, LevelChange


def allow_alone(supporter, allowed: bool = True) -> None:
    with all_organisations():
        if not allowed:
            HeldLevel.objects.filter(supporter_id=supporter.pk).delete()
            return
        level = Level.objects.get(organisation_id=supporter.organisation_id, code=CARRIED_OVER)
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
            reason="Works one-to-one on their own already.",
        )
