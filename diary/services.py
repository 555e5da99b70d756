"""The diary: planning, moving, cancelling meetings and saying how they went; each member's reminders
and calendar feed. The only code that changes the diary's rows: each checks, writes in a transaction
and audits.

Reminders: a meeting keeps when its reminder is due (``remind_at``, from its time and the worker's
chosen lead). Planning, moving or cancelling it, or changing the lead, sets that again (empty for a
cancelled meeting). The email is a django-tasks task queued to run at that moment (on a backend that
can defer; ``send_due_reminders`` sweeps for the others); the task asks the meeting again when it
runs and sends nothing unless it is still planned, on a current assignment, and due at the moment
the task was queued for, so a moved or cancelled meeting's old task is a no-op.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django_tasks import task

from audit.log import audit
from audit.models import Action
from organisations.models import Membership
from organisations.tenancy import all_organisations, organisation_scope
from people.models import Assignment

from .choices import OUTCOMES, FeedDetail, Kind, ReminderLead, Status
from .models import LONGEST_MEETING, DiarySettings, Meeting

LEADS = {ReminderLead.HOUR: timedelta(hours=1), ReminderLead.DAY: timedelta(days=1)}
FEED_FROM = timedelta(days=14)  # the feed shows meetings from two weeks ago on


class DiaryError(ValueError):
    pass


@dataclass(frozen=True)
class Plan:
    """A meeting as the form (or the demo, or a command) gives it."""

    starts_at: datetime
    minutes: int = 60
    kind: str = Kind.MEETING
    place: str = ""
    note: str = ""


def check_plan(plan: Plan) -> None:
    if plan.kind not in Kind.values:
        raise DiaryError(_("Choose from the kinds offered."))
    if not 5 <= plan.minutes <= LONGEST_MEETING:
        raise DiaryError(_("A meeting lasts between 5 minutes and 12 hours."))
    if timezone.is_naive(plan.starts_at):
        raise DiaryError(_("Say when, with a time."))
    if plan.starts_at <= timezone.now():
        raise DiaryError(_("This time has passed. Choose a time still to come."))


# --- Settings and reminders ---------------------------------------------------------------------


def settings_of(membership: Membership) -> DiarySettings:
    """This member's diary settings (their defaults when they have chosen nothing yet; not saved)."""
    found = DiarySettings.objects.filter(membership=membership).first()
    return found or DiarySettings(organisation_id=membership.organisation_id, membership=membership)


def _saved_settings(membership: Membership) -> DiarySettings:
    found, _created = DiarySettings.objects.select_for_update().get_or_create(
        membership=membership, defaults={"organisation_id": membership.organisation_id}
    )
    return found


def remind_at_for(starts_at: datetime, lead: str, *, now: datetime | None = None) -> datetime | None:
    """When to remind of a meeting at ``starts_at``: none without a lead, and none once that moment
    has passed (a meeting planned for within the hour needs no reminder of itself)."""
    if lead not in LEADS:
        return None
    due = starts_at - LEADS[ReminderLead(lead)]
    return due if due > (now or timezone.now()) else None


def _queue_reminder(meeting: Meeting) -> None:
    """Queue the reminder's email for when it is due (after the transaction commits)."""
    if meeting.remind_at is None:
        return
    if not send_meeting_reminder.get_backend().supports_defer:
        return  # send_due_reminders sends it when it is due
    due, pk = meeting.remind_at, meeting.pk
    transaction.on_commit(lambda: send_meeting_reminder.using(run_after=due).enqueue(pk, due.isoformat()))


def _set_reminder(meeting: Meeting, lead: str) -> None:
    due = remind_at_for(meeting.starts_at, lead) if meeting.is_planned else None
    if due != meeting.remind_at:
        meeting.remind_at, meeting.reminded_at = due, None
        _queue_reminder(meeting)


@transaction.atomic
def choose_settings(*, membership: Membership, reminder_lead: str, feed_detail: str) -> DiarySettings:
    """Save this member's choices; their planned meetings' reminders follow the new lead."""
    if reminder_lead not in ReminderLead.values or feed_detail not in FeedDetail.values:
        raise DiaryError(_("Choose from the answers offered."))
    chosen = _saved_settings(membership)
    chosen.reminder_lead, chosen.feed_detail = reminder_lead, feed_detail
    chosen.save(update_fields=["reminder_lead", "feed_detail"])
    changed = []
    for meeting in Meeting.objects.filter(
        assignment__in=Assignment.objects.current().filter(worker=membership),
        status=Status.PLANNED,
        starts_at__gt=timezone.now(),
    ).only("pk", "starts_at", "status", "remind_at", "reminded_at", "organisation_id"):
        before = meeting.remind_at
        _set_reminder(meeting, reminder_lead)
        if meeting.remind_at != before:
            changed.append(meeting)
    Meeting.objects.bulk_update(changed, ["remind_at", "reminded_at"], batch_size=500)
    audit(membership.user, Action.UPDATE, chosen)
    return chosen


