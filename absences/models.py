"""Who is away, and when: a member of the team on leave, ill or taking a break.

Cover for a peer supporter's peers and the deputy who takes a supervisor's concerns both read it
(``absences.services``). It says nothing about any peer.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.choices import ChoiceLabels
from organisations.tenancy import OrganisationScopedManager


class AbsenceKind(models.TextChoices):
    # Why someone is away is theirs to say: "away" says enough for cover and deputies.
    AWAY = "away", _("Away (nothing more said)")
    LEAVE = "leave", _("On leave")
    ILL = "ill", _("Unwell")
    BREAK = "break", _("Taking a break")


class Absence(ChoiceLabels, models.Model):
    """A member away from one day to another, both days included."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(
        "organisations.Membership", on_delete=models.CASCADE, related_name="absences", verbose_name=_("who")
    )
    starts_on = models.DateField(_("first day away"), default=timezone.localdate)
    ends_on = models.DateField(_("last day away"))
    kind = models.CharField(_("why"), max_length=10, choices=AbsenceKind.choices, default=AbsenceKind.AWAY)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["starts_on", "pk"]
        indexes = [models.Index(fields=["organisation", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="absence_ends_after_it_starts",
                violation_error_message=_("The last day is before the first day."),
            )
        ]

    def __str__(self) -> str:
        return f"Absence {self.pk}"

    def covers(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on
