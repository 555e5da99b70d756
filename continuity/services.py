"""Endings that can be planned and good, coming back, and cover while a peer supporter is away.

Every change goes through these functions: each checks, writes in one transaction and audits. An
assignment only ever ends through ``people.services.end_assignment``; nothing here deletes one, so
the history of who supported a peer stays whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from absences import services as absences
from absences.models import Absence
from audit.log import audit
from audit.models import Action
from competence.choices import Work
from competence.rules import DIRECT_WORK_STAGES
from competence.services import allowed_ids
from matching.rules import blocked_pairs, may_pair
from organisations.models import Membership
from people import services as people
from people.choices import EndingReason
from people.models import Assignment, AssignmentKind, ContactMethod, Peer, PeerSupporter

from .choices import ComeBackTo
from .models import ClosingConversation, Cover

LANGUAGES = dict(settings.LANGUAGES)


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
    assert assignment.ends_on is not None
    for cover in Cover.objects.filter(covers=assignment, assignment__ends_on__gt=assignment.ends_on).select_related(
        "assignment"
    ):
        _cut_short(cover, by=by, last_day=assignment.ends_on)


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


# --- Cover while a peer supporter is away --------------------------------------------------------


class CoverNotAvailableError(ContinuityError):
    """Some of the chosen cover supporters are not available: nothing was saved."""

    def __init__(self, support_ids: list[int]):
        super().__init__(_("Someone you chose is not available to cover that peer. Nothing has been saved yet."))
        self.support_ids = support_ids


@dataclass
class CoverRow:
    """One peer of the away supporter: their support, the days to cover, and who may cover them."""

    support: Assignment
    starts_on: date
    ends_on: date
    cover: Cover | None = None
    options: list[PeerSupporter] = field(default_factory=list)  # may cover them, suggested first
    suggested: PeerSupporter | None = None
    peers_now: dict[int, int] = field(default_factory=dict)  # how many peers each option supports today

    @property
    def choices(self) -> list[tuple[PeerSupporter, int]]:
        return [(s, self.peers_now.get(s.membership_id, 0)) for s in self.options]

    @property
    def peer(self) -> Peer:
        return self.support.peer


def _window(absence: Absence, support: Assignment, today: date) -> tuple[date, date]:
    """The days of ``support`` to cover: from the first day away (not before today) to the last."""
    starts_on = max(absence.starts_on, support.starts_on, today)
    ends_on = absence.ends_on if support.ends_on is None else min(absence.ends_on, support.ends_on)
    return starts_on, ends_on


def _away_between(organisation_id: int, starts_on: date, ends_on: date) -> set[int]:
    """The members away on any day from ``starts_on`` to ``ends_on`` (absences.services, one query)."""
    return {
        a.member_id
        for a in absences.upcoming(organisation_id, on=starts_on)  # type: ignore[arg-type]
        if a.starts_on <= ends_on
    }


def cover_plan(absence: Absence) -> list[CoverRow]:
    """Each peer the away supporter supports during the absence, the cover arranged for them, and who
    may cover them: peer supporters taking peers (shadowing or active) who are not away then and whom the one pairing check
    (``blocked_pairs``) allows. Suggested first: a shared language, room for another peer, fewest peers.

    A constant number of queries, however many peers and supporters.
    """
    today = timezone.localdate()
    supports = list(
        Assignment.objects.filter(
            worker=absence.member_id,
            kind=AssignmentKind.PEER_SUPPORT,
            starts_on__lte=absence.ends_on,
            peer__erased_at__isnull=True,
        )
        .exclude(ends_on__lt=max(absence.starts_on, today))
        .select_related("peer", "worker__user")
        .order_by("peer__chosen_name", "pk")
    )
    rows = []
    for support in supports:
        starts_on, ends_on = _window(absence, support, today)
        if starts_on <= ends_on:
            rows.append(CoverRow(support, starts_on, ends_on))
    if not rows:
        return rows
    covers = Cover.objects.filter(absence=absence, covers__in=[r.support for r in rows]).select_related(
        "assignment__worker__user"
    )
    by_support = {c.covers_id: c for c in covers if c.assignment.ends_on is not None and c.assignment.ends_on >= today}
    supporters = list(
        PeerSupporter.objects.filter(
            organisation_id=absence.organisation_id, membership__is_active=True, stage__in=DIRECT_WORK_STAGES
        )  # competence decides below; only these stages can ever do direct work
        .exclude(membership=absence.member_id)
        .select_related("membership__user")
        .order_by("membership__user__display_name", "pk")
    )
    # Cover is one-to-one work on their own with someone else's peer: competence.rules.may_do says who may.
    alone = allowed_ids(supporters, Work.ONE_TO_ONE_ALONE)
    supporters = [s for s in supporters if s.pk in alone]
    absences_by_member: dict[int, list[Absence]] = {}
    for other in absences.upcoming(absence.organisation_id, on=today):  # type: ignore[arg-type]
        absences_by_member.setdefault(other.member_id, []).append(other)
    blocked = blocked_pairs([r.peer for r in rows], supporters)
    caseloads = people.current_caseloads(s.membership_id for s in supporters)
    for row in rows:
        row.cover = by_support.get(row.support.pk)
        languages = set(row.peer.languages)

        def free(s: PeerSupporter, row: CoverRow = row) -> bool:
            return not any(
                a.starts_on <= row.ends_on and a.ends_on >= row.starts_on
                for a in absences_by_member.get(s.membership_id, ())
            )

        row.options = [s for s in supporters if (row.peer.pk, s.pk) not in blocked and free(s)]

        def order(s: PeerSupporter, languages: set[str] = languages) -> tuple[bool, bool, int]:
            n = caseloads.get(s.membership_id, 0)
            return (not (languages & set(s.languages)), n >= s.capacity, n)

        row.options.sort(key=order)
        row.peers_now = {s.membership_id: caseloads.get(s.membership_id, 0) for s in row.options}
        row.suggested = next((s for s, n in row.choices if n < s.capacity), None)
    return rows


@transaction.atomic
def arrange_cover(absence: Absence, *, picks: dict[int, PeerSupporter | None], by: Membership) -> list[Cover]:
    """Name a cover supporter for each peer of the away supporter (``picks``: their peer support's id
    to the supporter chosen, or None for no cover). A choice the pairing check refuses, or someone
    away then, is "not available": then nothing is saved. Choosing someone else replaces the cover.
    """
    Absence.objects.select_for_update().filter(pk=absence.pk).first()
    plan = {row.support.pk: row for row in cover_plan(absence)}
    refused = []
    for support_id, supporter in picks.items():
        row = plan.get(support_id)
        if row is None:
            raise ContinuityError(_("That peer is not one of theirs during this absence."))
        if supporter is not None and supporter.pk not in {s.pk for s in row.options}:
            refused.append(support_id)
    if refused:
        raise CoverNotAvailableError(refused)
    made = []
    for support_id, supporter in picks.items():
        row = plan[support_id]
        if row.cover is not None:
            if supporter is not None and row.cover.assignment.worker_id == supporter.membership_id:
                continue  # the same cover as before
            _withdraw(row.cover, by=by)
        if supporter is None:
            continue
        try:
            # people.assign asks the pairing check again: an exclusion recorded this instant wins.
            assignment = people.assign(
                peer=row.peer,
                worker=supporter.membership,
                by=by,
                kind=AssignmentKind.COVER,
                starts_on=row.starts_on,
                ends_on=row.ends_on,
                reason=_("Cover while their peer supporter is away."),
            )
        except people.AssignmentError as error:
            raise CoverNotAvailableError([support_id]) from error
        cover = Cover.objects.create(
            organisation_id=absence.organisation_id,
            peer=row.peer,
            assignment=assignment,
            covers=row.support,
            absence=absence,
            arranged_by=by.user,
        )
        audit(by.user, Action.CREATE, cover)
        made.append(cover)
    return made


def _withdraw(cover: Cover, *, by: Membership | None) -> None:
    """Take a cover off: one that has not begun never happened (its row goes, the audit log keeps that
    it was); one that has begun ends yesterday, or today if it began today."""
    today = timezone.localdate()
    if cover.assignment.starts_on > today:
        audit(by.user if by else None, Action.DELETE, cover.assignment, reason="cover taken off before it began")
        cover.assignment.delete()  # and its Cover
    else:
        people.end_assignment(cover.assignment, by=by, on=today - timedelta(days=1))


def _cut_short(cover: Cover, *, by: Membership | None, last_day: date) -> None:
    if last_day < cover.assignment.starts_on:
        _withdraw(cover, by=by)
    else:
        people.end_assignment(cover.assignment, by=by, on=last_day)


@transaction.atomic
def follow_absence(absence: Absence, *, by: Membership | None = None, cancelled: bool = False) -> None:
    """The absence's dates changed (or it was taken off): its covers follow.

    - Back early: each cover ends on the new last day (one that has not begun is taken off); cancelled,
      a cover that has begun ends yesterday (today if it began today).
    - Away longer: each cover runs to the new last day if the pairing check still allows it and the
      cover supporter is not away then themselves; otherwise it ends as arranged, and the cover page
      shows those peers without cover for the extra days.
    - A cover that has not begun moves with a later first day.
    The peer was told the old dates: their record and the cover page say to tell them the new ones.
    """
    today = timezone.localdate()
    covers = Cover.objects.filter(absence=absence, assignment__ends_on__gte=today).select_related(
        "assignment__worker__supporter_profile", "covers", "peer"
    )
    for cover in covers:
        cover_assignment, support = cover.assignment, cover.covers
        if cancelled:
            _withdraw(cover, by=by)
            continue
        starts_on, ends_on = _window(absence, support, today)
        if cover_assignment.starts_on <= today:
            starts_on = cover_assignment.starts_on  # begun: its first day is history
        if ends_on < starts_on:
            _withdraw(cover, by=by)
            continue
        if cover_assignment.starts_on != starts_on:
            cover_assignment.starts_on = starts_on
            cover_assignment.save(update_fields=["starts_on"])
        arranged_end = cover_assignment.ends_on
        assert arranged_end is not None, "cover always has a last day (people.services.assign)"
        if ends_on > arranged_end:
            worker = cover_assignment.worker
            supporter = getattr(worker, "supporter_profile", None)
            away = _away_between(absence.organisation_id, arranged_end + timedelta(days=1), ends_on)
            if (
                worker is None
                or supporter is None
                or not worker.is_active
                or supporter.pk not in allowed_ids([supporter], Work.ONE_TO_ONE_ALONE)
                or cover_assignment.worker_id in away
                or not may_pair(cover.peer, supporter)
            ):
                continue  # ends as arranged; the cover page shows the days left without cover
        if ends_on != cover_assignment.ends_on:
            people.end_assignment(cover_assignment, by=by, on=ends_on)


def cover_message(cover: Cover, language: str) -> str:
    """What the peer is told, in plain words, in their language. It names nobody but the two peer
    supporters, and says nothing of what the support is about (a phone can be seen by others)."""
    away = cover.covers.worker.user.display_name if cover.covers.worker else ""
    covering = cover.assignment.worker.user.display_name if cover.assignment.worker else ""
    with translation.override(language if language in LANGUAGES else settings.LANGUAGE_CODE):
        return _(
            "Hello. %(away)s is away from %(start)s to %(end)s. While they are away, %(cover)s is there for "
            "you: you can reach %(cover)s in the same way as before. %(away)s will be back after that."
        ) % {
            "away": away,
            "cover": covering,
            "start": formats.date_format(cover.assignment.starts_on, "j F"),
            "end": formats.date_format(cover.assignment.ends_on or cover.assignment.starts_on, "j F"),
        }


def peers_language(peer: Peer, fallback: str) -> str:
    first = peer.languages[0] if peer.languages else ""
    return first if first in LANGUAGES else fallback


@transaction.atomic
def record_told(cover: Cover, *, by: Membership, method: ContactMethod, language: str) -> Cover:
    """The peer was told who covers, through one of their safe channels, in their language."""
    if method.peer_id != cover.peer_id or not method.is_safe:
        raise ContinuityError(_("Choose one of the ways of reaching them that they marked as safe."))
    if language not in LANGUAGES:
        raise ContinuityError(_("Choose one of the languages offered."))
    cover.message = cover_message(cover, language)
    cover.told_at = timezone.now()
    cover.told_by = by.user
    cover.told_channel = method.channel
    cover.told_language = language
    cover.told_until = cover.assignment.ends_on
    cover.save(update_fields=["message", "told_at", "told_by", "told_channel", "told_language", "told_until"])
    audit(by.user, Action.UPDATE, cover, reason="peer told")
    return cover


def covers_of(peer: Peer):
    return Cover.objects.filter(peer=peer).select_related("assignment__worker__user", "covers__worker__user")


# --- Data rights ----------------------------------------------------------------------------------


def forget_peer(peer: Peer) -> None:
    """For erasure: the closing conversations and the cover notes go (nothing in them is counted). The
    assignments themselves, covers included, are erased with the others (their kind and months)."""
    ClosingConversation.objects.filter(peer=peer).delete()
    Cover.objects.filter(peer=peer).delete()


def record_of(peer: Peer) -> dict:
    """Endings and cover, for the peer's copy of their record (datarights)."""
    endings = (
        Assignment.objects.filter(peer=peer, kind=AssignmentKind.PEER_SUPPORT, ends_on__isnull=False)
        .select_related("worker__user", "closing_conversation__recorded_by")
        .order_by("starts_on", "pk")
    )

    def conversation(a: Assignment) -> dict | None:
        c = getattr(a, "closing_conversation", None)
        if c is None:
            return None
        return {
            "had_on": c.had_on.isoformat(),
            "in_their_words": c.in_their_words,
            "if_they_come_back": str(c.get_come_back_to_display()),
            "anything_else_if_they_come_back": c.if_they_come_back,
            "recorded_by": str(c.recorded_by) if c.recorded_by else None,
        }

    return {
        "endings": [
            {
                "with": str(a.worker.user) if a.worker else None,
                "ends_on": a.ends_on.isoformat() if a.ends_on else None,
                "why": str(a.get_ending_reason_display()) if a.ending_reason else None,
                "closing_conversation": conversation(a),
            }
            for a in endings
        ],
        "cover_while_their_peer_supporter_was_away": [
            {
                "cover": str(c.assignment.worker.user) if c.assignment.worker else None,
                "for": str(c.covers.worker.user) if c.covers.worker else None,
                "from": c.assignment.starts_on.isoformat(),
                "until": c.assignment.ends_on.isoformat() if c.assignment.ends_on else None,
                "told_on": c.told_at.isoformat() if c.told_at else None,
                "told_by_way_of": str(c.get_told_channel_display()) if c.told_channel else None,
                "what_they_were_told": c.message,
            }
            for c in covers_of(peer).order_by("pk")
        ],
    }
