"""Cover follows its absence: when an absence's dates change or it is taken off, its covers follow
(``services.follow_absence``). The absences app knows nothing of cover; this listens to its rows.

Who changed the absence is in the absence's own audit entry; the cover's entries name nobody.
"""

from __future__ import annotations

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from absences.models import Absence


@receiver(post_save, sender=Absence, dispatch_uid="continuity.cover_follows_new_dates")
def cover_follows_new_dates(sender, instance: Absence, created: bool, raw: bool = False, **kwargs) -> None:
    if created or raw:
        return  # a new absence has no cover yet: the coordinator arranges it
    from .services import follow_absence

    follow_absence(instance)


@receiver(pre_delete, sender=Absence, dispatch_uid="continuity.cover_ends_with_a_cancelled_absence")
def cover_ends_with_a_cancelled_absence(sender, instance: Absence, **kwargs) -> None:
    from .services import follow_absence

    follow_absence(instance, cancelled=True)
