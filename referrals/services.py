"""Every change to a referral goes through these functions: make it, answer it (a member, or the partner
by their link), send a new link, and end the sharing (taken back, consent withdrawn, erased).

The partner's link is single-use: each answer the partner sends (acknowledged, a first appointment,
the outcome) uses the link it came through, and the answer page issues the next one (shown on that
page once, and emailed), until the outcome, after which there is none. Opening a link (GET) uses
nothing, so a mail scanner that follows it does not spend it. Only a link's hash is stored; the link
itself reaches the email task sealed with the encryption keys. Emails hold the link and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from audit.log import audit
from audit.models import Action
from encryption.fields import decrypt, encrypt
from encryption.registry import EncryptedValues, Rewrite
from organisations.models import Membership, Partner
from organisations.tenancy import all_organisations
from people.models import ContactMethod, Peer

from . import shareable
from .models import (
    EndedBecause,
    Outcome,
    PartnerLink,
    Referral,
    SharedItem,
    Status,
    Step,
    StepKind,
    WarmHandoff,
    hash_token,
    new_link_token,
)

LINK_LIFETIME = timedelta(days=14)
ACKNOWLEDGE_WITHIN_DAYS = 7
OUTCOME_WITHIN_DAYS = 42


class ReferralError(ValueError):
    pass


NOT_NOW = gettext_lazy("That step cannot be recorded now: look at where the referral is.")


# --- Making a referral ----------------------------------------------------------------------------


def _check_items(peer: Peer, codes: set[str], contact_method: ContactMethod | None) -> None:
    if not codes:
        raise ReferralError(_("Choose at least one detail they agree to share."))
    if not codes <= set(shareable.CODES):
        raise ReferralError(_("Choose from the details offered."))
    if "contact" in codes:
        if contact_method is None:
            raise ReferralError(_("Choose the one way to reach them that they agree to share."))
        if contact_method.peer_id != peer.pk or not contact_method.is_safe:
            raise ReferralError(_("Choose one of their safe ways to get in touch."))


@transaction.atomic
def make_referral(
    *,
    peer: Peer,
    by: Membership,
    partner: Partner,
    partner_email: str,
    asked: str,
    items: Iterable[str],
    explained_at: datetime,
    base_url: str,
    contact_method: ContactMethod | None = None,
    note_for_partner: str = "",
    warm_handoff: str = WarmHandoff.NONE,
    acknowledge_by: date | None = None,
    outcome_by: date | None = None,
) -> tuple[Referral, str]:
    """Record the referral and what the peer agreed to share, and send the partner their link.

    ``by`` explained to the peer which details go to the partner, at ``explained_at``. Returns the
    referral and the link (which only the email carries).
    """
    codes = set(items)
    if peer.erased_at is not None or partner.organisation_id != peer.organisation_id:
        raise ReferralError(_("That partner is not one of this organisation's."))
    _check_items(peer, codes, contact_method)
    if warm_handoff not in WarmHandoff.values:
        raise ReferralError(_("Choose from the answers offered."))
    if explained_at > timezone.now() + timedelta(minutes=5):
        raise ReferralError(_("The time it was explained is in the future."))
    if not asked.strip():
        raise ReferralError(_("Say what is asked of the partner."))
    today = timezone.localdate()
    acknowledge_by = acknowledge_by or today + timedelta(days=ACKNOWLEDGE_WITHIN_DAYS)
    outcome_by = outcome_by or today + timedelta(days=OUTCOME_WITHIN_DAYS)
    if acknowledge_by < today or outcome_by < acknowledge_by:
        raise ReferralError(_("The dates to hear back by must be from today, the outcome after the acknowledgement."))
    referral = Referral.objects.create(
        organisation_id=peer.organisation_id,
        peer=peer,
        partner=partner,
        partner_email=partner_email.strip(),
        asked=asked,
        note_for_partner=note_for_partner,
        contact_method=contact_method if "contact" in codes else None,
        warm_handoff=warm_handoff,
        made_by=by.user,
        explained_by=by.user,
        explained_at=explained_at,
        acknowledge_by=acknowledge_by,
        outcome_by=outcome_by,
    )
    SharedItem.objects.bulk_create(
        [
            SharedItem(organisation_id=peer.organisation_id, referral=referral, code=code)
            for code in shareable.CODES
            if code in codes
        ]
    )
    _step(referral, StepKind.SENT, by=by)
    link = _issue_link(referral, base_url)
    audit(by.user, Action.CREATE, referral, reason=f"peer {peer.pk}")
    return referral, link


def _step(referral: Referral, kind: str, *, by: Membership | None = None, on=None, outcome="") -> Step:
    return Step.objects.create(
        organisation_id=referral.organisation_id,
        referral=referral,
        kind=kind,
        on=on,
        outcome=outcome,
        by=by.user if by else None,
        by_partner=by is None,
    )


# --- The partner's link ---------------------------------------------------------------------------


def link_url(base_url: str, token: str) -> str:
    return base_url.rstrip("/") + reverse("referrals:partner_link", args=[token])


def _issue_link(referral: Referral, base_url: str) -> str:
    """Close the referral's open links, make a new one and queue its email. Returns the link."""
    now = timezone.now()
    PartnerLink.objects.filter(referral=referral, used_at__isnull=True, closed_at__isnull=True).update(closed_at=now)
    token = new_link_token()
    link = PartnerLink.objects.create(
        organisation_id=referral.organisation_id,
        referral=referral,
        token_hash=hash_token(token),
        expires_at=now + LINK_LIFETIME,
    )
    address = link_url(base_url, token)
    sealed = encrypt(address)
    transaction.on_commit(lambda: send_partner_link.enqueue(link.pk, sealed))
    return address


