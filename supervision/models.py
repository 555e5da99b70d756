"""Supervision of peer supporters: sessions (one-to-one or group), who was supervised in each and
what was said (encrypted, private to the supervisee and their supervisors), a line per peer of the
caseload walked through, and how often each supervisee is to be seen.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.choices import ChoiceLabels
from encryption.fields import EncryptedCharField, EncryptedTextField
from organisations.tenancy import OrganisationScopedManager

from .choices import Approach, Arranged, Every, Format, Status


class Frequency(models.Model):
    """How often supervision is due: the organisation's default (no supporter) or one supervisee's,
    changed with a reason. The schedule tapers (``schedule.Schedule``)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    supporter = models.ForeignKey(
        "people.PeerSupporter", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    first_every = models.CharField(_("at first"), max_length=12, choices=Every.choices, default=Every.WEEKLY)
    first_weeks = models.PositiveSmallIntegerField(_("for how many weeks"), default=8)
    then_every = models.CharField(_("then"), max_length=12, choices=Every.choices, default=Every.FORTNIGHTLY)
    then_weeks = models.PositiveSmallIntegerField(_("for how many more weeks"), default=8)
    after_every = models.CharField(_("after that"), max_length=12, choices=Every.choices, default=Every.MONTHLY)
    reason = EncryptedTextField(_("why it changed"), blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    set_at = models.DateTimeField(auto_now=True)

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], condition=Q(supporter__isnull=True), name="one_default_supervision_frequency"
            ),
            models.UniqueConstraint(
                fields=["supporter"], condition=Q(supporter__isnull=False), name="one_supervision_frequency_each"
            ),
        ]

    def __str__(self) -> str:
        return f"Supervision frequency {self.pk}"


class Session(ChoiceLabels, models.Model):
    """One supervision session: who ran it (a member, or an external supervisor named, recorded by a
    member), when, how long, and whether it was held. Who was supervised in it: ``Supervisee`` rows."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    format = models.CharField(_("one-to-one or group"), max_length=12, choices=Format.choices)
    arranged = models.CharField(_("planned or ad hoc"), max_length=10, choices=Arranged.choices)
    approach = models.CharField(_("kind of supervision"), max_length=10, choices=Approach.choices)
    supervisor = models.ForeignKey(
        "organisations.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    external_supervisor = EncryptedCharField(_("external supervisor's name"), max_length=120, blank=True)
    recorded_by = models.ForeignKey("organisations.Membership", on_delete=models.SET_NULL, null=True, related_name="+")
    held_on = models.DateField(_("date"), default=timezone.localdate)
    minutes = models.PositiveSmallIntegerField(_("length in minutes"), default=60)
    status = models.CharField(_("held or cancelled"), max_length=10, choices=Status.choices, default=Status.HELD)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["organisation", "status", "held_on"])]

    def __str__(self) -> str:
        return f"Supervision session on {self.held_on}"


class Supervisee(models.Model):
    """One peer supporter in one session, with what was said about their work (encrypted), the
    recurring topics (codes, counted), and their own reflection afterwards (encrypted, theirs)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="supervisees")
    supporter = models.ForeignKey("people.PeerSupporter", on_delete=models.CASCADE, related_name="+")
    notes = EncryptedTextField(_("notes"), blank=True)
    topics = models.JSONField(_("topics that came up"), default=list, blank=True)
    reflection = EncryptedTextField(_("your own reflection"), blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["session", "supporter"], name="once_per_session")]
        indexes = [models.Index(fields=["supporter", "session"])]

    def __str__(self) -> str:
        return f"Supervisee {self.supporter_id} in session {self.session_id}"


class CaseloadNote(models.Model):
    """A line of notes about one peer of the supervisee's caseload, walked through in a session."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    supervisee = models.ForeignKey(Supervisee, on_delete=models.CASCADE, related_name="caseload_notes")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="supervision_notes")
    note = EncryptedTextField(_("note"), blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["supervisee", "peer"], name="one_line_per_peer")]

    def __str__(self) -> str:
        return f"Supervision line {self.pk}"
