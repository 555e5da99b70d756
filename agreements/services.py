"""Recording support agreements and publishing the information-sharing threshold.

An agreement is never rewritten: each change is a new version, saying who recorded it and when, and
the newest is the one in force. A threshold is frozen the same way, per version and language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import audit
from audit.models import Action
from matching.core import SLOTS
from organisations.models import Membership, Organisation
from people.models import Assignment, AssignmentKind, Peer

from .choices import Channel, HowOften, OwnStory, PeerExperience
from .models import SharingThreshold, SupportAgreement

LANGUAGES = dict(settings.LANGUAGES)


class AgreementError(ValueError):
    pass


# --- The threshold ------------------------------------------------------------------------------


def current_threshold(organisation: Organisation, language: str) -> SharingThreshold | None:
    """The newest threshold, in ``language`` if it is written in it, otherwise in any language.

    ``language`` may come from the address bar: only one of our languages is looked for.
    """
    thresholds = SharingThreshold.objects.filter(organisation=organisation)
    newest = thresholds.first()
    if newest is None:
        return None
    if language in LANGUAGES:
        return thresholds.filter(version=newest.version, language=language).first() or newest
    return newest


def threshold_in(
    threshold: SharingThreshold, language: str, *, published_by: datetime | None = None
) -> SharingThreshold:
    """The same version of the threshold in ``language`` when it is written in it (word for word what
    the agreement showed, in the peer's language), otherwise the one the agreement showed.

    ``published_by``: when the agreement was recorded. A translation published after it was never
    there to be read with the peer, so it is not shown as what they agreed.
    """
    if language == threshold.language or language not in LANGUAGES:
        return threshold
    translated = SharingThreshold.objects.filter(
        organisation_id=threshold.organisation_id, version=threshold.version, language=language
    )
    if published_by is not None:
        translated = translated.filter(published_at__lte=published_by)
    return translated.first() or threshold


def next_threshold_version(organisation: Organisation) -> int:
    latest = SharingThreshold.objects.filter(organisation=organisation).aggregate(v=Max("version"))["v"]
    return (latest or 0) + 1


@transaction.atomic
def publish_threshold(*, organisation: Organisation, by: Membership, version: int, language: str, body: str):
    """Publish the threshold's wording. Published wording is frozen: new wording is a new version."""
    if language not in LANGUAGES:
        raise AgreementError(_("Choose one of the languages offered."))
    if SharingThreshold.objects.filter(organisation=organisation, version=version, language=language).exists():
        raise AgreementError(_("That version already exists in that language."))
    try:
        with transaction.atomic():  # two admins at once: the constraint answers the second
            threshold = SharingThreshold.objects.create(
                organisation=organisation, version=version, language=language, body=body, published_by=by.user
            )
    except IntegrityError as error:
        raise AgreementError(_("That version already exists in that language.")) from error
    audit(by.user, Action.CREATE, threshold)
    return threshold


# --- Agreements ---------------------------------------------------------------------------------


def in_force(assignment: Assignment) -> SupportAgreement | None:
    """The newest version: the one in force."""
    return SupportAgreement.objects.filter(assignment=assignment).select_related("threshold", "recorded_by").first()


def versions(assignment: Assignment):
    return SupportAgreement.objects.filter(assignment=assignment).select_related("recorded_by")


@dataclass(frozen=True)
class Terms:
    """What was agreed, as the form (or a command, or the demo) gives it."""

    how_often: str
    review_on: date
    agreed_on: date | None = None
    channels: tuple[str, ...] = ()
    never_channels: tuple[str, ...] = ()
    contact_notes: str = ""
    contact_hours: str = ""
    out_of_hours: str = ""
    agreed_times: tuple[str, ...] = ()
    supporter_story: str = "not_decided"
    peer_experience: str = "not_decided"
    sharing_notes: str = ""
    crisis_contact: str = ""
    other_notes: str = ""


def check_terms(terms: Terms) -> None:
    if (
        terms.how_often not in HowOften.values
        or terms.supporter_story not in OwnStory.values
        or terms.peer_experience not in PeerExperience.values
    ):
        raise AgreementError(_("Choose from the answers offered."))
    if set(terms.channels) & set(terms.never_channels):
        raise AgreementError(_("A way of being in touch cannot be both used and never used."))
    if not set(terms.channels) | set(terms.never_channels) <= set(Channel.values):
        raise AgreementError(_("Choose from the ways of being in touch offered."))
    if not set(terms.agreed_times) <= set(SLOTS):
        raise AgreementError(_("Choose from the times offered."))
    today = timezone.localdate()
    if terms.agreed_on is not None and terms.agreed_on > today:
        raise AgreementError(_("The day it was agreed is in the future."))
    if terms.review_on < (terms.agreed_on or today):
        raise AgreementError(_("The review date is before the day it was agreed."))


@transaction.atomic
def record_agreement(
    *,
    assignment: Assignment,
    by: Membership,
    terms: Terms,
    threshold: SharingThreshold,
    after_version: int | None = None,
) -> SupportAgreement:
    """Record a new version of the agreement on ``assignment``. Earlier versions stay as they were.

    ``after_version``: the version in force when the form was opened (0 for none). When another has
    been saved since (the same form sent twice, or two pages open), nothing is saved.
    """
    if assignment.kind != AssignmentKind.PEER_SUPPORT or not assignment.is_current:
        raise AgreementError(_("An agreement is made on a peer support that is going on now."))
    if assignment.worker_id != by.pk:
        raise AgreementError(_("Only the peer's own peer supporter records their agreement."))
    if threshold.organisation_id != assignment.organisation_id:
        raise AgreementError(_("That threshold belongs to another organisation."))
    check_terms(terms)
    # Lock the assignment so that two saves at once cannot both write the same version number.
    Assignment.objects.select_for_update().filter(pk=assignment.pk).first()
    latest = SupportAgreement.objects.filter(assignment=assignment).aggregate(v=Max("version"))["v"] or 0
    if after_version is not None and after_version != latest:
        raise AgreementError(
            _(
                "A new version was saved while this page was open (perhaps this one, sent twice). "
                "Look at the agreement in force before saving again."
            )
        )
    values = {name: getattr(terms, name) for name in Terms.__dataclass_fields__}
    values["channels"], values["never_channels"] = list(terms.channels), list(terms.never_channels)
    values["agreed_times"] = [slot for slot in SLOTS if slot in set(terms.agreed_times)]
    values["agreed_on"] = terms.agreed_on or timezone.localdate()
    try:
        with transaction.atomic():
            agreement = SupportAgreement.objects.create(
                organisation_id=assignment.organisation_id,
                peer_id=assignment.peer_id,
                assignment=assignment,
                version=latest + 1,
                threshold=threshold,
                recorded_by=by.user,
                **values,
            )
    except IntegrityError as error:
        raise AgreementError(_("Someone saved a new version at the same moment. Look again and save.")) from error
    audit(by.user, Action.CREATE, agreement, reason=f"version {agreement.version}")
    return agreement


def agreements_of(peer: Peer):
    """Every version of every agreement of this peer, oldest first (their copy of their record)."""
    return (
        SupportAgreement.objects.filter(peer=peer)
        .select_related("threshold", "recorded_by", "assignment__worker__user")
        .order_by("assignment_id", "version")
    )