@transaction.atomic
def send_new_link(referral: Referral, *, by: Membership, base_url: str) -> str:
    """The partner lost the link or it expired: a new one (the old ones stop)."""
    referral = _locked(referral)
    if not referral.is_sharing:
        raise ReferralError(_("Sharing with the partner has ended: there is no link to send."))
    _step(referral, StepKind.NEW_LINK, by=by)
    audit(by.user, Action.UPDATE, referral, reason="new partner link")
    return _issue_link(referral, base_url)


def find_link(token: str) -> PartnerLink | None:
    """The link this token is (whatever its state), with its referral. Any organisation: the token is
    the only key. A token of the wrong shape is no link, and no query."""
    if not token or len(token) > 100:
        return None
    with all_organisations():
        return (
            PartnerLink.objects.select_related("referral__organisation", "referral__partner")
            .filter(token_hash=hash_token(token))
            .first()
        )


def link_is_live(link: PartnerLink | None) -> bool:
    """Open, its referral still sharing, and its peer not erased."""
    return (
        link is not None
        and link.is_open
        and link.referral.is_sharing
        and not Peer.objects.filter(pk=link.referral.peer_id, erased_at__isnull=False).exists()
    )


def partner_view(referral: Referral) -> list[shareable.Shown]:
    """What the partner may see of the peer: the items in force, read now, nothing else."""
    referral = (
        Referral.objects.select_related("peer", "contact_method").prefetch_related("peer__needs").get(pk=referral.pk)
    )
    codes = SharedItem.objects.filter(referral=referral, taken_back_at__isnull=True).values_list("code", flat=True)
    return shareable.shared_details(referral, codes)


def next_answers(referral: Referral) -> list[str]:
    """The steps that may be recorded next, in order."""
    if referral.status == Status.SENT:
        return [StepKind.ACKNOWLEDGED, StepKind.APPOINTMENT, StepKind.OUTCOME]
    if referral.status in (Status.ACKNOWLEDGED, Status.APPOINTMENT):
        return [StepKind.APPOINTMENT, StepKind.OUTCOME]
    return []


def _apply(referral: Referral, kind: str, *, on: date | None, outcome: str, by: Membership | None) -> None:
    if kind not in next_answers(referral):
        raise ReferralError(str(NOT_NOW))
    if kind == StepKind.APPOINTMENT:
        if on is None:
            raise ReferralError(_("Give the date of the first appointment."))
        referral.status, referral.appointment_on = Status.APPOINTMENT, on
    elif kind == StepKind.OUTCOME:
        if outcome not in Outcome.values:
            raise ReferralError(_("Choose the outcome."))
        referral.status, referral.outcome = Status.CLOSED, outcome
    else:
        referral.status = Status.ACKNOWLEDGED
    referral.save(update_fields=["status", "appointment_on", "outcome"])
    _step(referral, kind, by=by, on=on if kind == StepKind.APPOINTMENT else None, outcome=outcome)


def _locked(referral: Referral) -> Referral:
    return Referral.objects.select_for_update().get(pk=referral.pk)


