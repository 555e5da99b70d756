"""Referrals to partner organisations: what was asked, exactly what the peer agreed to share, and how
it went (sent, acknowledged, a first appointment, an outcome), each step dated and kept.

The partner answers without an account, through a ``PartnerLink``: a single-use, expiring address of
which only the hash is stored. See ARCHITECTURE.md ("Referrals and the partner's link").
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.choices import ChoiceLabels
from encryption.fields import EncryptedCharField, EncryptedTextField
from organisations.tenancy import OrganisationScopedManager


class Status(models.TextChoices):
    SENT = "sent", _("Sent, waiting for the partner")
    ACKNOWLEDGED = "acknowledged", _("The partner has it")
    APPOINTMENT = "appointment", _("A first appointment is set")
    CLOSED = "closed", _("Outcome known")


class Outcome(models.TextChoices):
    HELPED = "helped", _("They were helped")
    NOT_ELIGIBLE = "not_eligible", _("The service could not take them on")
    DID_NOT_GO = "did_not_go", _("They did not go")
    OTHER = "other", _("Something else")


class WarmHandoff(models.TextChoices):
    NONE = "", _("No, the referral goes on its own")
    GOES_ALONG = "goes_along", _("The peer supporter goes along with them")
    INTRODUCES = "introduces", _("The peer supporter introduces them")


class EndedBecause(models.TextChoices):
    TAKEN_BACK = "taken_back", _("The peer took back what they agreed to share")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("The peer withdrew their consent")
    ERASED = "erased", _("The record was erased")


class ReferralQuerySet(models.QuerySet["Referral"]):
    def still_open(self) -> ReferralQuerySet:
        """No outcome yet, and the sharing has not ended."""
        return self.exclude(status=Status.CLOSED).filter(sharing_ended_at__isnull=True)

    def overdue(self, today=None) -> ReferralQuerySet:
        """Open, and not acknowledged by the day it should have been, or with no outcome by its date."""
        today = today or timezone.localdate()
        return self.still_open().filter(Q(status=Status.SENT, acknowledge_by__lt=today) | Q(outcome_by__lt=today))


class Referral(ChoiceLabels, models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="referrals")
    # Empty only on an erased peer's referral (erasure keeps how it went, not where).
    partner = models.ForeignKey(
        "organisations.Partner", on_delete=models.PROTECT, related_name="+", null=True, verbose_name=_("partner")
    )
    # Where the partner's link goes: an address at the partner, not the peer's.
    partner_email = EncryptedCharField(_("the partner's email address for referrals"), max_length=254)
    asked = EncryptedTextField(_("what is asked of the partner"))
    note_for_partner = EncryptedTextField(_("a note written for the partner"), blank=True)
    # The one way to reach the peer they chose to share (the "contact" item), if any.
    contact_method = models.ForeignKey(
        "people.ContactMethod", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    warm_handoff = models.CharField(
        _("a warm handoff"), max_length=20, choices=WarmHandoff.choices, blank=True, default=WarmHandoff.NONE
    )
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    made_at = models.DateTimeField(auto_now_add=True)
    explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        verbose_name=_("what would be shared was explained by"),
    )
    explained_at = models.DateTimeField(_("explained on"), null=True)

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SENT)
    acknowledge_by = models.DateField(_("the partner should acknowledge it by"))
    outcome_by = models.DateField(_("we would like to know how it went by"))
    appointment_on = models.DateField(_("first appointment"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    sharing_ended_at = models.DateTimeField(null=True, blank=True)
    sharing_ended_because = models.CharField(max_length=20, choices=EndedBecause.choices, blank=True)

    objects = OrganisationScopedManager(models.Manager.from_queryset(ReferralQuerySet))

    class Meta:
        ordering = ["-made_at", "-pk"]
        indexes = [
            models.Index(fields=["peer", "made_at"]),
            models.Index(fields=["organisation", "status", "sharing_ended_at"]),
        ]

    def __str__(self) -> str:
        return f"Referral #{self.pk}"

    @property
    def is_sharing(self) -> bool:
        return self.sharing_ended_at is None and self.status != Status.CLOSED

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        if not self.is_sharing:
            return False
        return (self.status == Status.SENT and self.acknowledge_by < today) or self.outcome_by < today


class SharedItem(models.Model):
    """One detail the peer agreed to share with the partner (a code of ``referrals.shareable``)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="items")
    code = models.CharField(max_length=30)
    taken_back_at = models.DateTimeField(null=True, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["referral", "code"], name="one_item_per_code")]

    def __str__(self) -> str:
        return self.code


class StepKind(models.TextChoices):
    SENT = "sent", _("Sent to the partner")
    ACKNOWLEDGED = "acknowledged", _("The partner acknowledged it")
    APPOINTMENT = "appointment", _("A first appointment was set")
    OUTCOME = "outcome", _("The outcome")
    NEW_LINK = "new_link", _("A new link was sent to the partner")
    SHARING_ENDED = "sharing_ended", _("Sharing ended")


class Step(ChoiceLabels, models.Model):
    """One step of a referral: what, when, and who recorded it (a member, or the partner by their link)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=20, choices=StepKind.choices)
    at = models.DateTimeField(auto_now_add=True)
    on = models.DateField(null=True, blank=True)  # the appointment's date
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    by_partner = models.BooleanField(default=False)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"


def new_link_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class PartnerLink(models.Model):
    """One address the partner may answer through, once, until it expires. Only its hash is stored."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)  # replaced, or sharing ended

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Partner link #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.used_at is None and self.closed_at is None and self.expires_at > timezone.now()
