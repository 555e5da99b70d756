"""The plain codes of supervision: counted, never free text."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Format(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("One-to-one")
    GROUP = "group", _("Group")


class Arranged(models.TextChoices):
    PLANNED = "planned", _("Planned")
    AD_HOC = "ad_hoc", _("Ad hoc (when it was needed)")


class Approach(models.TextChoices):
    PEER = "peer", _("Peer supervision")
    CLINICAL = "clinical", _("Clinical supervision")


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned, not yet held")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Topic(models.TextChoices):
    BOUNDARIES = "boundaries", _("Boundaries")
    CAPACITY = "capacity", _("Capacity")
    TOUGH_SITUATIONS = "tough_situations", _("Tough situations")
    ETHICS = "ethics", _("Ethics")
    ROLE_CREEP = "role_creep", _("Drifting into case management")
    SELF_CARE = "self_care", _("Self-care")
    OTHER = "other", _("Something else")


class Every(models.TextChoices):
    """How often: each code is a number of days (``schedule.DAYS``)."""

    DAILY = "daily", _("Every day")
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Every month")