@transaction.atomic
def partner_answers(
    link: PartnerLink, *, kind: str, base_url: str, on: date | None = None, outcome: str = ""
) -> str | None:
    """The partner's answer through ``link``: it uses the link; returns the next one (None after the outcome)."""
    link = PartnerLink.objects.select_for_update().select_related("referral").get(pk=link.pk)
    if not link_is_live(link):
        raise ReferralError(_("This link no longer works."))
    referral = _locked(link.referral)
    _apply(referral, kind, on=on, outcome=outcome, by=None)
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    audit(None, Action.UPDATE, referral, reason=f"partner: {kind}")
    if referral.status == Status.CLOSED:
        _close_links(referral)
        return None
    return _issue_link(referral, base_url)


@transaction.atomic
def record_step(
    referral: Referral, *, by: Membership, kind: str, on: date | None = None, outcome: str = ""
) -> Referral:
    """A member records a step (the partner phoned, or the peer said how it went)."""
    referral = _locked(referral)
    _apply(referral, kind, on=on, outcome=outcome, by=by)
    if referral.status == Status.CLOSED:
        _close_links(referral)
    audit(by.user, Action.UPDATE, referral, reason=kind)
    return referral


def _close_links(referral: Referral) -> bool:
    """Stop every link of the referral; whether one was still open."""
    return bool(PartnerLink.objects.filter(referral=referral, closed_at__isnull=True).update(closed_at=timezone.now()))


# --- Ending the sharing ---------------------------------------------------------------------------


def _end_sharing(referral: Referral, *, because: str, by: Membership | None) -> None:
    referral = _locked(referral)
    if referral.sharing_ended_at is not None:
        return
    was_sharing = referral.status != Status.CLOSED
    referral.sharing_ended_at, referral.sharing_ended_because = timezone.now(), because
    referral.save(update_fields=["sharing_ended_at", "sharing_ended_because"])
    SharedItem.objects.filter(referral=referral, taken_back_at__isnull=True).update(taken_back_at=timezone.now())
    _close_links(referral)
    _step(referral, StepKind.SHARING_ENDED, by=by)
    if was_sharing and referral.partner_email:
        sealed = encrypt(referral.partner_email)
        organisation = str(referral.organisation)
        transaction.on_commit(lambda: send_sharing_ended.enqueue(organisation, sealed))


@transaction.atomic
def take_back(referral: Referral, *, by: Membership, codes: Iterable[str] | None = None) -> Referral:
    """The peer takes back one or more of the details (``codes``), or everything (None).

    Either way the partner's link stops at once and the partner is told that sharing has ended: what
    they were shown is no longer theirs to keep using. (To share less from now on, make a new referral.)
    """
    chosen = set(codes) if codes is not None else None
    if chosen is not None:
        if not chosen or not chosen <= set(shareable.CODES):
            raise ReferralError(_("Choose what they take back."))
        SharedItem.objects.filter(referral=referral, code__in=chosen, taken_back_at__isnull=True).update(
            taken_back_at=timezone.now()
        )
    _end_sharing(referral, because=EndedBecause.TAKEN_BACK, by=by)
    audit(by.user, Action.UPDATE, referral, reason="sharing taken back")
    return Referral.objects.get(pk=referral.pk)


def end_sharing_for_peer(peer: Peer, *, by: Membership | None, because: str = EndedBecause.CONSENT_WITHDRAWN) -> int:
    """Every referral of the peer stops sharing (consent withdrawn, or erasure). Returns how many did."""
    ended = 0
    for referral in Referral.objects.filter(peer=peer, sharing_ended_at__isnull=True):
        _end_sharing(referral, because=because, by=by)
        ended += 1
    return ended


# --- Reading ----------------------------------------------------------------------------------------


def shared_codes(referral: Referral) -> list[str]:
    return list(SharedItem.objects.filter(referral=referral).values_list("code", flat=True))


def steps_of(referral: Referral):
    return Step.objects.filter(referral=referral).select_related("by")


