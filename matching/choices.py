"""The vocabularies of matching. Plain codes (counted and compared); labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from . import core


class ExclusionReason(models.TextChoices):
    SAME_NETWORK = "same_network", _("A link to the same network")
    PAST_RELATIONSHIP = "past_relationship", _("A past relationship")
    MANIPULATION = "manipulation", _("A risk of manipulation")
    CHOSE_NOT_TO_SAY = "not_said", _("Chose not to say")


class KeepAwayKind(models.TextChoices):
    AREA = "area", _("An area")
    COMMUNITY = "community", _("A community")
    WORKPLACE = "workplace", _("A former workplace")
    OTHER = "other", _("Another place or circle")


class Priority(models.IntegerChoices):
    """How much a criterion matters to the peer (a weight for the fit)."""

    NOT_AT_ALL = 0, _("Does not matter to them")
    A_LITTLE = 1, _("Matters a little")
    SOME = 3, _("Matters")
    MOST = core.MOST_WEIGHT, _("Matters most")


WEEKDAY_LABELS = {
    "mon": _("Monday"),
    "tue": _("Tuesday"),
    "wed": _("Wednesday"),
    "thu": _("Thursday"),
    "fri": _("Friday"),
    "sat": _("Saturday"),
    "sun": _("Sunday"),
}
PART_LABELS = {"morning": _("morning"), "afternoon": _("afternoon"), "evening": _("evening")}
SLOT_CHOICES = [
    (f"{day}_{part}", f"{WEEKDAY_LABELS[day]} {PART_LABELS[part]}")
    for day in core.WEEKDAYS
    for part in core.PARTS_OF_DAY
]

CRITERION_LABELS = {
    core.Criterion.LIVED_EXPERIENCE: _("Lived experience"),
    core.Criterion.LANGUAGE: _("Language"),
    core.Criterion.GENDER: _("Gender"),
    core.Criterion.CULTURE: _("Culture or background"),
    core.Criterion.AGE: _("Age"),
    core.Criterion.ONE_TO_ONE: _("One-to-one or group"),
    core.Criterion.WAYS_OF_MEETING: _("Ways of meeting"),
    core.Criterion.AVAILABILITY: _("Times they are free"),
    core.Criterion.CAPACITY: _("Room for someone new"),
}
