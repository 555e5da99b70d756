"""What a contact is logged with: plain codes, counted; labels translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class How(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    TEXT = "text", _("Text")
    ONLINE = "online", _("Online")


class Kind(models.TextChoices):
    CHECK_IN = "check_in", _("Check-in")
    EMOTIONAL = "emotional", _("Emotional support")
    PRACTICAL = "practical", _("Practical help")
    APPOINTMENT = "appointment", _("Going to an appointment together")
    COACHING = "coaching", _("Coaching")
    CRISIS = "crisis", _("Crisis support")


class Outside(models.TextChoices):
    """Why a contact was outside what was agreed (never a judgement: something to talk about)."""

    CHANNEL = "channel", _("a way of being in touch you did not agree")
    TIME = "time", _("outside the times you agreed")


class Engagement(models.TextChoices):
    DRIFTED = "drifted", _("Drifted away")
    BACK = "back", _("Back in touch")


# Quick choices for how long, in minutes; "other" takes a number.
LENGTHS = (15, 30, 45, 60, 90)
DEFAULT_QUIET_WEEKS = 3

# Which of the agreement's ways of being in touch (agreements.Channel) each way of logging covers.
AGREEMENT_CHANNELS: dict[str, frozenset[str]] = {
    How.IN_PERSON: frozenset({"in_person"}),
    How.PHONE: frozenset({"phone_call"}),
    How.TEXT: frozenset({"text", "messaging_app"}),
    How.ONLINE: frozenset({"video_call", "messaging_app", "email", "social_media"}),
}
