"""Consent, versioned: the words shown, what was agreed, who explained the limits, and withdrawal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organisations.tenancy import OrganisationScopedManager

if TYPE_CHECKING:
    from organisations.models import Partner


class ConsentText(models.Model):
    """The words a peer is shown, frozen by version and language. Changing them means a new version."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    published_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-version", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "version", "language"], name="one_text_per_version_and_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version}, {self.language})"


class Purpose(models.TextChoices):
    """What a peer can agree to. Only the first two are needed to receive support."""

    TAKE_PART = "take_part", _("Taking part in peer support")
    STORE_DATA = "store_data", _("Us keeping a record of their support")
    SHARE_WITH_PARTNERS = "share_with_partners", _("Sharing information with the partners they name")
    FOLLOW_UP = "follow_up", _("Being contacted later for follow-up surveys")
    STORIES = "stories", _("Using their words in anonymised stories")
    REPORTS = "reports", _("Being counted in de-identified reports")


OPTIONAL_PURPOSES = (Purpose.SHARE_WITH_PARTNERS, Purpose.FOLLOW_UP, Purpose.STORIES, Purpose.REPORTS)


class ConsentRecordQuerySet(models.QuerySet["ConsentRecord"]):
    def in_force(self) -> ConsentRecordQuerySet:
        """Neither replaced by a newer record nor withdrawn."""
        return self.filter(superseded_at__isnull=True, withdrawn_at__isnull=True)


class ConsentRecord(models.Model):
    """One statement of consent. A change makes a new record; the old one is kept, superseded."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="consents")
    text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, related_name="+", verbose_name=_("text shown"))

    take_part = models.BooleanField(_("taking part in peer support"))
    store_data = models.BooleanField(_("keeping a record of their support"))
    share_with_partners = models.BooleanField(_("sharing with the partners they name"), default=False)
    partners: models.ManyToManyField[Partner, NamedPartner] = models.ManyToManyField(
        "organisations.Partner", blank=True, through="NamedPartner", verbose_name=_("named partners")
    )
    follow_up = models.BooleanField(_("being contacted later for follow-up surveys"), default=False)
    stories = models.BooleanField(_("using their words in anonymised stories"), default=False)
    reports = models.BooleanField(_("being counted in de-identified reports"), default=False)

    limits_explained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("limits of confidentiality explained by"),
        null=True,  # only on an erased peer's record: erasure keeps what was agreed, not who explained it
    )
    limits_explained_at = models.DateTimeField(_("limits of confidentiality explained on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    given_at = models.DateTimeField(_("given on"), auto_now_add=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    withdrawn_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    objects = OrganisationScopedManager(models.Manager.from_queryset(ConsentRecordQuerySet))

    class Meta:
        ordering = ["-given_at", "-pk"]
        indexes = [models.Index(fields=["peer", "superseded_at", "withdrawn_at"])]

    def __str__(self) -> str:
        return f"Consent {self.pk}"

    @property
    def is_in_force(self) -> bool:
        return self.superseded_at is None and self.withdrawn_at is None

    def covers(self, purpose: Purpose) -> bool:
        return self.is_in_force and bool(getattr(self, str(purpose)))


class NamedPartner(models.Model):
    """A partner a consent record names: the join, carrying the organisation like every table of its data.

    Write it through the record (``record.partners.set(partners, through_defaults=...)``, as
    ``services.record_consent`` does). It is read only through its record, which is scoped.
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    consentrecord = models.ForeignKey(ConsentRecord, on_delete=models.CASCADE)
    partner = models.ForeignKey("organisations.Partner", on_delete=models.CASCADE)

    class Meta:
        db_table = "consent_consentrecord_partners"  # the table Django made for the join before it had a model
        unique_together = [("consentrecord", "partner")]

    def __str__(self) -> str:
        return f"Partner {self.partner_id} named by consent record {self.consentrecord_id}"
