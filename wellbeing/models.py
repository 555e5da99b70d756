"""A peer supporter's own wellbeing: their self-care plan, their check-ins, the hard moments they
chose to log, and whether they are in the directory of peer supporters. The early warning's limits
are the organisation's (``WarningSettings``).

None of it names a peer. Everything in someone's words is encrypted, and so are a check-in's
answers: they are the supporter's. What their supervisor sees is whether a conversation is
suggested (``suggests_talk``), and what the supporter chose to share with them.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.choices import ChoiceLabels
from encryption.fields import EncryptedJSONField, EncryptedTextField
from organisations.tenancy import OrganisationScopedManager

MEMBER = "organisations.Membership"


class OrganisationSupport(models.Model):
    """One of the organisation's supports for its peer supporters (paid therapy time, counselling...)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    name_fr = models.CharField(_("name in French"), max_length=120, blank=True)
    retired = models.BooleanField(_("no longer offered"), default=False)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="one_support_of_a_name")]

    def __str__(self) -> str:
        return self.name

    def shown_name(self, language: str) -> str:
        return self.name_fr if language == "fr" and self.name_fr else self.name


class SelfCarePlan(models.Model):
    """A supporter's self-care plan, in their own words: one per member, rewritten as they wish."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    member = models.OneToOneField(MEMBER, on_delete=models.CASCADE, related_name="self_care_plan")
    what_helps = EncryptedTextField(_("what helps me"), blank=True)
    early_signs = EncryptedTextField(_("early signs that I need to slow down"), blank=True)
    who_i_turn_to = EncryptedTextField(_("who I turn to"), blank=True)
    supports: models.ManyToManyField[OrganisationSupport, PlanSupport] = models.ManyToManyField(
        OrganisationSupport, blank=True, through="PlanSupport", related_name="+", verbose_name=_("supports")
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationScopedManager()

    def __str__(self) -> str:
        return f"Self-care plan {self.pk}"


class PlanSupport(models.Model):
    """One of the organisation's supports a self-care plan uses: the join, carrying the organisation
    like every table of its data. Written through the plan (``services.save_plan``), read through it.
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    selfcareplan = models.ForeignKey(SelfCarePlan, on_delete=models.CASCADE)
    organisationsupport = models.ForeignKey(OrganisationSupport, on_delete=models.CASCADE)

    class Meta:
        db_table = "wellbeing_selfcareplan_supports"  # the table Django made for the join before it had a model
        unique_together = [("selfcareplan", "organisationsupport")]

    def __str__(self) -> str:
        return f"Support {self.organisationsupport_id} in self-care plan {self.selfcareplan_id}"


class WantsTalk(models.TextChoices):
    YES = "yes", _("Yes, please")
    NO = "no", _("Not now")
    NOT_SAID = "", _("Prefer not to say")


class ShareWith(models.TextChoices):
    NOBODY = "nobody", _("Nobody: only that a conversation is suggested, if it is")
    SUPERVISOR = "supervisor", _("My supervisor")
    COACH = "coach", _("A peer coach I choose")


class CheckIn(ChoiceLabels, models.Model):
    """One check-in: the WHO-5 answers and our own two questions, all of it the supporter's."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(MEMBER, on_delete=models.CASCADE, related_name="check_ins")
    filed_at = models.DateTimeField(default=timezone.now)
    instrument = models.CharField(max_length=20, default="who5")
    version = models.CharField(max_length=20, default="1998")
    # {item id: value or None}, and the score worked out from them: encrypted, the supporter's.
    answers = EncryptedJSONField(default=dict, blank=True)
    score = EncryptedJSONField(default=None, null=True, blank=True)
    wants_talk = models.CharField(
        _("Would you like a conversation with your supervisor before your next session?"),
        max_length=3, choices=WantsTalk.choices, blank=True,
    )  # fmt: skip
    for_supervisor = EncryptedTextField(_("Anything you want your supervisor to know?"), blank=True)
    # What the supervisor sees by default: that a conversation is suggested (asked for, or a low score).
    suggests_talk = models.BooleanField(default=False)
    share_with = models.CharField(
        _("Who sees your answers?"), max_length=10, choices=ShareWith.choices, default=ShareWith.NOBODY
    )
    coach = models.ForeignKey(
        MEMBER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("peer coach")
    )

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-filed_at", "-pk"]
        indexes = [models.Index(fields=["member", "-filed_at"])]

    def __str__(self) -> str:
        return f"Check-in {self.pk}"


class HardMoment(models.Model):
    """ "This was hard": a triggering moment a supporter chose to log, for themselves. Only how many
    (of those they let count) reaches the early warning; the words are theirs alone."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    member = models.ForeignKey(MEMBER, on_delete=models.CASCADE, related_name="hard_moments")
    happened_on = models.DateField(_("when"), default=timezone.localdate)
    words = EncryptedTextField(_("what happened, if you want to say"), blank=True)
    counts = models.BooleanField(_("Let it count in my early warning (my supervisor sees only how many)"), default=True)
    logged_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-happened_on", "-pk"]
        indexes = [models.Index(fields=["member", "happened_on"])]

    def __str__(self) -> str:
        return f"Hard moment {self.pk}"


class DirectoryEntry(models.Model):
    """A peer supporter who chose to be found by peer supporters of the other organisations on this
    installation. Their name, organisation and languages are read from their account and profile
    when shown; they add only what they are glad to talk about. It holds no peer data at all, and
    leaving deletes it."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    member = models.OneToOneField(MEMBER, on_delete=models.CASCADE, related_name="directory_entry")
    glad_to_talk_about = EncryptedTextField(_("what you are glad to talk about"), blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Directory entry {self.pk}"


class WarningSettings(models.Model):
    """The organisation's limits for the early warning (defaults in ``wellbeing.warning.Limits``)."""

    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    caseload_share = models.PositiveSmallIntegerField(_("caseload, per cent of capacity"), default=100)
    contact_hours_a_week = models.PositiveSmallIntegerField(_("hours of contact a week"), default=15)
    outside_agreed = models.PositiveSmallIntegerField(_("contacts outside what was agreed, in four weeks"), default=3)
    crises = models.PositiveSmallIntegerField(_("crisis contacts, in four weeks"), default=2)
    concerns = models.PositiveSmallIntegerField(_("safeguarding concerns on their caseload, in four weeks"), default=2)
    aggression = models.PositiveSmallIntegerField(_("aggression met, in eight weeks"), default=1)
    groups_a_week = models.PositiveSmallIntegerField(_("group sessions a week"), default=3)
    hard_moments = models.PositiveSmallIntegerField(_("hard moments logged, in four weeks"), default=2)
    check_in_drop = models.PositiveSmallIntegerField(_("check-in lower than the one before by (0 to 100)"), default=10)
    days_since_supervision = models.PositiveSmallIntegerField(_("days since supervision"), default=35)
    days_since_day_off = models.PositiveSmallIntegerField(_("days since a day off"), default=90)
    factors_to_talk = models.PositiveSmallIntegerField(_("factors together that suggest a conversation"), default=3)

    objects = OrganisationScopedManager()

    def __str__(self) -> str:
        return f"Warning settings {self.pk}"

    LIMIT_FIELDS = (
        "caseload_share", "contact_hours_a_week", "outside_agreed", "crises", "concerns", "aggression",
        "groups_a_week", "hard_moments", "check_in_drop", "days_since_supervision", "days_since_day_off",
        "factors_to_talk",
    )  # fmt: skip
