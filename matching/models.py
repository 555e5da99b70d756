"""What matching holds beside the people models: settings, wishes, details, exclusions, places to keep away from.

The people models are not changed: each person's matching details are a one-to-one row here.
Exclusions are never deleted: lifting one records who lifted it, when and why.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from encryption.fields import EncryptedCharField, EncryptedTextField
from organisations.tenancy import OrganisationScopedManager
from people.choices import AgeBand

from . import core
from .choices import ExclusionReason, KeepAwayKind


def default_weights() -> dict[str, int]:
    return dict(core.DEFAULT_WEIGHTS)


class MatchingSettings(models.Model):
    """An organisation's matching settings: the good-enough fit and how much each criterion counts."""

    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.CASCADE, related_name="+")
    good_enough = models.PositiveSmallIntegerField(
        _("good-enough fit"),
        default=core.DEFAULT_GOOD_ENOUGH,
        help_text=_("From 0 to 100. Below it nobody is suggested: a peer would rather wait for a good fit."),
    )
    weights = models.JSONField(_("how much each criterion counts"), default=default_weights)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationScopedManager()

    def __str__(self) -> str:
        return "matching settings"


class PeerWishes(models.Model):
    """What a peer wished for that the peer record does not already hold."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.OneToOneField("people.Peer", on_delete=models.CASCADE, related_name="matching_wishes")
    # Criterion code -> weight (0 to core.MOST_WEIGHT); only the criteria they spoke about.
    priorities = models.JSONField(_("what matters most to them"), default=dict, blank=True)
    availability = models.JSONField(_("times they are free"), default=list, blank=True)
    supporter_age = models.CharField(
        _("preferred age of a peer supporter"), max_length=20, choices=AgeBand.choices, blank=True
    )
    prefers_staff_without_lived_experience = models.BooleanField(
        _("would rather have a staff member without lived experience"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationScopedManager()

    def __str__(self) -> str:
        return "matching wishes"


class SupporterDetails(models.Model):
    """What matching needs about a peer supporter that the supporter's profile does not hold."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    supporter = models.OneToOneField("people.PeerSupporter", on_delete=models.CASCADE, related_name="matching_details")
    # Whether they may work one-to-one on their own is competence.rules.may_do (their level), not here.
    age_band = models.CharField(_("age"), max_length=20, choices=AgeBand.choices, blank=True)
    availability = models.JSONField(_("times they are free"), default=list, blank=True)
    support_modes = models.JSONField(_("ways of meeting they offer"), default=list, blank=True)
    culture = EncryptedCharField(_("culture or background they share"), max_length=200, blank=True)
    staff_without_lived_experience = models.BooleanField(
        _("works as staff, without drawing on lived experience"), default=False
    )
    # A supporter who was once a peer here: their own former record. Kept from the peers who went
    # through the program with them (see core.automatically_kept_apart). Set by a coordinator.
    former_peer = models.ForeignKey(
        "people.Peer",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="later_supporter_details",
        verbose_name=_("their own record from when they were a peer here"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = OrganisationScopedManager()

    def __str__(self) -> str:
        return "matching details"


class Exclusion(models.Model):
    """Two people who must never be put together. Each side is a peer or a peer supporter."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    # Related names on the peer's side, so that erasure and the checks derived from the models find them.
    peer = models.ForeignKey(
        "people.Peer", on_delete=models.CASCADE, null=True, blank=True, related_name="exclusions_first"
    )
    supporter = models.ForeignKey(
        "people.PeerSupporter", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    other_peer = models.ForeignKey(
        "people.Peer", on_delete=models.CASCADE, null=True, blank=True, related_name="exclusions_second"
    )
    other_supporter = models.ForeignKey(
        "people.PeerSupporter", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    # Why, encrypted like the note: someone reading the database learns neither (it is never counted).
    reason = EncryptedCharField(_("reason"), max_length=20, choices=ExclusionReason.choices)
    note = EncryptedTextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    recorded_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    lift_reason = EncryptedTextField(_("why it is lifted"), blank=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(peer__isnull=True) ^ Q(supporter__isnull=True))
                & (Q(other_peer__isnull=True) ^ Q(other_supporter__isnull=True)),
                name="exclusion_has_two_sides",
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "lifted_at"]),
        ]

    def __str__(self) -> str:
        return "exclusion"

    @property
    def is_lifted(self) -> bool:
        return self.lifted_at is not None

    @property
    def sides(self) -> tuple[core.Person, core.Person]:
        return self.sides_of(self.peer_id, self.supporter_id, self.other_peer_id, self.other_supporter_id)

    @staticmethod
    def sides_of(peer_id, supporter_id, other_peer_id, other_supporter_id) -> tuple[core.Person, core.Person]:
        """The two sides from the four columns (``matching.rules`` reads them as values, not rows)."""
        first = (core.PEER, peer_id) if peer_id else (core.SUPPORTER, supporter_id)
        second = (core.PEER, other_peer_id) if other_peer_id else (core.SUPPORTER, other_supporter_id)
        return first, second


class AutomaticExclusionLift(models.Model):
    """A coordinator lifted the automatic exclusion of a former peer, now a supporter, and a peer."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    supporter = models.ForeignKey("people.PeerSupporter", on_delete=models.CASCADE, related_name="+")
    peer = models.ForeignKey("people.Peer", on_delete=models.CASCADE, related_name="automatic_exclusion_lifts")
    reason = EncryptedTextField(_("why it is lifted"))
    lifted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    lifted_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["supporter", "peer"], name="one_lift_per_pair")]

    def __str__(self) -> str:
        return "lifted automatic exclusion"


class KeepAway(models.Model):
    """A place or circle a peer or a supporter keeps away from; a shared one keeps the two apart.

    Compared by keyed hash (``digests``, see ``matching.keepaway``), never by the words, which are kept
    encrypted only so that the person's record can show them and the hashes can be remade on rotation.
    """

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.PROTECT, related_name="+")
    peer = models.ForeignKey(
        "people.Peer", on_delete=models.CASCADE, null=True, blank=True, related_name="keep_away_from"
    )
    supporter = models.ForeignKey(
        "people.PeerSupporter", on_delete=models.CASCADE, null=True, blank=True, related_name="keep_away_from"
    )
    kind = models.CharField(_("what kind of place or circle"), max_length=20, choices=KeepAwayKind.choices)
    words = EncryptedCharField(_("its name"), max_length=200)
    digests = models.JSONField(default=list)  # one keyed hash per encryption key in use
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = OrganisationScopedManager()

    class Meta:
        ordering = ["recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(peer__isnull=True) ^ Q(supporter__isnull=True), name="keep_away_has_one_person"
            )
        ]

    def __str__(self) -> str:
        return "place or circle to keep away from"

    @property
    def person(self) -> core.Person:
        return self.person_of(self.peer_id, self.supporter_id)

    @staticmethod
    def person_of(peer_id, supporter_id) -> core.Person:
        """Whose it is, from the two columns (``matching.rules`` reads them as values, not rows)."""
        return (core.PEER, peer_id) if peer_id else (core.SUPPORTER, supporter_id)
