"""Recording, changing and withdrawing consent, and asking what a peer has agreed to *now*."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import audit
from audit.models import Action
from organisations.models import Membership, Organisation, Partner
from people.models import Peer

from .models import ConsentRecord, ConsentText, Purpose


class ConsentError(ValueError):
    pass


def current_text(organisation: Organisation, language: str) -> ConsentText | None:
    """The newest text in the peer's language, or the newest in any language.

    ``language`` may come from the address bar: only one of our languages is looked for (a NUL or a
    huge value never reaches the database).
    """
    texts = ConsentText.objects.filter(organisation=organisation)
    if language in dict(settings.LANGUAGES):
        return texts.filter(language=language).first() or texts.first()
    return texts.first()


def consent_in_force(peer: Peer) -> ConsentRecord | None:
    # Its partners are read when shown (one query then), not fetched for every record page.
    return ConsentRecord.objects.in_force().filter(peer=peer).first()


def has_consent(peer: Peer, purpose: Purpose) -> bool:
    record = consent_in_force(peer)
    return record is not None and record.covers(purpose)


@transaction.atomic
def record_consent(
    *,
    peer: Peer,
    by: Membership,
    text: ConsentText,
    agreed: Iterable[Purpose],
    limits_explained_by: Membership,
    limits_explained_at: datetime,
    partners: Iterable[Partner] = (),
) -> ConsentRecord:
    """Record what the peer agreed to now. Any earlier record stops being in force (it is kept)."""
    agreed = set(agreed)
    partners = list(partners)
    if text.organisation_id != peer.organisation_id:
        raise ConsentError(_("That consent text belongs to another organisation."))
    if any(partner.organisation_id != peer.organisation_id for partner in partners):
        raise ConsentError(_("That partner is not one of this organisation's."))
    if partners and Purpose.SHARE_WITH_PARTNERS not in agreed:
        raise ConsentError(_("Partners can only be named when the peer agrees to sharing."))
    now = timezone.now()
    ConsentRecord.objects.filter(peer=peer, superseded_at__isnull=True).update(superseded_at=now)
    record = ConsentRecord.objects.create(
        organisation_id=peer.organisation_id,
        peer=peer,
        text=text,
        limits_explained_by=limits_explained_by.user,
        limits_explained_at=limits_explained_at,
        recorded_by=by.user,
        **{str(purpose): purpose in agreed for purpose in Purpose},
    )
    record.partners.set(partners, through_defaults={"organisation_id": record.organisation_id})
    if Purpose.SHARE_WITH_PARTNERS not in agreed:
        _end_referral_sharing(peer, by)
    audit(by.user, Action.CONSENT_GIVEN, peer, reason=f"consent record {record.pk}")
    return record


@transaction.atomic
def withdraw_consent(*, peer: Peer, by: Membership, at: datetime | None = None) -> ConsentRecord | None:
    """The peer withdraws: from this moment nothing that depended on their consent may happen."""
    record = consent_in_force(peer)
    if record is None:
        return None
    record.withdrawn_at = at or timezone.now()
    record.withdrawn_recorded_by = by.user
    record.save(update_fields=["withdrawn_at", "withdrawn_recorded_by"])
    _end_referral_sharing(peer, by)
    audit(by.user, Action.CONSENT_WITHDRAWN, peer, reason=f"consent record {record.pk}")
    return record


def _end_referral_sharing(peer: Peer, by: Membership) -> None:
    """No consent to share with partners any more: every referral's link stops, the partners are told."""
    from referrals.services import end_sharing_for_peer  # referrals lean on consent, not the other way

    end_sharing_for_peer(peer, by=by)


def peers_who_agreed_to(purpose: Purpose, *, include_erased: bool = False) -> QuerySet[Peer]:
    """Peers (in the current organisation scope) whose consent in force covers ``purpose``.

    Erased records are left out unless asked for: reports still count them, nobody contacts them.
    """
    in_force = ConsentRecord.objects.in_force().filter(**{str(purpose): True})
    peers = Peer.objects.filter(pk__in=in_force.values("peer_id"))
    return peers if include_erased else peers.filter(erased_at__isnull=True)


def peers_to_contact_for_follow_up() -> QuerySet[Peer]:
    """Who may be contacted for a follow-up survey now. Withdrawal removes a peer at once."""
    return peers_who_agreed_to(Purpose.FOLLOW_UP)


class ConsentTextError(ValueError):
    pass


def next_text_version(organisation: Organisation) -> int:
    latest = ConsentText.objects.filter(organisation=organisation).order_by("-version").first()
    return latest.version + 1 if latest else 1


@transaction.atomic
def publish_text(
    *, organisation: Organisation, by: Membership, version: int, language: str, title: str, body: str
) -> ConsentText:
    """Publish consent wording. Published texts are frozen: new wording is a new version."""
    if ConsentText.objects.filter(organisation=organisation, version=version, language=language).exists():
        raise ConsentTextError(_("That version already exists in that language."))
    text = ConsentText.objects.create(
        organisation=organisation, version=version, language=language, title=title, body=body
    )
    audit(by.user, Action.CREATE, text)
    return text
