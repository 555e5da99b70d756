"""Organisations, the people who work in them, and the partners they refer to."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True)
    require_mfa_for_everyone = models.BooleanField(
        _("require two-step sign-in for every role"),
        default=False,
        help_text=_("Two-step sign-in is always required for roles that can see a person."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("Organisation admin")
    COORDINATOR = "coordinator", _("Coordinator")
    SUPERVISOR = "supervisor", _("Supervisor")
    PEER_SUPPORTER = "peer_supporter", _("Peer supporter")
    STAFF = "staff", _("Staff (case manager or counsellor)")
    EVALUATOR = "evaluator", _("Evaluator")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(is_active=True)


class Membership(models.Model):
    """One user's one role in one organisation. A user may hold several, one per organisation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_role_per_organisation"),
        ]
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.organisation})"

    @property
    def display_name(self) -> str:
        return self.user.display_name


class Partner(models.Model):
    """A partner organisation a peer may agree to have their information shared with, and an entry
    of the partner directory (``directory``): an Open Referral HSDS ``organization``."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("what they offer"), max_length=200, blank=True)
    description = models.TextField(_("about them"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # The HSDS id: kept from an import (so importing again updates this row) or made here.
    hsds_id = models.UUIDField(default=uuid.uuid4, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_partner_name"),
            models.UniqueConstraint(fields=["organisation", "hsds_id"], name="unique_partner_hsds_id"),
        ]

    def __str__(self) -> str:
        return self.name
