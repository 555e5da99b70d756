"""The competence framework, responsibility levels, sign-offs and shadowing.

The organisation edits its framework (``Competence``) and levels (``Level``); a supporter's level in
force is ``HeldLevel`` (one row, for reading in bulk) and every change is a ``LevelChange``, never
rewritten. Sign-offs and shadowing are added to, never rewritten. ``services.py`` writes all of it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from encryption.fields import EncryptedCharField, EncryptedTextField
from organisations.tenancy import OrganisationScopedManager

from .choices import CompetenceKind, Evidence, ShadowingWork


class Named(models.Model):
    name = models.CharField(_("name"), max_length=200)
    name_fr = models.CharField(_("name in French"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        if (get_language() or "en").startswith("fr") and self.name_fr:
            return self.name_fr
        return self.name


class CompetenceSettings(models.Model):
    """Whether sign-offs expire. Off unless an organisation turns it on: the reports warn against
    over-professionalising the peer role."""

    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    sign_offs_expire = models.BooleanField(_("sign-offs expire and need refreshing"), default=False)
    valid_for_months = models.PositiveSmallIntegerField(_("months a sign-off holds"), default=24)
    remind_weeks_before = models.PositiveSmallIntegerField(_("weeks before expiry to remind"), default=6)

    objects = OrganisationScopedManager()

    def __str__(self) -> str:
        return "competence settings"


class Competence(Named):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=CompetenceKind.choices, default=CompetenceKind.CORE)
    domain = models.CharField(_("area"), max_length=120, blank=True)
    default_code = models.SlugField(max_length=40, blank=True)  # one of the defaults' codes, or empty
    description = models.TextField(_("what it looks like in practice"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    retired = models.BooleanField(_("no longer used"), default=False)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["kind", "position", "pk"]


class Level(Named):
    """A responsibility level the organisation defines: the work it includes and what it needs."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    code = models.SlugField(_("code"), max_length=40)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    work = models.JSONField(_("work it includes"), default=list, blank=True)
    competences: models.ManyToManyField[Competence, LevelCompetence] = models.ManyToManyField(
        Competence, blank=True, through="LevelCompetence", related_name="levels", verbose_name=_("competences")
    )
    shadowing_needed = models.PositiveSmallIntegerField(_("sessions shadowing a colleague"), default=0)
    shadowed_needed = models.PositiveSmallIntegerField(_("sessions with a colleague shadowing them"), default=0)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="one_level_per_code")]


class LevelCompetence(models.Model):
    """A competence a level needs: the join, carrying the organisation like every table of its data.

    Written through the level (``services.save_level``), read through it.
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    level = models.ForeignKey(Level, on_delete=models.CASCADE)
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE)

    class Meta:
        db_table = "competence_level_competences"  # the table Django made for the join before it had a model
        unique_together = [("level", "competence")]

    def __str__(self) -> str:
        return f"Competence {self.competence_id} of level {self.level_id}"


class SignOff(models.Model):
    """A competence signed off for a supporter by their supervisor or a coordinator."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    supporter = models.ForeignKey("people.PeerSupporter", on_delete=models.CASCADE, related_name="sign_offs")
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="sign_offs")
    evidence = models.CharField(_("evidence"), max_length=20, choices=Evidence.choices)
    # Which training, session or role play: free words until training modules can be named.
    reference = EncryptedCharField(_("which one"), max_length=200, blank=True)
    signed_on = models.DateField(_("date"))
    note = EncryptedTextField(_("note"), blank=True)
    signed_by = models.ForeignKey(
        "organisations.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-signed_on", "-pk"]

    def __str__(self) -> str:
        return "sign-off"


class HeldLevel(models.Model):
    """The level a supporter holds now (its history is ``LevelChange``)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    supporter = models.OneToOneField("people.PeerSupporter", on_delete=models.CASCADE, related_name="held_level")
    level = models.ForeignKey(Level, on_delete=models.PROTECT, related_name="+")
    recognised = models.BooleanField(_("experience recognised for its competences and shadowing"), default=False)
    since = models.DateField()

    objects = OrganisationScopedManager()

    def __str__(self) -> str:
        return "level held"


class LevelChange(models.Model):
    """A level raised, lowered or given, by whom and why."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    supporter = models.ForeignKey("people.PeerSupporter", on_delete=models.CASCADE, related_name="level_changes")
    from_level = models.ForeignKey(Level, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    to_level = models.ForeignKey(Level, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    recognised = models.BooleanField(default=False)
    reason = EncryptedTextField(_("why"))
    changed_by = models.ForeignKey(
        "organisations.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return "level change"


class Shadowing(models.Model):
    """One session of shadowing: ``shadow`` watched ``shadowed`` at work (either may be new)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    shadow = models.ForeignKey("organisations.Membership", on_delete=models.CASCADE, related_name="+")
    shadowed = models.ForeignKey("organisations.Membership", on_delete=models.CASCADE, related_name="+")
    happened_on = models.DateField(_("when"))
    work = models.CharField(_("what kind of work"), max_length=20, choices=ShadowingWork.choices)
    reflections = EncryptedTextField(_("reflections"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-happened_on", "-pk"]

    def __str__(self) -> str:
        return "shadowing"