def record_of(peer: Peer) -> list[dict]:
    """The peer's referrals for their copy of their record: where, what was shared, each step."""
    referrals = (
        Referral.objects.filter(peer=peer)
        .select_related("partner")
        .prefetch_related("items", Prefetch("steps", queryset=Step.objects.select_related("by")))
        .order_by("made_at", "pk")
    )
    labels = {item.code: str(item.label) for item in shareable.ITEMS}
    return [
        {
            "partner": referral.partner.name if referral.partner else None,
            "asked": referral.asked,
            "note_for_the_partner": referral.note_for_partner,
            "warm_handoff": str(referral.get_warm_handoff_display()) if referral.warm_handoff else None,
            "made_on": referral.made_at.isoformat(),
            "what_you_agreed_to_share": [
                {
                    "what": labels.get(item.code, item.code),
                    "taken_back_on": item.taken_back_at.isoformat() if item.taken_back_at else None,
                }
                for item in referral.items.all()
            ],
            "explained_on": referral.explained_at.isoformat() if referral.explained_at else None,
            "where_it_is": str(referral.get_status_display()),
            "outcome": str(referral.get_outcome_display()) if referral.outcome else None,
            "sharing_ended_on": referral.sharing_ended_at.isoformat() if referral.sharing_ended_at else None,
            "steps": [
                {
                    "what": str(step.get_kind_display()),
                    "when": step.at.isoformat(),
                    "appointment_on": step.on.isoformat() if step.on else None,
                    "outcome": str(step.get_outcome_display()) if step.outcome else None,
                    "recorded_by": _("the partner") if step.by_partner else (str(step.by) if step.by else None),
                }
                for step in referral.steps.all()
            ],
        }
        for referral in referrals
    ]


def forget_peer(peer: Peer, *, by: Membership) -> None:
    """For erasure: every link stops (the partners are told sharing has ended); what was shared, the
    steps and the links go; each referral keeps how it went (status, outcome, warm handoff) and its months.
    The fields are emptied by ``datarights.services.erase_peer``, which calls this first."""
    end_sharing_for_peer(peer, by=by, because=EndedBecause.ERASED)
    referrals = Referral.objects.filter(peer=peer)
    SharedItem.objects.filter(referral__in=referrals).delete()
    Step.objects.filter(referral__in=referrals).delete()
    PartnerLink.objects.filter(referral__in=referrals).delete()


# --- Emails (through django-tasks) ----------------------------------------------------------------


@task()
def send_partner_link(link_id: int, sealed_link: str) -> None:
    """The link, and nothing about the peer. Not sent when the link stopped in the meantime."""
    with all_organisations():
        link = PartnerLink.objects.select_related("referral__organisation").filter(pk=link_id).first()
        if link is None or not link.is_open or not link.referral.partner_email:
            return
        referral = link.referral
        send_mail(
            subject=_("A referral from %(organisation)s") % {"organisation": referral.organisation},
            message=_(
                "Hello,\n\n%(organisation)s has referred someone to you through Alongside. Open this link to "
                "read what they agreed to share with you, and to tell us when you have it, the date of a first "
                "appointment, and how it went:\n\n%(link)s\n\nThe link works for 14 days and for one answer; "
                "after each answer you are given the next one. Please do not forward it."
            )
            % {"organisation": referral.organisation, "link": decrypt(sealed_link)},
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[referral.partner_email],
        )


@task()
def send_sharing_ended(organisation: str, sealed_address: str) -> None:
    """Sharing has ended: no link, no detail, only that it ended."""
    send_mail(
        subject=_("Sharing has ended: a referral from %(organisation)s") % {"organisation": organisation},
        message=_(
            "Hello,\n\nThe person %(organisation)s referred to you has asked us to stop sharing their details, "
            "or their record has been closed. The link you were sent no longer works. Please do not use the "
            "details you were given any more, and delete any copy you made of them.\n\nThank you."
        )
        % {"organisation": organisation},
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[decrypt(sealed_address)],
    )


def _queued():
    return DBTaskResult.objects.filter(task_path__in=[send_partner_link.module_path, send_sharing_ended.module_path])


def _queued_tokens() -> Iterator[str]:
    for arguments in _queued().values_list("args_kwargs", flat=True).iterator():
        yield arguments["args"][1]


def _rewrite_queued(change: Rewrite) -> int:
    rewritten = 0
    with transaction.atomic():
        for result in _queued().select_for_update().only("args_kwargs"):
            first, sealed = result.args_kwargs["args"]
            result.args_kwargs = {**result.args_kwargs, "args": [first, change(sealed)]}
            result.save(update_fields=["args_kwargs"])
            rewritten += 1
    return rewritten


# The partner links and addresses waiting in the task queue, for key rotation.
QUEUED_PARTNER_LINKS = EncryptedValues(
    "django_tasks_db.DBTaskResult.args_kwargs: partner emails", _queued_tokens, _rewrite_queued
)
