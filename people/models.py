"""The people the program is about: peers and peer supporters, and who works with whom."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.choices import ChoiceLabels
from encryption.fields import EncryptedCharField, EncryptedJSONField, EncryptedTextField
from organisations.tenancy import OrganisationScopedManager

from . import choices


class Peer(ChoiceLabels, models.Model):
    """A survivor receiving support. Only a chosen name is required; everything else can wait."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    chosen_name = models.CharField(
        _("chosen name"), max_length=120, help_text=_("The name they want us to use. A pseudonym is fine.")
    )
    pronouns = EncryptedCharField(_("pronouns"), max_length=40, blank=True)
    age_band = models.CharField(_("age"), max_length=20, choices=choices.AgeBand.choices, blank=True)
    gender = models.CharField(_("gender"), max_length=20, choices=choices.Gender.choices, blank=True)
    gender_in_own_words = EncryptedCharField(_("gender in their own words"), max_length=80, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    country_of_origin = EncryptedCharField(_("country of origin"), max_length=80, blank=True)

    # How and when it is safe to be in touch (the channels live in ContactMethod).
    safe_times = EncryptedTextField(_("times it is safe to get in touch"), blank=True)
    code_word = EncryptedCharField(
        _("code word"), max_length=80, blank=True, help_text=_("A word they can use to say they are not safe.")
    )
    safety_notes = EncryptedTextField(_("safety notes"), blank=True)

    needs_notes = EncryptedTextField(_("notes on needs"), blank=True)

    # Support preferences.
    support_format = models.CharField(
        _("one-to-one or group"), max_length=20, choices=choices.SupportFormat.choices, blank=True
    )
    support_modes = models.JSONField(_("ways of meeting"), default=list, blank=True)
    frequency = models.CharField(_("how often"), max_length=20, choices=choices.Frequency.choices, blank=True)
    supporter_gender = models.CharField(
        _("preferred gender of a peer supporter"),
        max_length=20,
        choices=choices.SupporterGenderPreference.choices,
        blank=True,
    )
    supporter_language = models.CharField(
        _("preferred language of a peer supporter"), max_length=8, choices=choices.LANGUAGES, blank=True
    )
    supporter_culture = EncryptedCharField(
        _("culture or background they would like shared"), max_length=200, blank=True
    )
    primary_need = models.CharField(
        _("what they see as their main need"), max_length=20, choices=choices.PrimaryNeed.choices, blank=True
    )

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    updated_at = models.DateTimeField(auto_now=True)
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["chosen_name", "pk"]
        # (organisation, erased_at, chosen_name): the peers a member sees, in list order, from the
        # index alone; counting them reads nothing else, and a page of them stops after its rows.
        indexes = [
            models.Index(fields=["organisation", "chosen_name"]),
            models.Index(fields=["organisation", "erased_at", "chosen_name"]),
        ]

    def __str__(self) -> str:
        return self.chosen_name

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def safe_contact_methods(self) -> list[ContactMethod]:
        """Only the ways of reaching this peer that they marked as safe."""
        return [method for method in self.contact_methods.all() if method.is_safe]

    def language_names(self) -> list[str]:
        return [str(choices.LANGUAGE_NAMES.get(code, code)) for code in self.languages]


class ContactMethod(ChoiceLabels, models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="contact_methods")
    channel = models.CharField(_("how"), max_length=20, choices=choices.ContactChannel.choices)
    detail = EncryptedCharField(_("number, address or handle"), max_length=200, blank=True)
    is_safe = models.BooleanField(_("safe to use"), default=False)
    leave_message = models.CharField(
        _("safe to leave a message?"),
        max_length=10,
        choices=choices.MessageSafety.choices,
        default=choices.MessageSafety.UNKNOWN,
    )

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-is_safe", "pk"]

    def __str__(self) -> str:
        return str(self.get_channel_display())


class Need(ChoiceLabels, models.Model):
    """One area of life a peer wants support with; one row per domain so it can be counted."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="needs")
    domain = models.CharField(max_length=30, choices=choices.NeedDomain.choices)

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["peer", "domain"], name="one_need_per_domain")]

    def __str__(self) -> str:
        return str(self.get_domain_display())


class PeerSupporter(ChoiceLabels, models.Model):
    """A survivor who supports others; the profile of a peer-supporter membership."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    membership = models.OneToOneField(
        "organisations.Membership", on_delete=models.CASCADE, related_name="supporter_profile"
    )
    supervisor = models.ForeignKey(
        "organisations.Membership",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supervisees",
        verbose_name=_("supervisor"),
    )
    # What they lived through and where they can be found: encrypted, like a peer's own words.
    lived_experience = EncryptedJSONField(_("lived experience they are willing to draw on"), default=list, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    gender = models.CharField(_("gender"), max_length=20, choices=choices.Gender.choices, blank=True)
    availability = EncryptedTextField(_("availability"), blank=True)
    capacity = models.PositiveSmallIntegerField(_("most peers at one time"), default=4)
    employment = models.CharField(_("paid or volunteer"), max_length=10, choices=choices.Employment.choices)
    stage = models.CharField(
        _("stage"), max_length=20, choices=choices.SupporterStage.choices, default=choices.SupporterStage.RECRUITED
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    # The month what was theirs was erased, after they moved on (datarights.supporters).
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Kept after their erasure, encrypted, only while exclusions keep them apart from someone here: the
    # address they were known by, so that the exclusions follow them if they ever come back (a peer's safety).
    # (A database default too, so that rows written by code from before it, as in a rolling upgrade, are valid.)
    returning_address = EncryptedCharField(max_length=254, blank=True, editable=False, default="", db_default="")

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["membership__user__display_name"]

    def __str__(self) -> str:
        return self.membership.user.display_name

    def language_names(self) -> list[str]:
        return [str(choices.LANGUAGE_NAMES.get(code, code)) for code in self.languages]


class AssignmentKind(models.TextChoices):
    PEER_SUPPORT = "peer_support", _("Peer support")
    CASE_MANAGEMENT = "case_management", _("Case management")
    COUNSELLING = "counselling", _("Counselling")
    # A named peer supporter for a peer while their own is away, from the first to the last day away
    # (continuity.services.arrange_cover makes these; the peer's own support is not ended).
    COVER = "cover", _("Cover while their peer supporter is away")


class AssignmentQuerySet(models.QuerySet["Assignment"]):
    def current(self, on: date | None = None) -> AssignmentQuerySet:
        on = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on)


class Assignment(ChoiceLabels, models.Model):
    """Who works with whom: a peer and a peer supporter or staff member, from a date to a date."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey(Peer, on_delete=models.CASCADE, related_name="assignments")
    # Empty only on an erased peer's assignments (erasure keeps the kind and the months, not who).
    worker = models.ForeignKey(
        "organisations.Membership",
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("with"),
        null=True,
    )
    kind = models.CharField(_("kind of support"), max_length=20, choices=AssignmentKind.choices)
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    reason = EncryptedTextField(_("reason"), blank=True)
    # Why it ended or will end (set by people.services.end_assignment); empty while nothing is planned.
    ending_reason = models.CharField(_("why it ends"), max_length=20, choices=choices.EndingReason.choices, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager(models.Manager.from_queryset(AssignmentQuerySet))

    class Meta:
        ordering = ["-starts_on", "pk"]
        indexes = [models.Index(fields=["worker", "ends_on"]), models.Index(fields=["peer", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="assignment_ends_after_it_starts",
                violation_error_message=_("The end date is before the start date."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.starts_on}"

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)
