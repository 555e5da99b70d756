"""The audit log: who read, created, changed or deleted whose record, and when.

Append-only: the application cannot update or delete an entry, and on PostgreSQL a trigger
refuses UPDATE and DELETE too. An entry names the record and the action, never its content.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs):
        raise AppendOnlyError("The audit log cannot be changed.")

    def delete(self):
        raise AppendOnlyError("The audit log cannot be deleted.")

    def with_actor_here(self) -> AuditQuerySet:
        """Each entry with ``actor_here``: whether its actor's account still belongs to the entry's organisation.

        Pages and exports for others than the admins name the actor only then. An erased supporter whose
        account another organisation keeps has left a stand-in here (datarights.supporters), and the log,
        append-only, still names their account: they are "someone no longer here", as an erased account is.
        """
        from organisations.models import Membership

        here = Membership.objects.filter(organisation_id=OuterRef("organisation_id"), user_id=OuterRef("actor_id"))
        return self.annotate(actor_here=Exists(here))

    def openings_of(self, record: models.Model) -> AuditQuerySet:
        """Who opened this record and when, newest first: what its page shows to whoever may see it."""
        return (
            self.filter(
                organisation_id=record.organisation_id,  # type: ignore[attr-defined]
                record_type=record._meta.model_name,
                record_id=str(record.pk),
                action=Action.VIEW,
            )
            .select_related("actor")
            .only("at", "actor", "actor__display_name", "actor__email")
            .with_actor_here()
        )


class Action(models.TextChoices):
    VIEW = "view", _("Opened")
    CREATE = "create", _("Created")
    UPDATE = "update", _("Changed")
    DELETE = "delete", _("Deleted")
    EXPORT = "export", _("Exported")
    ERASE = "erase", _("Erased")
    DENIED = "denied", _("Refused access")
    CONSENT_GIVEN = "consent_given", _("Recorded consent")
    CONSENT_WITHDRAWN = "consent_withdrawn", _("Recorded withdrawal of consent")


# The reason written on the copy of a refusal filed with the organisation holding the record, when
# the attempt came from outside it (see access.lookups.refuse).
TRIED_FROM_ELSEWHERE = "tried from outside this organisation"

# What each kind of record is called on screen.
RECORD_TYPES = {
    "peer": _("Peer"),
    "peersupporter": _("Peer supporter"),
    "assignment": _("Who works with whom"),
    "consenttext": _("Consent text"),
    "membership": _("Team"),
    "page": _("Page"),
    "offer": _("Offer of a peer supporter"),
    "batch": _("Matching batch"),
}


class AuditEvent(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    record_type = models.CharField(max_length=40)
    record_id = models.CharField(max_length=40)
    reason = models.CharField(max_length=200, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "-at"]),
            models.Index(fields=["record_type", "record_id", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.record_type} {self.record_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("The audit log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit log cannot be deleted.")

    @property
    def reason_shown(self) -> str:
        if self.reason == TRIED_FROM_ELSEWHERE:
            return str(_("Tried from outside this organisation"))
        return self.reason

    @property
    def record_label(self) -> str:
        return str(RECORD_TYPES.get(self.record_type, self.record_type))
