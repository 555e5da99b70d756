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
