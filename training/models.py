"""Training: the organisation's modules, cohorts of trainees with their sessions and attendance, and
the documents a peer supporter reads and agrees to, in versions.

Tenancy: a module, a cohort and its sessions belong to the organisation that runs them (the host).
A cohort may be shared with another organisation on the installation (``CohortShare``: the host
invites, the other's admin accepts). Everything about a person (``Trainee``, ``Attendance``,
``ModuleDone``, ``DocumentAgreement``) belongs to the trainee's own organisation, so the scoped
manager itself keeps one organisation's trainees from the other: the host never reads a guest's
names, nor the guest the host's. The only reads across organisations are in ``training/access.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.choices import ChoiceLabels
from organisations.tenancy import OrganisationScopedManager


class Delivery(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online, live")
    SELF_PACED = "self_paced", _("Self-paced")
    BLENDED = "blended", _("Some in person, some online")


class Audience(models.TextChoices):
    PEER_SUPPORTERS = "peer_supporters", _("Peer supporters")
    SUPERVISORS = "supervisors", _("Supervisors")
    STAFF = "staff", _("Non-peer staff: what the peer role is, respectful language, harm reduction")
    EVERYONE = "everyone", _("Everyone")


class Module(ChoiceLabels, models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1, default=2)
    topics = models.TextField(_("topics"), blank=True)
    delivery = models.CharField(_("how it is delivered"), max_length=20, choices=Delivery.choices)
    audience = models.CharField(_("who it is for"), max_length=20, choices=Audience.choices)
    # Codes of the organisation's responsibility levels (``competence.models.Level``) for which it is
    # required; optional for every other level.
    required_for = models.JSONField(_("required for"), default=list, blank=True)
    level_names: list[str]  # those levels' names, set by ``services.name_levels`` for a page

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["title", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "title"], name="unique_module_title")]

    def __str__(self) -> str:
        return self.title


class CohortKind(models.TextChoices):
    PROGRAMME = "programme", _("A programme over several weeks")
    IN_SERVICE = "in_service", _("Monthly in-service sessions")


class Cohort(ChoiceLabels, models.Model):
    """A group of trainees going through a programme (or the monthly in-service sessions) together."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=CohortKind.choices, default=CohortKind.PROGRAMME)
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    weeks = models.PositiveSmallIntegerField(_("weeks"), default=10)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-starts_on", "pk"]

    def __str__(self) -> str:
        return self.name


class CohortSession(models.Model):
    """One session of a cohort: a day and the module it covers."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="sessions")
    on = models.DateField(_("date"))

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["on", "pk"]
        indexes = [models.Index(fields=["cohort", "on"])]

    def __str__(self) -> str:
        return f"{self.module} ({self.on})"


class ShareStatus(models.TextChoices):
    INVITED = "invited", _("Invited")
    ACCEPTED = "accepted", _("Shared")
    WITHDRAWN = "withdrawn", _("No longer shared")


class CohortShare(ChoiceLabels, models.Model):
    """The host's invitation to another organisation to bring its own trainees to a cohort.

    It belongs to the host (``organisation``); the guest reads it only through ``training.access``.
    Accepted, the guest's coordinators enrol their own trainees and record their attendance; either
    side may withdraw it, and then the guest no longer opens the cohort (its trainees' attendance so
    far stays theirs).
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="shares")
    guest = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=10, choices=ShareStatus.choices, default=ShareStatus.INVITED)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    invited_at = models.DateTimeField(auto_now_add=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["cohort", "guest"], name="one_share_per_guest")]

    def __str__(self) -> str:
        return f"{self.cohort} → {self.guest}"


class Trainee(models.Model):
    """A peer supporter in a cohort; the row belongs to the supporter's organisation."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="+")
    supporter = models.ForeignKey("people.PeerSupporter", on_delete=models.CASCADE, related_name="trainee_places")
    joined_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["cohort", "supporter"], name="one_place_per_cohort")]

    def __str__(self) -> str:
        return f"{self.supporter} in {self.cohort}"


class Presence(models.TextChoices):
    PRESENT = "present", _("Present")
    ABSENT = "absent", _("Not there")
    EXCUSED = "excused", _("Excused")


class Attendance(ChoiceLabels, models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey(CohortSession, on_delete=models.CASCADE, related_name="+")
    trainee = models.ForeignKey(Trainee, on_delete=models.CASCADE, related_name="attendance")
    presence = models.CharField(_("attendance"), max_length=10, choices=Presence.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "trainee"], name="one_attendance_per_session")]

    def __str__(self) -> str:
        return self.presence


class DoneBecause(models.TextChoices):
    CAUGHT_UP = "caught_up", _("Caught up on what was missed")
    ANOTHER_COHORT = "another_cohort", _("Took it with another group")
    PRIOR_LEARNING = "prior_learning", _("Learned it before joining us")
    OTHER = "other", _("Another reason")


class ModuleDone(ChoiceLabels, models.Model):
    """A trainer marking a module done for a supporter without its sessions attended, and why."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    supporter = models.ForeignKey("people.PeerSupporter", on_delete=models.CASCADE, related_name="modules_marked")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="+")
    because = models.CharField(_("why"), max_length=20, choices=DoneBecause.choices)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    marked_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["supporter", "module"], name="module_marked_done_once")]

    def __str__(self) -> str:
        return f"{self.module} (marked done)"


class DocumentKind(models.TextChoices):
    ROLE_DESCRIPTION = "role_description", _("Role description")
    CODE_OF_CONDUCT = "code_of_conduct", _("Code of conduct")
    SAFETY_PROTOCOLS = "safety_protocols", _("Safety protocols")


class DocumentVersion(ChoiceLabels, models.Model):
    """One version of one of the organisation's documents; never rewritten: a change is a new version."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    number = models.PositiveIntegerField()
    text = models.TextField(_("text"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["kind", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "kind", "number"], name="one_document_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.number}"


class DocumentAgreement(models.Model):
    """A supporter's "I have read this and agree", for one version."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="agreements")
    supporter = models.ForeignKey("people.PeerSupporter", on_delete=models.CASCADE, related_name="documents_agreed")
    agreed_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["version", "supporter"], name="agreed_once_per_version")]

    def __str__(self) -> str:
        return f"{self.version} agreed"
