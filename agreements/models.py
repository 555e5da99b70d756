"""The support agreement between a peer and their peer supporter, in versions, and the organisation's
information-sharing threshold that every agreement shows word for word.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from encryption.fields import EncryptedTextField
from organisations.tenancy import OrganisationScopedManager

from .choices import HowOften, OwnStory, PeerExperience


class FrozenVersionError(RuntimeError):
    """A published threshold or a recorded agreement is never rewritten: write a new version."""


class SharingThreshold(models.Model):
    """What stays between a peer and their supporter and what must be shared, in the organisation's
    own words. Frozen by version and language, like the consent texts: new wording is a new version.
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    body = models.TextField(_("what stays between you and what must be shared"))
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-version", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "version", "language"], name="one_threshold_per_version_and_language"
            )
        ]

    def __str__(self) -> str:
        return f"Information-sharing threshold v{self.version} ({self.language})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise FrozenVersionError("A published threshold is never changed: publish a new version.")
        super().save(*args, **kwargs)


class SupportAgreement(models.Model):
    """One version of what a peer and their peer supporter agreed. A change is a new version; the
    newest is the one in force. Free text is encrypted; the choices are plain.
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="support_agreements")
    # Empty only on an erased peer's agreements (erasure keeps the version and its months, nothing else).
    assignment = models.ForeignKey(
        "people.Assignment", on_delete=models.CASCADE, related_name="support_agreements", null=True
    )
    version = models.PositiveIntegerField(_("version"))
    agreed_on = models.DateField(_("agreed on"), default=timezone.localdate)

    # Being in touch.
    how_often = models.CharField(_("how often you will be in touch"), max_length=20, choices=HowOften.choices)
    channels = models.JSONField(_("ways of being in touch"), default=list, blank=True)
    never_channels = models.JSONField(_("ways never to use"), default=list, blank=True)
    contact_notes = EncryptedTextField(_("anything else about being in touch"), blank=True)
    contact_hours = EncryptedTextField(_("the hours contact is expected"), blank=True)
    out_of_hours = EncryptedTextField(_("who to contact outside those hours"), blank=True)
    # The same hours as plain slot codes (weekday x part of the day, as matching's availability), so a
    # contact can be compared with them. Optional: empty means no times were agreed in this form.
    agreed_times = models.JSONField(_("agreed times"), default=list, blank=True)

    # Stories.
    supporter_story = models.CharField(
        _("whether the peer supporter will draw on their own story"),
        max_length=20,
        choices=OwnStory.choices,
        default=OwnStory.NOT_DECIDED,
    )
    peer_experience = models.CharField(
        _("whether the peer wants to talk about their experience"),
        max_length=20,
        choices=PeerExperience.choices,
        default=PeerExperience.NOT_DECIDED,
    )

    # What stays between them: the threshold shown, word for word, and anything added.
    threshold = models.ForeignKey(
        SharingThreshold,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,  # only on an erased peer's agreements
        verbose_name=_("information-sharing threshold shown"),
    )
    sharing_notes = EncryptedTextField(_("anything else about what stays between you"), blank=True)

    crisis_contact = EncryptedTextField(_("who to contact in a crisis"), blank=True)
    review_on = models.DateField(_("when to look at it again"))
    other_notes = EncryptedTextField(_("anything else you agreed"), blank=True)

    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-version"]
        indexes = [models.Index(fields=["assignment", "-version"])]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "version"], name="one_agreement_per_version"),
        ]

    def __str__(self) -> str:
        return f"Support agreement {self.pk} v{self.version}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise FrozenVersionError("A recorded agreement is never changed: record a new version.")
        super().save(*args, **kwargs)

    @property
    def is_past_review(self) -> bool:
        return self.review_on < timezone.localdate()

    @property
    def neither_talks_about_their_experience(self) -> bool:
        return self.supporter_story == OwnStory.NO and self.peer_experience == PeerExperience.NO