def hash_feed_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def renew_feed(*, membership: Membership) -> str:
    """A new private address for this member's calendar feed; the old one stops at once. Returns the
    token, which is shown once and never stored (only its hash is)."""
    chosen = _saved_settings(membership)
    token = secrets.token_urlsafe(32)
    chosen.feed_token_hash, chosen.feed_made_at = hash_feed_token(token), timezone.now()
    chosen.save(update_fields=["feed_token_hash", "feed_made_at"])
    audit(membership.user, Action.UPDATE, chosen, reason="calendar feed renewed")
    return token


@transaction.atomic
def stop_feed(*, membership: Membership) -> None:
    chosen = _saved_settings(membership)
    chosen.feed_token_hash, chosen.feed_made_at = None, None
    chosen.save(update_fields=["feed_token_hash", "feed_made_at"])
    audit(membership.user, Action.UPDATE, chosen, reason="calendar feed stopped")


# --- Meetings -----------------------------------------------------------------------------------


def _lead_of(membership: Membership) -> str:
    return DiarySettings.objects.filter(membership=membership).values_list("reminder_lead", flat=True).first() or ""


def _check_worker(assignment: Assignment, by: Membership) -> None:
    if assignment.worker_id != by.pk or not assignment.is_current:
        raise DiaryError(_("Only the person working with the peer now plans their meetings."))
    if assignment.peer.is_erased:
        raise DiaryError(_("This record has been erased."))


@transaction.atomic
def plan_meeting(*, assignment: Assignment, by: Membership, plan: Plan) -> Meeting:
    _check_worker(assignment, by)
    check_plan(plan)
    meeting = Meeting(
        organisation_id=assignment.organisation_id,
        peer_id=assignment.peer_id,
        assignment=assignment,
        kind=plan.kind,
        starts_at=plan.starts_at,
        minutes=plan.minutes,
        place=plan.place,
        note=plan.note,
        planned_by=by.user,
        remind_at=remind_at_for(plan.starts_at, _lead_of(by)),
    )
    meeting.save()
    _queue_reminder(meeting)
    audit(by.user, Action.CREATE, meeting)
    return meeting


def _locked(meeting: Meeting, by: Membership) -> Meeting:
    locked = Meeting.objects.select_for_update().select_related("assignment__peer").get(pk=meeting.pk)
    _check_worker(locked.assignment, by)
    return locked


@transaction.atomic
def move_meeting(*, meeting: Meeting, by: Membership, plan: Plan) -> Meeting:
    """A new time (and length, kind, place or note) for a planned meeting; its reminder follows."""
    meeting = _locked(meeting, by)
    if not meeting.is_planned:
        raise DiaryError(_("Only a planned meeting can be moved. Plan a new one instead."))
    check_plan(plan)
    meeting.starts_at, meeting.minutes, meeting.kind = plan.starts_at, plan.minutes, plan.kind
    meeting.place, meeting.note = plan.place, plan.note
    _set_reminder(meeting, _lead_of(by))
    meeting.save()
    audit(by.user, Action.UPDATE, meeting, reason="moved")
    return meeting


@transaction.atomic
def cancel_meeting(*, meeting: Meeting, by: Membership) -> Meeting:
    """Kept, marked cancelled; no reminder is sent for it."""
    meeting = _locked(meeting, by)
    if not meeting.is_planned:
        raise DiaryError(_("Only a planned meeting can be cancelled."))
    meeting.status, meeting.remind_at = Status.CANCELLED, None
    meeting.save(update_fields=["status", "remind_at", "changed_at"])
    audit(by.user, Action.UPDATE, meeting, reason="cancelled")
    return meeting


@transaction.atomic
def record_outcome(*, meeting: Meeting, by: Membership, status: str) -> Meeting:
    """Once its time has come: it happened, or it did not take place (no reason asked)."""
    meeting = _locked(meeting, by)
    if status not in OUTCOMES:
        raise DiaryError(_("Choose from the answers offered."))
    if meeting.status == Status.CANCELLED:
        raise DiaryError(_("This meeting was cancelled."))
    if meeting.starts_at > timezone.now():
        raise DiaryError(_("This meeting has not started yet."))
    meeting.status, meeting.remind_at = status, None
    meeting.save(update_fields=["status", "remind_at", "changed_at"])
    audit(by.user, Action.UPDATE, meeting, reason=status)
    return meeting


# --- Reading ------------------------------------------------------------------------------------


def week_start(day) -> datetime:
    """Monday 00:00 of ``day``'s week, in the organisation's time zone."""
    monday = day - timedelta(days=day.weekday())
    return timezone.make_aware(datetime.combine(monday, datetime.min.time()))


def this_week_and_next(meetings: QuerySet[Meeting]) -> tuple[QuerySet[Meeting], datetime]:
    """The meetings from Monday of this week to the end of next week, earliest first."""
    start = week_start(timezone.localdate())
    return (
        meetings.filter(starts_at__gte=start, starts_at__lt=start + timedelta(weeks=2))
        .select_related("peer", "assignment__worker__user")
        .order_by("starts_at", "pk"),
        start,
    )


