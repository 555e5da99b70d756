"""A peer supporter's way in: the stages they pass through (every change kept, with who, when and why),
the posts they may hold, readiness conversations and the barriers to clear on the way.

Nothing here screens anyone out: there is no field for a conviction or for schooling, and no score.
A readiness conversation ends in a judgement in words, made by people.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from alongside.choices import ChoiceLabels
from encryption.fields import EncryptedTextField
from organisations.tenancy import OrganisationScopedManager
from people.choices import SupporterStage


class MovingOnReason(models.TextChoices):
    """Why someone pauses or moves on: a short list, and "something else" in words."""

    THEIR_CHOICE = "their_choice", _("Their own choice")
    WELLBEING = "wellbeing", _("Looking after their own wellbeing")
    LIFE = "life", _("Work, study or life elsewhere")
    NOT_YET = "not_yet", _("Not ready yet: we will talk again")
    ROLE = "role", _("The role is not right for them now")
    LOST_TOUCH = "lost_touch", _("We lost touch")
    OTHER = "other", _("Something else (say why)")


# Moving into these needs a reason: nobody is silently dropped.
NEEDS_A_REASON = frozenset({SupporterStage.PAUSED, SupporterStage.LEFT})
# The stages of someone still on the way in (the coordinator's "people on the way").
ON_THE_WAY = (SupporterStage.RECRUITED, SupporterStage.READINESS, SupporterStage.TRAINING, SupporterStage.SHADOWING)


class StageChange(ChoiceLabels, models.Model):
    """One move of a peer supporter from a stage to another; never rewritten."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    supporter = models.ForeignKey("people.PeerSupporter", on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("from"), max_length=20, choices=SupporterStage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=20, choices=SupporterStage.choices)
    reason = models.CharField(_("reason"), max_length=20, choices=MovingOnReason.choices, blank=True)
    why = EncryptedTextField(_("why, in a few words"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["supporter", "at"])]

    def __str__(self) -> str:
        return f"{self.from_stage or '—'} → {self.to_stage}"


class Engagement(models.TextChoices):
    PAID = "paid", _("A paid post")
    ADDED_DUTIES = "added_duties", _("Duties added to an existing post")
    VOLUNTEER = "volunteer", _("Volunteer")
    PLACEMENT = "placement", _("A placement")


class Post(ChoiceLabels, models.Model):
    """A role the organisation offers, with its person specification. About no person."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=120)
    engagement = models.CharField(_("kind of engagement"), max_length=20, choices=Engagement.choices)
    hours = models.CharField(_("hours"), max_length=120, blank=True)
    qualities = models.TextField(_("qualities we look for (one a line)"), blank=True)
    is_open = models.BooleanField(_("open to applications"), default=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-is_open", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def quality_lines(self) -> list[str]:
        return [line.strip() for line in self.qualities.splitlines() if line.strip()]


class QualificationNeed(models.TextChoices):
    REQUIRED = "required", _("Required")
    WORKING_TOWARDS = "working_towards", _("Working towards it is fine")
    EXPERIENCE_INSTEAD = "experience_instead", _("Experience may stand instead")


class Qualification(ChoiceLabels, models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="qualifications")
    what = models.CharField(_("qualification"), max_length=200)
    need = models.CharField(_("how it is needed"), max_length=20, choices=QualificationNeed.choices)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.what


# Each organisation starts with these criteria (our own words, from the reports' shared themes). The
# code names the default; thresholds start empty: an organisation that asks five years sets five.
DEFAULT_CRITERIA = [
    ("time_since_leaving", "Time since leaving exploitation", "Temps depuis la sortie de l'exploitation",
     "How long ago they left, and how settled life feels now.", True),
    ("time_since_substance_use", "Time since any substance use", "Temps depuis toute consommation",
     "Only if it was part of their life; what recovery looks like for them.", True),
    ("recovery_work", "Recovery or therapy work done", "Travail de rétablissement ou thérapie",
     "What has helped them work through what happened.", False),
    ("self_care", "A self-care plan and support outside work", "Un plan pour prendre soin de soi et du soutien hors du travail",
     "Who and what they turn to. \"I don't need anything\" is something to talk through, not a pass.", False),
    ("known_as_survivor", "Being known as a survivor: an informed choice", "Être connu comme survivant : un choix éclairé",
     "Whether they are comfortable being known as a survivor here, and who in their life knows.", False),
    ("hearing_stories", "Comfort hearing other people's stories", "À l'aise pour entendre l'histoire des autres",
     "How it might feel to hear something close to their own experience.", False),
    ("distance", "Distance from their own experience", "Du recul sur sa propre expérience",
     "Whether they can speak of it with some perspective, or it is still very near.", False),
    ("motivation", "What draws them to the role", "Ce qui les attire vers ce rôle",
     "A wish to \"rescue\" others is something to explore together.", False),
    ("listening", "Listening without judgement", "Écouter sans juger",
     "How they listen, and meet people whose choices differ from theirs.", False),
]  # fmt: skip


class ReadinessCriterion(models.Model):
    """One thing a readiness conversation talks about; the organisation's own list."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name in English"), max_length=120)
    name_fr = models.CharField(_("name in French"), max_length=120, blank=True)
    prompt = models.TextField(_("what to talk about"), blank=True)
    default_code = models.CharField(max_length=40, blank=True, editable=False)
    # The organisation's own threshold, for the criteria about time: a reminder to the people talking,
    # never compared by the software. Empty: no threshold.
    threshold_years = models.PositiveSmallIntegerField(_("our threshold, in years (if any)"), null=True, blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)
    retired = models.BooleanField(_("no longer asked"), default=False)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        language = translation.get_language() or "en"
        return self.name_fr if language.startswith("fr") and self.name_fr else self.name


