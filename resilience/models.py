"""How long the organisation keeps each kind of record that is only needed for a while."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.tenancy import OrganisationScopedManager

# Days, by default, before each kind is due to go (docs/backups.md, "Keeping only what is needed").
DEFAULT_DAYS = {
    "private_notes": 730,  # a contact's private note, two years after the contact
    "closed_concerns": 2190,  # what a closed concern says, six years after it was closed
    "expired_links": 30,  # partner links and invitations, a month after they stopped working
    "raw_story": 365,  # what was said at an intake conversation, a year after a newer one replaced it
    "ended_matches": 365,  # what was said when a support ended, and cover messages, a year after
}
_DAYS = [MinValueValidator(1), MaxValueValidator(36500)]


class RetentionSettings(models.Model):
    """One organisation's retention periods, in days; an organisation without a row has the defaults."""

    organisation = models.OneToOneField(
        "organisations.Organisation", on_delete=models.CASCADE, related_name="retention_settings"
    )
    private_notes = models.PositiveIntegerField(
        _("private notes on contacts: days after the contact"), default=DEFAULT_DAYS["private_notes"], validators=_DAYS
    )
    closed_concerns = models.PositiveIntegerField(
        _("what a closed safeguarding concern says: days after it was closed"),
        default=DEFAULT_DAYS["closed_concerns"],
        validators=_DAYS,
    )
    expired_links = models.PositiveIntegerField(
        _("partner links and invitations: days after they stopped working"),
        default=DEFAULT_DAYS["expired_links"],
        validators=_DAYS,
    )
    raw_story = models.PositiveIntegerField(
        _("what was said at an intake conversation: days after a newer one replaced it"),
        default=DEFAULT_DAYS["raw_story"],
        validators=_DAYS,
    )
    ended_matches = models.PositiveIntegerField(
        _("what was said when a support ended, and cover messages: days after it ended"),
        default=DEFAULT_DAYS["ended_matches"],
        validators=_DAYS,
    )
    changed_at = models.DateTimeField(auto_now=True)

    objects = OrganisationScopedManager()

    def __str__(self) -> str:
        return f"Retention settings of organisation {self.organisation_id}"


class SignedInSession(AbstractBaseSession):
    """A session row (Django's own fields) that also says whose it is, on what, and when it was last used.

    The device is a summary of the browser's own description ("Firefox on Android"); no IP address is
    kept. Sessions are the installation's, not an organisation's: a user's are theirs in every
    organisation they belong to, so this is not scoped; the pages reach them through the user.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="signed_in_sessions"
    )
    device = models.CharField(max_length=80, blank=True)
    signed_in_at = models.DateTimeField(default=timezone.now)
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["user", "expire_date"])]

    @classmethod
    def get_session_store_class(cls):
        from .sessions import SessionStore

        return SessionStore

    def __str__(self) -> str:
        return "A signed-in session"