def meetings_of(peer) -> QuerySet[Meeting]:
    """Every meeting of this peer, oldest first (their copy of their record)."""
    return Meeting.objects.filter(peer=peer).select_related("assignment__worker__user").order_by("starts_at", "pk")


def record_of(peer) -> list[dict]:
    """The peer's meetings and appointments for their copy of their record: everything we hold."""
    return [
        {
            "with": str(m.assignment.worker.user) if m.assignment.worker else None,
            "what": str(m.get_kind_display()),
            "when": m.starts_at.isoformat(),
            "how_long": m.minutes,
            "where": m.place,
            "notes": m.note,
            "how_it_went": str(m.get_status_display()),
        }
        for m in meetings_of(peer)
    ]


def forget_peer(peer) -> None:
    """Erasure: a peer's meetings go (when, where and with whom is not counted)."""
    Meeting.objects.filter(peer=peer).delete()


def feed_for(token: str) -> tuple[DiarySettings, list[Meeting]] | None:
    """The member whose feed this token opens, and their own meetings on their current assignments
    (cancelled ones left out), from two weeks ago; None for a token that opens nothing.

    Opens the organisation's scope itself: the feed is asked for without a session.
    """
    if not token or len(token) > 100:
        return None
    with all_organisations():
        chosen = (
            DiarySettings.objects.filter(
                feed_token_hash=hash_feed_token(token), membership__is_active=True, membership__user__is_active=True
            )
            .select_related("membership__organisation", "membership__user")
            .first()
        )
    if chosen is None:
        return None
    membership = chosen.membership
    with organisation_scope(membership.organisation):
        meetings = list(
            Meeting.objects.filter(
                assignment__in=Assignment.objects.current().filter(worker=membership),
                peer__erased_at__isnull=True,
                starts_at__gte=timezone.now() - FEED_FROM,
            )
            .exclude(status=Status.CANCELLED)
            .select_related("peer")
            .only("pk", "kind", "starts_at", "minutes", "place", "status", "changed_at", "peer__chosen_name")
            .order_by("starts_at", "pk")
        )
    return chosen, meetings


# --- The reminder's email -----------------------------------------------------------------------


def reminder_words(meeting: Meeting, *, now: datetime | None = None) -> str:
    """'You have a meeting at 14:00 tomorrow': the time and the day, never who or where."""
    local = timezone.localtime(meeting.starts_at)
    today = timezone.localtime(now or timezone.now()).date()
    time = local.strftime("%H:%M")
    if local.date() == today:
        day = _("today")
    elif local.date() == today + timedelta(days=1):
        day = _("tomorrow")
    else:
        day = _("on %(date)s") % {"date": local.strftime("%d/%m/%Y")}
    if meeting.is_appointment:
        return _("You have an appointment at %(time)s %(day)s.") % {"time": time, "day": day}
    return _("You have a meeting at %(time)s %(day)s.") % {"time": time, "day": day}


def send_reminder(meeting_id: int, due: datetime) -> bool:
    """Email the reminder of this meeting if it is still due at ``due``; at most once. True if sent."""
    with all_organisations(), transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("assignment__worker__user", "peer")
            .filter(pk=meeting_id)
            .first()
        )
        if (
            meeting is None
            or meeting.remind_at != due
            or meeting.reminded_at is not None
            or not meeting.is_planned
            or meeting.peer.is_erased
            or meeting.assignment.worker is None
            or not meeting.assignment.is_current
            or not meeting.assignment.worker.is_active
        ):
            return False
        user = meeting.assignment.worker.user
        with translation.override(user.language or settings.LANGUAGE_CODE):
            body = (
                reminder_words(meeting)
                + "\n\n"
                + _("Your diary: %(link)s") % {"link": settings.SITE_URL.rstrip("/") + reverse("diary:diary")}
                + "\n\n"
                + _("You can change or stop these reminders in your diary settings.")
            )
            subject = _("A reminder from Alongside")
        send_mail(subject=subject, message=body, from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=[user.email])
        meeting.reminded_at = timezone.now()
        meeting.save(update_fields=["reminded_at"])
    return True


@task()
def send_meeting_reminder(meeting_id: int, due: str) -> bool:
    """The queued reminder: the meeting's id and when it was due, nothing about the peer."""
    moment = parse_datetime(due)
    return moment is not None and send_reminder(meeting_id, moment)


def send_due_reminders(*, now: datetime | None = None) -> int:
    """Send every reminder that is due and not sent (for a task backend that cannot defer, and to
    catch up after the worker was down). Returns how many were sent."""
    now = now or timezone.now()
    with all_organisations():
        due = list(
            Meeting.objects.filter(
                remind_at__lte=now, reminded_at__isnull=True, status=Status.PLANNED, starts_at__gt=now
            ).values_list("pk", "remind_at")
        )
    return sum(send_reminder(pk, at) for pk, at in due if at is not None)