class Judgement(models.TextChoices):
    READY = "ready", _("Ready")
    READY_WITH_SUPPORT = "ready_with_support", _("Ready, with support")
    NOT_YET = "not_yet", _("Not yet: we will talk again")


class ReadinessConversation(ChoiceLabels, models.Model):
    """A conversation about readiness, its notes per criterion and the judgement the people in it reached."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    supporter = models.ForeignKey("people.PeerSupporter", on_delete=models.CASCADE, related_name="readiness")
    held_on = models.DateField(_("when"), default=timezone.localdate)
    held_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    judgement = models.CharField(_("judgement"), max_length=20, choices=Judgement.choices)
    reasons = EncryptedTextField(_("the reasons for it"))
    support_agreed = EncryptedTextField(_("the support agreed"), blank=True)
    talk_again_on = models.DateField(_("when to talk again"), null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return "readiness conversation"


class CriterionNote(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    conversation = models.ForeignKey(ReadinessConversation, on_delete=models.CASCADE, related_name="notes")
    criterion = models.ForeignKey(ReadinessCriterion, on_delete=models.PROTECT, related_name="+")
    note = EncryptedTextField(_("notes"), blank=True)
    to_come_back_to = models.BooleanField(_("something to come back to"), default=False)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["criterion__position", "criterion_id"]

    def __str__(self) -> str:
        return "criterion note"


class BarrierStatus(models.TextChoices):
    OPEN = "open", _("Still to clear")
    CLEARED = "cleared", _("Cleared")
    NOT_CLEARED = "not_cleared", _("Could not be cleared")


class Barrier(ChoiceLabels, models.Model):
    """Something in the way (a background check, a document, childcare), kept privately, and the help offered."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    supporter = models.ForeignKey("people.PeerSupporter", on_delete=models.CASCADE, related_name="barriers")
    what = EncryptedTextField(_("what is in the way"))
    help_offered = EncryptedTextField(_("the help offered"), blank=True)
    status = models.CharField(_("where it is"), max_length=20, choices=BarrierStatus.choices, default="open")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    closed_on = models.DateField(null=True, blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["status", "-recorded_at", "-pk"]

    def __str__(self) -> str:
        return "barrier"


class FormerPeerConsent(models.Model):
    """The person agreed that their supporter profile is linked to their own record from when they
    were a peer here (the link itself is matching's ``SupporterDetails.former_peer``, which keeps them
    apart from those they went through the program with)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    supporter = models.OneToOneField(
        "people.PeerSupporter", on_delete=models.CASCADE, related_name="former_peer_consent"
    )
    agreed_on = models.DateField(_("they agreed on"))
    explained_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    def __str__(self) -> str:
        return "consent to link a former peer record"
