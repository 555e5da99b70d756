"""Support that never simply stops: planned endings with a closing conversation, and cover while a
peer supporter is away.

The ending itself (its date and why) is on the ``people.Assignment`` (``people.services.end_assignment``
writes it); what was said at the end lives here. Cover is an ``Assignment`` of kind "cover", so that
the policy lets the cover supporter see the peer for those dates only; ``Cover`` says whose support it
stands in for and when and how the peer was told.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from encryption.fields import EncryptedTextField
from organisations.tenancy import OrganisationScopedManager
from people.choices import ContactChannel

from .choices import ComeBackTo


class ClosingConversation(models.Model):
    """What was said when a peer support ended, in the peer's words, and what they would like if they
    come back. One per assignment (recording it again rewrites it: it is one conversation)."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="closing_conversations")
    assignment = models.OneToOneField(
        "people.Assignment", on_delete=models.CASCADE, related_name="closing_conversation"
    )
    had_on = models.DateField(_("when you talked"), default=timezone.localdate)
    in_their_words = EncryptedTextField(_("what they said, in their words"), blank=True)
    come_back_to = models.CharField(
        _("if they come back, who they would like to see"),
        max_length=20,
        choices=ComeBackTo.choices,
        default=ComeBackTo.NOT_SAID,
    )
    if_they_come_back = EncryptedTextField(_("anything else they would like if they come back"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    recorded_at = models.DateTimeField(auto_now=True)

    objects = OrganisationScopedManager()

    def __str__(self) -> str:
        return f"Closing conversation {self.pk}"


class Cover(models.Model):
    """A named cover supporter for one peer while their own peer supporter is away.

    The cover itself is ``assignment`` (kind "cover", from the first to the last day away), so that the
    cover supporter sees the peer for those days only; ``covers`` is the away supporter's own peer
    support, which is never ended by cover. It follows the absence when its dates change
    (``services.follow_absence``).
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="covers")
    assignment = models.OneToOneField("people.Assignment", on_delete=models.CASCADE, related_name="cover_details")
    covers = models.ForeignKey("people.Assignment", on_delete=models.CASCADE, related_name="covered_by")
    absence = models.ForeignKey("absences.Absence", on_delete=models.SET_NULL, null=True, related_name="+")
    arranged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    arranged_at = models.DateTimeField(auto_now_add=True)

    # The peer is told who, through one of their safe channels, in their language.
    told_at = models.DateTimeField(_("told on"), null=True, blank=True)
    told_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    told_channel = models.CharField(_("told by"), max_length=20, choices=ContactChannel.choices, blank=True)
    told_language = models.CharField(_("in which language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    told_until = models.DateField(_("the last day of cover they were told"), null=True, blank=True)
    message = EncryptedTextField(_("what they were told"), blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"Cover {self.pk}"

    @property
    def told_the_dates_in_force(self) -> bool:
        return self.told_at is not None and self.told_until == self.assignment.ends_on
