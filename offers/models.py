"""Offers: a match is offered to the peer, who may accept, ask for someone else, or decline.

Declining or asking for a change costs them nothing: they keep their place on the waiting list.
Every step is kept (``OfferStep``) with its date and who recorded it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.tenancy import OrganisationScopedManager


class OfferStatus(models.TextChoices):
    OPEN = "open", _("Waiting for their answer")
    ACCEPTED = "accepted", _("Accepted the offer")
    CHANGE_ASKED = "change_asked", _("They would like someone else")
    DECLINED = "declined", _("Declined for now")
    WITHDRAWN = "withdrawn", _("Offer withdrawn")


# The answers a peer can give (the other statuses are not theirs to give).
ANSWERS = (OfferStatus.ACCEPTED, OfferStatus.CHANGE_ASKED, OfferStatus.DECLINED)


class Offer(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="offers")
    supporter = models.ForeignKey("people.PeerSupporter", on_delete=models.PROTECT, related_name="offers")
    batch = models.ForeignKey("batches.Batch", on_delete=models.SET_NULL, null=True, blank=True, related_name="offers")
    fit = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=OfferStatus.choices, default=OfferStatus.OPEN)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    made_at = models.DateTimeField(auto_now_add=True)
    # The peer-support assignment an accepted offer became.
    assignment = models.ForeignKey(
        "people.Assignment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-made_at", "-pk"]
        indexes = [models.Index(fields=["peer", "status"]), models.Index(fields=["supporter", "status"])]

    def __str__(self) -> str:
        return f"Offer #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == OfferStatus.OPEN


class StepKind(models.TextChoices):
    MADE = "made", _("Offer made")
    ACCEPTED = "accepted", _("Accepted the offer")
    CHANGE_ASKED = "change_asked", _("Asked for someone else")
    DECLINED = "declined", _("Declined for now")
    WITHDRAWN = "withdrawn", _("Offer withdrawn")
    NO_LONGER_AVAILABLE = "no_longer_available", _("Withdrawn: the pairing is no longer available")


class OfferStep(models.Model):
    """One step of an offer: when, what, and who recorded it."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(max_length=30, choices=StepKind.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"
