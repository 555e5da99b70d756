"""Endings that can be planned and good, coming back, and cover while a peer supporter is away.

Every change goes through these functions: each checks, writes in one transaction and audits. An
assignment only ever ends through ``people.services.end_assignment``; nothing here deletes one, so
the history of who supported a peer stays whole.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.log import audit
from audit.models import Action
from matching.rules import may_pair
from organisations.models import Membership
from people import services as people
from people.choices import EndingReason
from people.models import Assignment, AssignmentKind, Peer, PeerSupporter

from .choices import ComeBackTo
from .models import ClosingConversation


class ContinuityError(ValueError):
    pass


# --- Endings --------------------------------------------------------------------------------------


def _locked(assignment: Assignment) -> Assignment:
    """The assignment as it is stored now, locked until the transaction ends (two pages at once)."""
    return Assignment.objects.select_for_update().get(pk=assignment.pk)


@transaction.atomic
def plan_ending(assignment: Assignment, *, by: Membership, on: date, reason: str) -> Assignment:
    """Plan when a peer support ends (today or later) and why. Planning again moves the date.

    The support goes on until that day; the peer's record then says the door stays open.
    """
    assignment = _locked(assignment)
    today = timezone.localdate()
    if assignment.kind != AssignmentKind.PEER_SUPPORT:
        raise ContinuityError(_("Only a peer support has an ending planned here."))
    if assignment.ends_on is not None and assignment.ends_on < today:
        raise ContinuityError(_("That support has already ended."))
    if on < today:
        raise ContinuityError(_("An ending is planned for today or a later day."))
    if reason not in EndingReason.values:
        raise ContinuityError(_("Choose one of the reasons offered (or prefer not to say)."))
    ended = people.end_assignment(assignment, by=by, on=on, reason=reason)
    _end_covers_with(ended, by=by)
    return ended


def _end_covers_with(assignment: Assignment, *, by: Membership) -> None:
    """Cover stands in for a support: it never runs past the day that support ends."""
    from .cover import covers_running_past

    for cover in covers_running_past(assignment):
        people.end_assignment(cover, by=by, on=assignment.ends_on)


@transaction.atomic
def record_closing_conversation(
    assignment: Assignment,
    *,
    by: Membership,
    had_on: date,
    in_their_words: str = "",
    come_back_to: str = ComeBackTo.NOT_SAID,
    if_they_come_back: str = "",
) -> ClosingConversation:
    """What was said when the support ended, in the peer's words. Once an ending is planned."""
    assignment = _locked(assignment)
    if assignment.kind != AssignmentKind.PEER_SUPPORT or assignment.ends_on is None:
        raise ContinuityError(_("Plan the ending first; then record the closing conversation."))
    if had_on > timezone.localdate():
        raise ContinuityError(_("The day you talked is in the future."))
    if had_on < assignment.starts_on:
        raise ContinuityError(_("The day you talked is before the support began."))
    if come_back_to not in ComeBackTo.values:
        raise ContinuityError(_("Choose one of the answers offered."))
    conversation, created = ClosingConversation.objects.update_or_create(
        assignment=assignment,
        defaults={
            "organisation_id": assignment.organisation_id,
            "peer_id": assignment.peer_id,
            "had_on": had_on,
            "in_their_words": in_their_words,
            "come_back_to": come_back_to,
            "if_they_come_back": if_they_come_back,
            "recorded_by": by.user,
        },
    )
    audit(by.user, Action.CREATE if created else Action.UPDATE, conversation)
    return conversation


def has_peer_support_now_or_planned(peer: Peer) -> bool:
    today = timezone.localdate()
    return (
        Assignment.objects.filter(peer=peer, kind=AssignmentKind.PEER_SUPPORT, worker__isnull=False)
        .exclude(ends_on__lt=today)
        .exists()
    )


def last_ended_support(peer: Peer) -> Assignment | None:
    """The peer support that ended last, with its closing conversation (if one was recorded)."""
    return (
        Assignment.objects.filter(
            peer=peer, kind=AssignmentKind.PEER_SUPPORT, worker__isnull=False, ends_on__lt=timezone.localdate()
        )
        .select_related("worker__user", "closing_conversation")
        .order_by("-ends_on", "-pk")
        .first()
    )


def suggested_on_return(peer: Peer) -> PeerSupporter | None:
    """The peer supporter they had, when they said they would like the same one if they came back."""
    last = last_ended_support(peer)
    conversation = getattr(last, "closing_conversation", None) if last else None
    if conversation is None or conversation.come_back_to != ComeBackTo.SAME_SUPPORTER:
        return None
    assert last is not None
    supporter = PeerSupporter.objects.filter(membership=last.worker_id, membership__is_active=True).first()
    # Kept apart since (an exclusion, a place): not suggested, and nothing says why.
    return supporter if supporter is not None and may_pair(peer, supporter) else None


@transaction.atomic
def come_back(peer: Peer, *, supporter: PeerSupporter, by: Membership) -> Assignment:
    """The door stays open: a peer whose support ended starts a new one. The old one is kept as it was.

    The one pairing check applies (``people.services.assign``): a pair kept apart is "not available".
    """
    Peer.objects.select_for_update().filter(pk=peer.pk).first()
    if has_peer_support_now_or_planned(peer):
        raise ContinuityError(_("They already have a peer supporter."))
    if supporter.organisation_id != peer.organisation_id:
        raise ContinuityError(_("That person is not available to work with this peer."))
    try:
        assignment = people.assign(
            peer=peer,
            worker=supporter.membership,
            by=by,
            kind=AssignmentKind.PEER_SUPPORT,
            reason=_("Came back after their support ended."),
        )
    except people.AssignmentError as error:
        raise ContinuityError(str(error)) from error
    audit(by.user, Action.UPDATE, peer, reason="came back")
    return assignment
