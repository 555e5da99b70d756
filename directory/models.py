"""The partner directory: partner organisations (``organisations.Partner``), the services they
offer and where. It holds nothing about a peer: it is the organisation's own address book, shaped
like Open Referral HSDS 3.0 (organization, service, location, service_at_location) so that it can be
exported and imported (``hsds.py``). Every row keeps its HSDS id, so importing again updates it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation, Partner
from organisations.tenancy import OrganisationScopedManager
from people.choices import LANGUAGE_NAMES


class Category(models.TextChoices):
    HOUSING = "housing", _("Housing")
    LEGAL_AID = "legal_aid", _("Legal aid")
    IMMIGRATION = "immigration", _("Immigration advice")
    COUNSELLING = "counselling", _("Counselling")
    HEALTH = "health", _("Health")
    LGBTQ = "lgbtq", _("LGBTQ+ services")
    EMPLOYMENT = "employment", _("Employment")
    SUBSTANCE_USE = "substance_use", _("Substance-use services")
    PEER_GROUPS = "peer_groups", _("Peer-led groups elsewhere")
    OTHER = "other", _("Other")


class ServiceStatus(models.TextChoices):
    # HSDS's own values, as the standard spells them.
    ACTIVE = "active", _("Running")
    TEMPORARILY_CLOSED = "temporarily closed", _("Closed for now")
    INACTIVE = "inactive", _("Not running")
    DEFUNCT = "defunct", _("Closed for good")


class Service(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="services")
    hsds_id = models.UUIDField(default=uuid.uuid4, editable=False)
    name = models.CharField(_("name of the service"), max_length=200)
    description = models.TextField(_("what it offers"), blank=True)
    categories = models.JSONField(_("kinds of help"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    how_to_get_in = models.TextField(_("how to get in"), blank=True)
    eligibility = models.TextField(_("who it is for"), blank=True)
    status = models.CharField(_("running"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["name", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "hsds_id"], name="unique_service_hsds_id")]

    def __str__(self) -> str:
        return self.name

    @property
    def category_labels(self) -> list[str]:
        labels = dict(Category.choices)
        return [str(labels.get(code, code)) for code in self.categories or ()]

    @property
    def language_labels(self) -> list[str]:
        return [str(LANGUAGE_NAMES.get(code, code)) for code in self.languages or ()]


class Location(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="locations")
    hsds_id = models.UUIDField(default=uuid.uuid4, editable=False)
    name = models.CharField(_("name of the place"), max_length=200, blank=True)
    address = models.CharField(_("street address"), max_length=200, blank=True)
    city = models.CharField(_("town or city"), max_length=100, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=20, blank=True)
    area = models.CharField(_("area"), max_length=100, blank=True, help_text=_("The part of town or the region."))
    country = models.CharField(_("country code"), max_length=2, blank=True, default="GB")
    accessibility = models.TextField(_("access"), blank=True, help_text=_("Step-free access, lifts, hearing loops."))
    opening_hours = models.TextField(_("opening hours"), blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["name", "address", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "hsds_id"], name="unique_location_hsds_id")]

    def __str__(self) -> str:
        return ", ".join(part for part in (self.name, self.address, self.area or self.city) if part) or "—"


class ServiceAtLocation(models.Model):
    """A service offered at a place (HSDS ``service_at_location``)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="places")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="offered")
    hsds_id = models.UUIDField(default=uuid.uuid4, editable=False)

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="one_link_per_service_and_place"),
            models.UniqueConstraint(fields=["organisation", "hsds_id"], name="unique_service_at_location_hsds_id"),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} at {self.location_id}"


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to start")
    CHECKING = "checking", _("Checking the records")
    SAVING = "saving", _("Saving")
    SAVED = "saved", _("Saved")
    REFUSED = "refused", _("Nothing saved: some records need fixing")
    FAILED = "failed", _("Nothing saved: something went wrong on our side")
    # Its worker was stopped (killed, restarted) part way: the save was one transaction, rolled back.
    STOPPED = "stopped", _("Stopped before it finished: nothing was saved")


class DirectoryImport(models.Model):
    """One HSDS file being imported: its progress, read by the page that polls it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # When the worker last said how far it was: a run checking or saving that has said nothing for
    # services.STOPPED_AFTER reads as stopped (its worker is gone: nothing was saved).
    progress_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    # The file's text, until it has been read (then emptied).
    document = models.TextField(blank=True)
    records = models.PositiveIntegerField(default=0)
    checked = models.PositiveIntegerField(default=0)
    # [{"record": 1, "name": "...", "place": "services 2 › status", "code": "enum", "detail": "open"}]
    problems = models.JSONField(default=list, blank=True)
    # {"partners_added": 1, "partners_updated": 2, "services_added": ...}
    counts = models.JSONField(default=dict, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"Import {self.pk} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.SAVED, ImportStatus.REFUSED, ImportStatus.FAILED, ImportStatus.STOPPED)
