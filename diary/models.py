"""The supporter's diary: meetings with a peer and appointments they go to together, and each member's
own diary settings (reminders, and the private calendar feed for their phone).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from encryption.fields import EncryptedTextField
from organisations.tenancy import OrganisationScopedManager

from .choices import FeedDetail, Kind, ReminderLead, Status

LONGEST_MEETING = 12 * 60  # minutes


class Meeting(models.Model):
    """A meeting or an appointment, on one assignment (who works with whom). Never deleted by a
    supporter: a cancelled one is kept, marked cancelled. Where and the note are encrypted."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="meetings")
    assignment = models.ForeignKey("people.Assignment", on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("what it is"), max_length=20, choices=Kind.choices, default=Kind.MEETING)
    starts_at = models.DateTimeField(_("when"))
    minutes = models.PositiveSmallIntegerField(
        _("how long (minutes)"), default=60, validators=[MinValueValidator(5), MaxValueValidator(LONGEST_MEETING)]
    )
    place = EncryptedTextField(_("where"), blank=True)
    note = EncryptedTextField(_("a note"), blank=True)
    status = models.CharField(_("how it went"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    # When the reminder is due (empty: none), and when it was sent. Moving or cancelling changes it.
    remind_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    planned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    created_at = models.DateTimeField(auto_now_add=True)
    changed_at = models.DateTimeField(auto_now=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["assignment", "starts_at"]),
            models.Index(fields=["peer", "starts_at"]),
            models.Index(fields=["remind_at"]),
        ]

    def __str__(self) -> str:
        return f"Meeting {self.pk}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.minutes)

    @property
    def is_appointment(self) -> bool:
        return self.kind != Kind.MEETING

    @property
    def is_planned(self) -> bool:
        return self.status == Status.PLANNED


class DiarySettings(models.Model):
    """One member's own choices: when to be reminded, and what their calendar feed shows.

    The feed's address carries a random token; only its hash is kept (like invitations). Renewing it
    writes a new hash, so the old address stops at once; stopping the feed empties it.
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    membership = models.OneToOneField(
        "organisations.Membership", on_delete=models.CASCADE, related_name="diary_settings"
    )
    reminder_lead = models.CharField(
        _("reminders"), max_length=10, choices=ReminderLead.choices, default=ReminderLead.NONE
    )
    feed_detail = models.CharField(
        _("what your calendar feed shows"), max_length=10, choices=FeedDetail.choices, default=FeedDetail.TIME
    )
    feed_token_hash = models.CharField(max_length=64, null=True, blank=True, unique=True)
    feed_made_at = models.DateTimeField(null=True, blank=True)

    objects = OrganisationScopedManager()

    def __str__(self) -> str:
        return f"Diary settings {self.pk}"
