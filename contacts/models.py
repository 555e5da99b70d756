"""The contact log: what happened when a peer supporter (or staff) was in touch with a peer, or with
someone who came once (a one-off contact, no record), the goods given, drafts kept while typing, and
drifting away and coming back.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.choices import ChoiceLabels
from encryption.fields import EncryptedJSONField, EncryptedTextField
from organisations.tenancy import OrganisationScopedManager

from .choices import DEFAULT_QUIET_WEEKS, Engagement, How, Kind


class ContactSettings(models.Model):
    """How long a silence is before a peer shows on the gentle "not heard from" lists."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="contact_settings"
    )
    quiet_weeks = models.PositiveSmallIntegerField(
        _("weeks without contact before a peer shows on the 'not heard from' lists"),
        default=DEFAULT_QUIET_WEEKS,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )

    def __str__(self) -> str:
        return f"Contact settings {self.pk}"


class GoodsKind(models.Model):
    """Goods or a service the organisation gives (a food parcel, a travel pass): its own list."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=80)
    is_active = models.BooleanField(_("offered now"), default=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="one_goods_kind_per_name")]

    def __str__(self) -> str:
        return self.name


class Contact(ChoiceLabels, models.Model):
    """One contact. ``peer`` and ``assignment`` are empty for a one-off contact (someone with no record);
    ``worker`` is who was in touch (empty only on an erased peer's contacts).
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="contacts", null=True)
    assignment = models.ForeignKey("people.Assignment", on_delete=models.SET_NULL, related_name="contacts", null=True)
    worker = models.ForeignKey("organisations.Membership", on_delete=models.PROTECT, related_name="contacts", null=True)
    happened_at = models.DateTimeField(_("when"), default=timezone.now)
    how = models.CharField(_("how"), max_length=20, choices=How.choices)
    minutes = models.PositiveSmallIntegerField(_("how long (minutes)"))
    kind = models.CharField(_("what kind"), max_length=20, choices=Kind.choices)
    needs = models.JSONField(_("the needs it touched"), default=list, blank=True)
    note = EncryptedTextField(_("private note"), blank=True)
    # Why it was outside what was agreed (codes in choices.Outside), worked out when it was logged.
    outside = models.JSONField(_("outside what was agreed"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-happened_at", "-pk"]
        indexes = [
            models.Index(fields=["worker", "happened_at"]),
            models.Index(fields=["peer", "happened_at"]),
            models.Index(fields=["organisation", "happened_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(minutes__lte=24 * 60), name="contact_at_most_a_day_long")
        ]

    def __str__(self) -> str:
        return f"Contact {self.pk}"

    @property
    def is_one_off(self) -> bool:
        return self.peer_id is None


class ContactGoods(models.Model):
    """Goods or a service given during a contact, and how many."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="goods")
    kind = models.ForeignKey(GoodsKind, on_delete=models.PROTECT, related_name="+")
    quantity = models.PositiveSmallIntegerField(_("how many"), default=1)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["kind__name", "pk"]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.kind_id}"


class ContactDraft(models.Model):
    """What was typed into the log form and not yet saved, kept on the server (never in the browser),
    bound to one member and one assignment (none: a one-off contact). All of it is encrypted.
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey("organisations.Membership", on_delete=models.CASCADE, related_name="+")
    assignment = models.ForeignKey("people.Assignment", on_delete=models.CASCADE, related_name="+", null=True)
    fields = EncryptedJSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["member", "assignment"])]

    def __str__(self) -> str:
        return f"Contact draft {self.pk}"


class EngagementMark(ChoiceLabels, models.Model):
    """A peer drifting away, or coming back. Nothing closes: the history stays as it was."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="engagement_marks")
    assignment = models.ForeignKey("people.Assignment", on_delete=models.SET_NULL, related_name="+", null=True)
    status = models.CharField(_("status"), max_length=10, choices=Engagement.choices)
    marked_on = models.DateField(default=timezone.localdate)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Engagement mark {self.pk}"
