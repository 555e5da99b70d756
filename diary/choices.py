"""What the diary offers to choose from: plain codes, counted, never free text."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """A meeting with the peer, or an appointment the supporter goes to with them."""

    MEETING = "meeting", _("A meeting with the peer")
    DOCTOR = "doctor", _("An appointment: a doctor or a health service")
    COURT = "court", _("An appointment: a court date")
    HOUSING = "housing", _("An appointment: the housing office")
    OTHER = "other", _("An appointment: something else")


class Status(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HAPPENED = "happened", _("It happened")
    MISSED = "missed", _("It did not take place")
    CANCELLED = "cancelled", _("Cancelled")


# What can be said of a meeting once its time has come.
OUTCOMES = (Status.HAPPENED, Status.MISSED)


class ReminderLead(models.TextChoices):
    NONE = "none", _("No reminders")
    HOUR = "hour", _("An hour before")
    DAY = "day", _("The day before (24 hours before)")


class FeedDetail(models.TextChoices):
    """How much the calendar feed on the supporter's phone says, each level adding to the one before.
    The peer's name is never in it; their initials only on the last level."""

    TIME = "time", _("Only “Meeting” or “Appointment” and the time")
    KIND = "kind", _("Also the kind of appointment (a doctor, a court date, the housing office)")
    PLACE = "place", _("Also the kind and the place")
    INITIALS = "initials", _("Also the kind, the place and the peer's initials")
