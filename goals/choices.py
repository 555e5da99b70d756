"""What a goal offers to choose from. No word of failure: a goal is achieved, paused or let go."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class GoalKind(models.TextChoices):
    """Basic needs come first and are kept apart from the goals that take longer."""

    BASIC_NEED = "basic_need", _("A basic need (somewhere safe to stay, food, ...)")
    LONGER_TERM = "longer_term", _("A longer-term goal")


class GoalStatus(models.TextChoices):
    WORKING_ON = "working_on", _("Working on it")
    ACHIEVED = "achieved", _("Achieved")
    PAUSED = "paused", _("Paused for now")
    LET_GO = "let_go", _("Let go")


OPEN_STATUSES = (GoalStatus.WORKING_ON, GoalStatus.PAUSED)


class Voice(models.TextChoices):
    """Whose words these are."""

    PEER = "peer", _("The peer wrote or said this")
    SUPPORTER = "supporter", _("Noted by the supporter")


class Helper(models.TextChoices):
    """Who helps with a goal (any of them)."""

    PEER = "peer", _("The peer themselves")
    SUPPORTER = "supporter", _("Their peer supporter")
    PARTNER = "partner", _("A partner organisation")
    SOMEONE_ELSE = "someone_else", _("Someone else")
