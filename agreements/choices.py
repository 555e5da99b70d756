"""What a support agreement offers to choose from. Each has a way of saying it is not decided yet."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HowOften(models.TextChoices):
    TWICE_A_WEEK = "twice_weekly", _("Twice a week")
    WEEKLY = "weekly", _("Once a week")
    FORTNIGHTLY = "fortnightly", _("Every two weeks")
    MONTHLY = "monthly", _("Once a month")
    WHEN_ASKED = "when_asked", _("When the peer asks")
    NOT_DECIDED = "not_decided", _("Not decided yet")


class Channel(models.TextChoices):
    """Ways of being in touch. Social media is here so that it can be ruled out."""

    IN_PERSON = "in_person", _("Meeting in person")
    PHONE_CALL = "phone_call", _("Phone calls")
    TEXT = "text", _("Text messages")
    MESSAGING_APP = "messaging_app", _("A messaging app")
    VIDEO_CALL = "video_call", _("Video calls")
    EMAIL = "email", _("Email")
    SOCIAL_MEDIA = "social_media", _("Social media")


class OwnStory(models.TextChoices):
    """Whether the peer supporter will draw on their own story."""

    WHEN_IT_HELPS = "when_it_helps", _("Yes, a little, when it might help")
    NO = "no", _("No, they will keep their own story to themselves")
    NOT_DECIDED = "not_decided", _("Not decided yet")


class PeerExperience(models.TextChoices):
    """Whether the peer wants to talk about their own experience at all."""

    YES = "yes", _("Yes, when they want to")
    LATER = "later", _("Maybe later, not for now")
    NO = "no", _("No, they would rather not talk about it")
    NOT_DECIDED = "not_decided", _("Not decided yet")
