"""Before any pairing: the intake safety conversation, how a peer arrived, and why they are waiting.

The conversation is recorded as dated versions (it can be had again: a new one replaces the one in
force, which is kept). Every answer in a person's own words is encrypted; the choices are plain so
they can be counted, and each offers a way not to say. Nothing is required.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from encryption.fields import EncryptedTextField
from organisations.tenancy import OrganisationScopedManager
from people.choices import PREFER_NOT


class SafeAnswer(models.TextChoices):
    YES = "yes", _("Yes")
    NOT_SURE = "not_sure", _("Not sure")
    NO = "no", _("No")
    PREFER_NOT = PREFER_NOT, _("Prefer not to say")


class NetworkLink(models.TextChoices):
    """Whether someone in our organisation may be linked to the network that harmed them."""

    NO = "no", _("No, nobody they know of")
    MAYBE = "maybe", _("Maybe")
    YES = "yes", _("Yes")
    PREFER_NOT = PREFER_NOT, _("Prefer not to say")


# The answers that mean an exclusion should be recorded before any pairing.
NETWORK_LINK_CONCERNS = (NetworkLink.MAYBE, NetworkLink.YES)


class BasicNeed(models.TextChoices):
    """What has to come first, before peer support."""

    HOUSING = "housing", _("A safe place to stay")
    FOOD = "food", _("Food")
    SAFETY = "safety", _("Being safe now")
    HEALTH = "health", _("Health care")
    LEGAL = "legal", _("Legal or immigration help")
    MONEY = "money", _("Money to live on")
    NONE = "none", _("Nothing needs to come first")
    PREFER_NOT = PREFER_NOT, _("Prefer not to say")


class WantsPeerSupport(models.TextChoices):
    NOW = "now", _("Yes, now")
    LATER = "later", _("Later: ask again on a date")
    NOT_SURE = "not_sure", _("Not sure yet: ask again on a date")
    NOT_AT_ALL = "not_at_all", _("No, not at all")
    PREFER_NOT = PREFER_NOT, _("Prefer not to say")


# The answers that come with a date to ask again.
ASK_AGAIN = (WantsPeerSupport.LATER, WantsPeerSupport.NOT_SURE)


class ArrivalRoute(models.TextChoices):
    SELF_REFERRAL = "self_referral", _("They came to us themselves")
    OUTREACH = "outreach", _("We met them through outreach")
    PARTNER = "partner", _("A partner referred them")
    OTHER = "other", _("Another way")
    PREFER_NOT = PREFER_NOT, _("Prefer not to say")


class WaitingReason(models.TextChoices):
    """Why a peer is still waiting. The batches and offers apps set these too (intake.services.set_waiting_reason)."""

    NO_SAFE_FIT = "no_safe_fit", _("No safe fit yet")
    WAITING_FOR_LANGUAGE = "language", _("Waiting for a peer supporter who speaks their language")
    ASKED_TO_WAIT = "asked_to_wait", _("They asked to wait")
    OFFER_OUT = "offer_out", _("An offer is with them")


class IntakeConversationQuerySet(models.QuerySet["IntakeConversation"]):
    def in_force(self) -> IntakeConversationQuerySet:
        return self.filter(superseded_at__isnull=True)


class IntakeConversation(models.Model):
    """One intake safety conversation. Having it again makes a new one; the earlier one is kept."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="intake_conversations")
    had_on = models.DateField(_("when the conversation was had"), default=timezone.localdate)

    # Is it safe for them to come to us, and to be contacted?
    safe_to_come = models.CharField(
        _("is it safe for them to come to us?"), max_length=20, choices=SafeAnswer.choices, blank=True
    )
    safe_to_contact = models.CharField(
        _("is it safe for us to contact them?"), max_length=20, choices=SafeAnswer.choices, blank=True
    )
    safety_notes = EncryptedTextField(_("what would make coming or being contacted safer"), blank=True)

    # Are we safe for them?
    network_link = models.CharField(
        _("might someone in our organisation be linked to the people who harmed them?"),
        max_length=20,
        choices=NetworkLink.choices,
        blank=True,
    )
    network_notes = EncryptedTextField(_("what they said about it"), blank=True)
    places_to_avoid = EncryptedTextField(_("places they must not be seen"), blank=True)
    people_to_avoid = EncryptedTextField(_("people they must avoid"), blank=True)

    # What they need first.
    needs_first = models.JSONField(_("what needs to come first"), default=list, blank=True)
    needs_first_notes = EncryptedTextField(_("notes on what comes first"), blank=True)

    # Whether they want a peer relationship.
    wants_peer_support = models.CharField(
        _("would they like a peer supporter?"), max_length=20, choices=WantsPeerSupport.choices, blank=True
    )
    ask_again_on = models.DateField(_("when to ask again"), null=True, blank=True)
    wants_notes = EncryptedTextField(_("what they said about it"), blank=True)
    # Since when they have been ready for a peer supporter (or due to be asked again): worked out when
    # the conversation is recorded, carried across conversations that say the same.
    ready_since = models.DateField(null=True, blank=True, editable=False)

    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = OrganisationScopedManager(models.Manager.from_queryset(IntakeConversationQuerySet))

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        # The waiting list reads the conversation in force of every peer from this index alone: the
        # row itself, with its encrypted answers, is read only for the page shown.
        indexes = [
            models.Index(
                fields=["peer", "superseded_at", "wants_peer_support", "ask_again_on", "ready_since", "network_link"],
                name="intake_in_force_for_waiting",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["peer"], condition=models.Q(superseded_at__isnull=True), name="one_intake_in_force_per_peer"
            )
        ]

    def __str__(self) -> str:
        return f"Intake conversation {self.pk}"

    @property
    def raises_a_network_link(self) -> bool:
        return self.network_link in NETWORK_LINK_CONCERNS

    def needs_first_labels(self) -> list[str]:
        labels = dict(BasicNeed.choices)
        return [str(labels[code]) for code in self.needs_first if code in labels]


class Arrival(models.Model):
    """How a peer came to us: by themselves, through outreach, or referred by a partner, and when."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.OneToOneField("people.Peer", on_delete=models.CASCADE, related_name="arrival")
    route = models.CharField(_("how they came to us"), max_length=20, choices=ArrivalRoute.choices, blank=True)
    partner = models.ForeignKey(
        "organisations.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("the partner who referred them"),
    )
    arrived_on = models.DateField(_("on"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationScopedManager()

    def __str__(self) -> str:
        return f"Arrival {self.pk}"


class WaitingStatus(models.Model):
    """Why a peer without a peer supporter is still waiting, as last said by a coordinator or an offer."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.OneToOneField("people.Peer", on_delete=models.CASCADE, related_name="waiting_status")
    reason = models.CharField(_("why they are waiting"), max_length=20, choices=WaitingReason.choices, blank=True)
    set_at = models.DateTimeField(_("since"), default=timezone.now)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)

    objects = OrganisationScopedManager()

    def __str__(self) -> str:
        return f"Waiting {self.pk}"


DEFAULT_WAITING_THRESHOLD_DAYS = 30


class WaitingSettings(models.Model):
    """An organisation's promise that nobody waits silently: past this many days, the dashboard says so."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="waiting_settings"
    )
    threshold_days = models.PositiveSmallIntegerField(
        _("days a peer may wait before the dashboard says so"),
        default=DEFAULT_WAITING_THRESHOLD_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )

    def __str__(self) -> str:
        return f"Waiting settings {self.pk}"
