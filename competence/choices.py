"""Plain codes of the competence app (what is stored), named in the language of the page."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CompetenceKind(models.TextChoices):
    CORE = "core", _("Core: to start out")
    OPTIONAL = "optional", _("Optional: to grow in the role")
    ORGANISATIONAL = "organisational", _("Organisational: for the organisation")


class Evidence(models.TextChoices):
    ROLE_PLAY = "role_play", _("An observed role play")
    SHADOWED_SESSION = "shadowed_session", _("A shadowed session")
    TRAINING = "training", _("Training completed")
    OTHER = "other", _("Something else")


class Work(models.TextChoices):
    """The kinds of work ``competence.rules.may_do`` answers for."""

    ONE_TO_ONE_ALONE = "one_to_one_alone", _("One-to-one support on their own")
    ONE_TO_ONE_SUPERVISED = "one_to_one_supervised", _("One-to-one support, with someone alongside")
    CO_FACILITATE_GROUP = "co_facilitate_group", _("Co-facilitating a group")
    LEAD_GROUP = "lead_group", _("Leading a group")
    MENTOR = "mentor", _("Mentoring new peer supporters")


class ShadowingWork(models.TextChoices):
    ONE_TO_ONE = "one_to_one", _("A one-to-one session")
    GROUP = "group", _("A group")
    PRESENTATION = "presentation", _("A presentation or talk")
    OUTREACH = "outreach", _("Outreach")
    OTHER = "other", _("Other work")
