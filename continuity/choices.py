"""What the endings and cover pages offer to choose from. Each has a way of not saying."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ComeBackTo(models.TextChoices):
    """Who the peer would like to see if they come back."""

    SAME_SUPPORTER = "same_supporter", _("The same peer supporter, if they can")
    SOMEONE_NEW = "someone_new", _("Someone new")
    WHOEVER = "whoever", _("Whoever is free")
    NOT_SAID = "not_said", _("They did not say")
