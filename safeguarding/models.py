"""Safeguarding: concerns about a peer and who they reach, the on-call rota, and staff safety
(flags on a peer, a record of aggression, visits checked in and out).

Free text about a person is encrypted; choices are plain codes. Every step of a concern is kept.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.choices import ChoiceLabels
from encryption.fields import EncryptedTextField
from organisations.tenancy import OrganisationScopedManager

from .choices import Authority, FlagKind, Outcome, PeerTold, Report, RoutedBecause, StepKind, Urgency

MEMBER = "organisations.Membership"


class Concern(ChoiceLabels, models.Model):
    """Something that worries a member about a peer, and what was done about it."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="concerns")
    # Empty only on an erased peer's concerns.
    raised_by = models.ForeignKey(MEMBER, on_delete=models.PROTECT, related_name="+", null=True)
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    urgency = models.CharField(_("how soon"), max_length=20, choices=Urgency.choices)
    what_happened = EncryptedTextField(_("what happened"), blank=True)
    # When nobody having taken it makes it overdue (from the urgency).
    take_by = models.DateTimeField(null=True)
    # The contact it was raised from ("Save, and something worries me" on the contact log), if any.
    from_contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.SET_NULL, null=True, blank=True, related_name="concerns"
    )

    owner = models.ForeignKey(MEMBER, on_delete=models.PROTECT, related_name="+", null=True)
    taken_at = models.DateTimeField(null=True)

    peer_told = models.CharField(
        _("whether the peer was told first"), max_length=20, choices=PeerTold.choices, default=PeerTold.NOT_YET
    )
    not_told_why = EncryptedTextField(_("why they were not told"), blank=True)
    peer_wishes = EncryptedTextField(_("the peer's own wishes"), blank=True)

    report = models.CharField(
        _("a report to an authority"), max_length=20, choices=Report.choices, default=Report.NOT_DECIDED
    )
    authority = models.CharField(_("which authority"), max_length=30, choices=Authority.choices, blank=True)
    reported_on = models.DateField(_("when"), null=True)
    report_decided_by = models.ForeignKey(MEMBER, on_delete=models.PROTECT, related_name="+", null=True)
    report_notes = EncryptedTextField(_("why, and what was shared"), blank=True)
    # The information-sharing threshold shown when the decision was recorded.
    threshold = models.ForeignKey("agreements.SharingThreshold", on_delete=models.PROTECT, related_name="+", null=True)

    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    outcome_notes = EncryptedTextField(_("about the outcome"), blank=True)
    closed_at = models.DateTimeField(null=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-raised_at", "-pk"]
        indexes = [models.Index(fields=["organisation", "closed_at"])]

    def __str__(self) -> str:
        return f"Concern {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def untaken_too_long(self) -> bool:
        return self.owner_id is None and self.is_open and self.take_by is not None and self.take_by < timezone.now()


class ConcernRecipient(ChoiceLabels, models.Model):
    """Someone a concern was sent to when it was raised, and why."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="recipients")
    membership = models.ForeignKey(MEMBER, on_delete=models.PROTECT, related_name="+")
    because = models.CharField(max_length=20, choices=RoutedBecause.choices)
    # For a deputy: the supervisor they stood in for.
    instead_of = models.ForeignKey(MEMBER, on_delete=models.PROTECT, related_name="+", null=True)

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["concern", "membership"], name="one_recipient_row_per_member"),
        ]
        indexes = [models.Index(fields=["membership", "concern"])]

    def __str__(self) -> str:
        return f"Concern recipient {self.pk}"


class ConcernAction(models.Model):
    """Something to do about a concern, by a date; done or not."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="actions")
    what = EncryptedTextField(_("what needs doing"))
    due_on = models.DateField(_("by when"))
    added_by = models.ForeignKey(MEMBER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True)
    done_by = models.ForeignKey(MEMBER, on_delete=models.PROTECT, related_name="+", null=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"Concern action {self.pk}"

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_on < timezone.localdate()


class ConcernStep(ChoiceLabels, models.Model):
    """Each step of a concern, dated, and who took it. Never changed; only codes, no free text."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=20, choices=StepKind.choices)
    by = models.ForeignKey(MEMBER, on_delete=models.PROTECT, related_name="+", null=True)
    # For "routed": who it was sent to.
    to = models.ForeignKey(MEMBER, on_delete=models.PROTECT, related_name="+", null=True)
    at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"Concern step {self.pk}"


class OnCall(models.Model):
    """The on-call rota: from a day to a day, who is the duty coordinator and who deputises."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    duty_coordinator = models.ForeignKey(
        MEMBER, on_delete=models.PROTECT, related_name="+", verbose_name=_("duty coordinator")
    )
    default_deputy = models.ForeignKey(
        MEMBER, on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("deputy")
    )
    added_by = models.ForeignKey(MEMBER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return f"On call {self.pk}"


class OnCallDeputy(models.Model):
    """Who deputises for one supervisor during an on-call period."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    on_call = models.ForeignKey(OnCall, on_delete=models.CASCADE, related_name="deputies")
    supervisor = models.ForeignKey(MEMBER, on_delete=models.PROTECT, related_name="+")
    deputy = models.ForeignKey(MEMBER, on_delete=models.PROTECT, related_name="+")

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["on_call", "supervisor"], name="one_deputy_per_supervisor_per_period")
        ]

    def __str__(self) -> str:
        return f"On-call deputy {self.pk}"


class SafetyFlag(ChoiceLabels, models.Model):
    """A way of meeting a peer that keeps staff safe. Lifted, never deleted."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="safety_flags")
    kind = models.CharField(_("kind"), max_length=20, choices=FlagKind.choices)
    details = EncryptedTextField(_("details"), blank=True)
    added_by = models.ForeignKey(MEMBER, on_delete=models.PROTECT, related_name="+", null=True)
    added_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True)
    lifted_by = models.ForeignKey(MEMBER, on_delete=models.PROTECT, related_name="+", null=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["added_at", "pk"]

    def __str__(self) -> str:
        return f"Safety flag {self.pk}"


class AggressionRecord(models.Model):
    """Aggression towards someone who met the peer: when, and what happened."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="aggression_records")
    happened_on = models.DateField(_("when it happened"))
    description = EncryptedTextField(_("what happened"))
    recorded_by = models.ForeignKey(MEMBER, on_delete=models.PROTECT, related_name="+", null=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-happened_on", "-pk"]

    def __str__(self) -> str:
        return f"Aggression record {self.pk}"


class Visit(models.Model):
    """A member out on a visit: checked in (where, back by when) and, when back, checked out."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="visits")
    visitor = models.ForeignKey(MEMBER, on_delete=models.PROTECT, related_name="+")
    where = EncryptedTextField(_("where"), blank=True)
    checked_in_at = models.DateTimeField(default=timezone.now)
    back_by = models.DateTimeField(_("back by"))
    checked_out_at = models.DateTimeField(null=True)
    # When the duty coordinator was emailed that the check-out is overdue (once).
    alerted_at = models.DateTimeField(null=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["back_by", "pk"]
        indexes = [models.Index(fields=["organisation", "checked_out_at", "back_by"])]

    def __str__(self) -> str:
        return f"Visit {self.pk}"

    @property
    def is_overdue(self) -> bool:
        return self.checked_out_at is None and self.back_by < timezone.now()
