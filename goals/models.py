"""A peer's own plan: goals across the organisation's life domains, with small steps, who helps, a
review date and progress in their own words.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from encryption.fields import EncryptedCharField, EncryptedTextField
from organisations.tenancy import OrganisationScopedManager

from .choices import OPEN_STATUSES, GoalKind, GoalStatus, Voice

# Every organisation starts with these (the code names the default, so that it can be recognised).
DEFAULT_DOMAINS = [
    ("housing", "Housing", "Logement"),
    ("health", "Health", "Santé"),
    ("work_and_learning", "Work and learning", "Travail et formation"),
    ("legal_and_immigration", "Legal and immigration", "Droit et immigration"),
    ("money", "Money", "Argent"),
    ("relationships", "Relationships", "Relations"),
    ("safety", "Safety", "Sécurité"),
    ("wellbeing", "Wellbeing", "Bien-être"),
    ("substance_use", "Recovery from substance use", "Rétablissement (consommation de substances)"),
]


class NeverRewrittenError(RuntimeError):
    """A progress entry is never rewritten: add another."""


class LifeDomain(models.Model):
    """One area of life a goal can be in, named by the organisation in English and French.

    Renamed at will; retired rather than deleted once a goal is in it (the counts keep it).
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name in English"), max_length=100)
    name_fr = models.CharField(_("name in French"), max_length=100, blank=True)
    default_code = models.CharField(max_length=40, blank=True, editable=False)
    position = models.PositiveIntegerField(default=0)
    retired_at = models.DateTimeField(null=True, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="one_life_domain_per_name")]

    def __str__(self) -> str:
        return self.name_in(translation.get_language() or "en")

    def name_in(self, language: str) -> str:
        return self.name_fr if language.startswith("fr") and self.name_fr else self.name

    @property
    def is_retired(self) -> bool:
        return self.retired_at is not None


class Goal(models.Model):
    """One goal of a peer's plan, in their own words. Only the words are needed."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="goals")
    words = EncryptedTextField(_("the goal, in their own words"))
    voice = models.CharField(_("whose words"), max_length=20, choices=Voice.choices, default=Voice.PEER)
    domain = models.ForeignKey(
        LifeDomain,
        on_delete=models.PROTECT,
        related_name="goals",
        null=True,
        blank=True,
        verbose_name=_("area of life"),
    )
    kind = models.CharField(_("kind of goal"), max_length=20, choices=GoalKind.choices, default=GoalKind.LONGER_TERM)
    helpers = models.JSONField(_("who helps"), default=list, blank=True)
    partner = models.ForeignKey(
        "organisations.Partner", on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )
    someone_else = EncryptedCharField(_("who else helps"), max_length=200, blank=True)
    review_on = models.DateField(_("when to look at it again"), null=True, blank=True)
    status = models.CharField(
        _("where it is"), max_length=20, choices=GoalStatus.choices, default=GoalStatus.WORKING_ON
    )
    status_changed_on = models.DateField(null=True, blank=True)
    created_on = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["created_on", "pk"]
        indexes = [models.Index(fields=["peer", "status"])]

    def __str__(self) -> str:
        return f"Goal {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_review_due(self) -> bool:
        return self.is_open and self.review_on is not None and self.review_on <= timezone.localdate()


class Step(models.Model):
    """A small step towards a goal, in plain words: done or not, and when."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    words = EncryptedTextField(_("the step"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"Step {self.pk}"


class ProgressEntry(models.Model):
    """How it is going, in the peer's own words (or noted by the supporter), dated. Never rewritten."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="progress")
    words = EncryptedTextField(_("how it is going"))
    voice = models.CharField(_("whose words"), max_length=20, choices=Voice.choices, default=Voice.PEER)
    written_on = models.DateField(_("on"), default=timezone.localdate)
    recorded_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["written_on", "pk"]
        verbose_name_plural = "progress entries"

    def __str__(self) -> str:
        return f"Progress entry {self.pk}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise NeverRewrittenError("What someone said of their progress is never rewritten: add a new entry.")
        super().save(*args, **kwargs)
