"""Batches: a coordinator matches many peers at once, reviews the proposal, then sends the offers.

A batch is a new cohort (the peers waiting) or the peers of a supporter who is leaving. The solver
(``solver.py``) proposes; the coordinator pins or forbids pairs and solves again; nothing reaches a
peer until the batch is sent, when each proposed pair becomes an offer (``offers.Offer``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.tenancy import OrganisationScopedManager


class BatchKind(models.TextChoices):
    COHORT = "cohort", _("A new cohort")
    REMATCH = "rematch", _("Re-matching when a peer supporter leaves")


class BatchStatus(models.TextChoices):
    REVIEWING = "reviewing", _("Being reviewed")
    SENT = "sent", _("Offers sent")
    SET_ASIDE = "set_aside", _("Set aside")


class Batch(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind of batch"), max_length=20, choices=BatchKind.choices)
    status = models.CharField(max_length=20, choices=BatchStatus.choices, default=BatchStatus.REVIEWING)
    # For a re-match: the supporter who is leaving (their peers are the batch).
    leaving_supporter = models.ForeignKey(
        "people.PeerSupporter", on_delete=models.PROTECT, null=True, blank=True, related_name="batches_leaving"
    )
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    started_at = models.DateTimeField(auto_now_add=True)
    solved_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    sent_at = models.DateTimeField(null=True, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name_plural = "batches"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == BatchStatus.REVIEWING


class Unplaced(models.TextChoices):
    """Why the solver left a peer unplaced (the solver's codes, said to the coordinator)."""

    NO_GOOD_FIT = "no_good_fit", _("No peer supporter with room fits them well enough yet")
    PLACES_TAKEN = "places_taken", _("The peer supporters who fit them were needed by others")
    NO_LONGER_AVAILABLE = "no_longer_available", _("The proposed pairing is no longer available")


class BatchPlace(models.Model):
    """One peer in a batch, and the peer supporter the solver proposes for them (if any)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="places")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="batch_places")
    proposed = models.ForeignKey(
        "people.PeerSupporter", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    fit = models.PositiveSmallIntegerField(null=True, blank=True)
    pinned = models.BooleanField(default=False)
    unplaced = models.CharField(max_length=30, choices=Unplaced.choices, blank=True)
    offer = models.ForeignKey("offers.Offer", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["batch", "pk"]
        constraints = [models.UniqueConstraint(fields=["batch", "peer"], name="one_place_per_peer_per_batch")]

    def __str__(self) -> str:
        return f"place #{self.pk} in batch #{self.batch_id}"


class ChoiceKind(models.TextChoices):
    PIN = "pin", _("Keep this pair")
    FORBID = "forbid", _("Not this pair")


class BatchChoice(models.Model):
    """A coordinator's pin or forbid on one pair of a batch, kept across solves."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    batch = models.ForeignKey(Batch, on_delete=models.CASCADE, related_name="choices")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="batch_choices")
    supporter = models.ForeignKey("people.PeerSupporter", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=ChoiceKind.choices)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    made_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["made_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "peer", "supporter"], name="one_choice_per_pair_per_batch")
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} in batch #{self.batch_id}"
