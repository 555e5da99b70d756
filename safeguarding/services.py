"""Safeguarding: raising a concern and sending it to the right people at once, following it to an
outcome, the on-call rota, and staff safety (flags, aggression, visits checked in and out).

Each function checks, writes in a transaction, audits, and keeps every step of a concern
(``ConcernStep``: what, when, who). Emails are queued as tasks (django-tasks) after the commit and
carry no peer's name and nothing of what happened: only that a concern (or a visit) needs them, and a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from absences.services import away_member_ids
from access.policy import ORGANISATION_WIDE, Do, can, visible_peers
from agreements.models import SharingThreshold
from audit.log import audit
from audit.models import Action
from contacts.access import seen_contacts
from contacts.models import Contact
from organisations.models import Membership, Organisation, Role
from people.models import Peer, PeerSupporter

from .choices import TAKE_WITHIN, Authority, FlagKind, Outcome, PeerTold, Report, RoutedBecause, StepKind, Urgency
from .models import (
    AggressionRecord,
    Concern,
    ConcernAction,
    ConcernRecipient,
    ConcernStep,
    OnCall,
    OnCallDeputy,
    SafetyFlag,
    Visit,
)

TEXT_LIMIT = 4000
# Who may be on the rota: the duty coordinator, and a deputy (who handles concerns).
MAY_BE_DUTY_COORDINATOR = frozenset({Role.ADMIN, Role.COORDINATOR})
MAY_DEPUTISE = frozenset({Role.ADMIN, Role.COORDINATOR, Role.SUPERVISOR})


class SafeguardingError(ValueError):
    """Something that cannot be done, in words for the person doing it."""


def _text(value: str) -> str:
    value = (value or "").strip()
    if len(value) > TEXT_LIMIT:
        raise SafeguardingError(_("Please keep this under 4,000 characters."))
    return value


def _step(concern: Concern, kind: str, by: Membership | None, *, to: Membership | None = None) -> ConcernStep:
    return ConcernStep.objects.create(organisation_id=concern.organisation_id, concern=concern, kind=kind, by=by, to=to)


def _same_organisation(by: Membership, *records) -> None:
    if any(record.organisation_id != by.organisation_id for record in records):
        raise SafeguardingError(_("That belongs to another organisation."))


# --- The on-call rota ---------------------------------------------------------------------------------


def on_call(organisation: Organisation | int, on: date | None = None) -> OnCall | None:
    """Who is on call that day (today by default): the period covering it added last."""
    on = on or timezone.localdate()
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return (
        OnCall.objects.filter(organisation_id=organisation_id, starts_on__lte=on, ends_on__gte=on)
        .order_by("-added_at", "-pk")
        .first()
    )


@transaction.atomic
def add_on_call(
    *,
    by: Membership,
    starts_on: date,
    ends_on: date,
    duty_coordinator: Membership,
    default_deputy: Membership | None = None,
    deputies: dict[Membership, Membership] | None = None,
) -> OnCall:
    """A period of the rota. A later period covering the same days takes over for those days."""
    if not can(by, Do.KEEP_ON_CALL_ROTA):
        raise SafeguardingError(_("Only coordinators and admins keep the on-call rota."))
    if ends_on < starts_on:
        raise SafeguardingError(_("The last day is before the first day."))
    people = [duty_coordinator, *([default_deputy] if default_deputy else []), *(deputies or {}).keys()]
    people += list((deputies or {}).values())
    _same_organisation(by, *people)
    if not duty_coordinator.is_active or duty_coordinator.role not in MAY_BE_DUTY_COORDINATOR:
        raise SafeguardingError(_("The duty coordinator is a coordinator or an admin."))
    for deputy in [default_deputy, *(deputies or {}).values()]:
        if deputy is not None and (not deputy.is_active or deputy.role not in MAY_DEPUTISE):
            raise SafeguardingError(_("A deputy is a supervisor, a coordinator or an admin."))
    for supervisor, deputy in (deputies or {}).items():
        if supervisor.pk == deputy.pk:
            raise SafeguardingError(_("A supervisor cannot deputise for themselves."))
    period = OnCall.objects.create(
        organisation_id=by.organisation_id,
        starts_on=starts_on,
        ends_on=ends_on,
        duty_coordinator=duty_coordinator,
        default_deputy=default_deputy,
        added_by=by,
    )
    OnCallDeputy.objects.bulk_create(
        [
            OnCallDeputy(organisation_id=by.organisation_id, on_call=period, supervisor=supervisor, deputy=deputy)
            for supervisor, deputy in (deputies or {}).items()
        ]
    )
    audit(by.user, Action.CREATE, period)
    return period


# --- Where a concern goes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    membership: Membership
    because: str
    instead_of: Membership | None = None


def recipients_for(raiser: Membership, on: date | None = None) -> list[Recipient]:
    """Who a concern raised by ``raiser`` goes to that day.

    Their supervisor (their ``PeerSupporter.supervisor``), unless the supervisor is away (an absence)
    or no longer active: then the deputy the rota names for that supervisor, or the rota's default
    deputy. A raiser with no supervisor (staff, a supporter nobody supervises): the default deputy.
    And always the duty coordinator. With nobody on the rota, every coordinator of the organisation,
    so that a concern never reaches nobody. The raiser is never sent their own concern.
    """
    organisation_id = raiser.organisation_id
    away = away_member_ids(organisation_id, on)
    period = on_call(organisation_id, on)
    profile = PeerSupporter.objects.filter(membership=raiser).select_related("supervisor__user").first()
    supervisor = profile.supervisor if profile is not None else None
    found: list[Recipient] = []
    if supervisor is not None and supervisor.is_active and supervisor.pk not in away:
        found.append(Recipient(supervisor, RoutedBecause.SUPERVISOR))
    elif period is not None:
        deputy = None
        if supervisor is not None:
            named = OnCallDeputy.objects.filter(on_call=period, supervisor=supervisor).select_related("deputy__user")
            deputy = next((row.deputy for row in named), None)
        if deputy is None or not deputy.is_active or deputy.pk in away:
            deputy = period.default_deputy
        if deputy is not None and deputy.is_active and deputy.pk not in away:
            found.append(Recipient(deputy, RoutedBecause.DEPUTY, supervisor))
    if period is not None and period.duty_coordinator.is_active:
        found.append(Recipient(period.duty_coordinator, RoutedBecause.DUTY_COORDINATOR))
    else:
        coordinators = Membership.objects.filter(
            organisation_id=organisation_id, role=Role.COORDINATOR, is_active=True
        ).select_related("user")
        found += [Recipient(member, RoutedBecause.COORDINATOR) for member in coordinators]
    unique: dict[int, Recipient] = {}
    for recipient in found:
        if recipient.membership.pk != raiser.pk:
            unique.setdefault(recipient.membership.pk, recipient)
    return list(unique.values())


# --- Raising and following a concern ------------------------------------------------------------------


def contact_to_raise_from(by: Membership, peer: Peer, contact_id: int | None) -> Contact | None:
    """The contact with ``peer`` that ``by`` may see (``contacts.access.seen_contacts``), or None:
    an id of anyone else's, or of another peer's, is not found and says nothing."""
    if contact_id is None:
        return None
    return seen_contacts(by).filter(pk=contact_id, peer=peer).first()


@transaction.atomic
def raise_concern(
    *,
    peer: Peer,
    by: Membership,
    urgency: str,
    what_happened: str,
    from_contact: Contact | None = None,
    base_url: str = "",
) -> Concern:
    """Raise a concern about ``peer`` and send it at once (the dashboards and lists of those it goes
    to show it from this moment; each is emailed a link). ``from_contact``: the contact with this
    peer it was raised from, one the raiser may see (``contact_to_raise_from``)."""
    if not can(by, Do.RAISE_CONCERNS) or not visible_peers(by).filter(pk=peer.pk).exists():
        raise SafeguardingError(_("You can raise a concern about the peers you work with."))
    if from_contact is not None and from_contact != contact_to_raise_from(by, peer, from_contact.pk):
        raise SafeguardingError(_("That contact is not one of yours with this peer."))
    if urgency not in Urgency.values:
        raise SafeguardingError(_("Choose how soon someone needs to look at this."))
    now = timezone.now()
    concern = Concern.objects.create(
        organisation_id=peer.organisation_id,
        peer=peer,
        raised_by=by,
        raised_at=now,
        urgency=urgency,
        what_happened=_text(what_happened),
        take_by=now + TAKE_WITHIN[Urgency(urgency)],
        from_contact=from_contact,
    )
    _step(concern, StepKind.RAISED, by)
    recipients = recipients_for(by)
    ConcernRecipient.objects.bulk_create(
        [
            ConcernRecipient(
                organisation_id=concern.organisation_id,
                concern=concern,
                membership=r.membership,
                because=r.because,
                instead_of=r.instead_of,
            )
            for r in recipients
        ]
    )
    for r in recipients:
        _step(concern, StepKind.ROUTED, None, to=r.membership)
    audit(by.user, Action.CREATE, concern, reason=f"urgency {urgency}")
    link = base_url.rstrip("/") + reverse("safeguarding:concern", kwargs={"concern_id": concern.pk})
    ids = [r.membership.pk for r in recipients]
    transaction.on_commit(lambda: [send_concern_email.enqueue(member_id, link) for member_id in ids])
    return concern


@task()
def send_concern_email(member_id: int, link: str) -> None:
    """Tell someone a concern needs them: no peer's name, nothing of what happened; the link opens it
    for them once they have signed in."""
    member = Membership.objects.select_related("user").get(pk=member_id)
    send_mail(
        subject=_("A new concern needs you"),
        message=_(
            "Hello %(name)s,\n\nA new safeguarding concern needs you. Sign in to Alongside to read it:\n\n%(link)s\n"
        )
        % {"name": member.user.display_name, "link": link},
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[member.user.email],
    )


def _may_handle(by: Membership, concern: Concern) -> None:
    from .access import visible_concerns

    if not can(by, Do.HANDLE_CONCERNS) or not visible_concerns(by).filter(pk=concern.pk).exists():
        raise SafeguardingError(_("A supervisor or a coordinator handles a concern."))


def _lock(concern: Concern) -> Concern:
    return Concern.objects.select_for_update().get(pk=concern.pk)


@transaction.atomic
def take_concern(concern: Concern, *, by: Membership) -> Concern:
    """``by`` takes the concern on: they own it from now (another may take it over later)."""
    _may_handle(by, concern)
    concern = _lock(concern)
    if concern.owner_id == by.pk:
        return concern
    concern.owner, concern.taken_at = by, timezone.now()
    concern.save(update_fields=["owner", "taken_at"])
    _step(concern, StepKind.TAKEN, by)
    audit(by.user, Action.UPDATE, concern, reason="taken")
    return concern


@transaction.atomic
def add_action(concern: Concern, *, by: Membership, what: str, due_on: date) -> ConcernAction:
    _may_handle(by, concern)
    what = _text(what)
    if not what:
        raise SafeguardingError(_("Say what needs doing."))
    action = ConcernAction.objects.create(
        organisation_id=concern.organisation_id, concern=concern, what=what, due_on=due_on, added_by=by
    )
    _step(concern, StepKind.ACTION_ADDED, by)
    audit(by.user, Action.UPDATE, concern, reason="action added")
    return action


@transaction.atomic
def mark_action_done(concern: Concern, *, by: Membership, action_id: int) -> ConcernAction:
    _may_handle(by, concern)
    action = ConcernAction.objects.select_for_update().filter(concern=concern, pk=action_id).first()
    if action is None:
        raise SafeguardingError(_("That action is not on this concern."))
    if action.done_at is None:
        action.done_at, action.done_by = timezone.now(), by
        action.save(update_fields=["done_at", "done_by"])
        _step(concern, StepKind.ACTION_DONE, by)
        audit(by.user, Action.UPDATE, concern, reason="action done")
    return action


@transaction.atomic
def record_telling(
    concern: Concern, *, by: Membership, peer_told: str, not_told_why: str = "", peer_wishes: str = ""
) -> Concern:
    """Whether the peer was told first (and if not, why), and what they want done."""
    _may_handle(by, concern)
    if peer_told not in PeerTold.values:
        raise SafeguardingError(_("Choose from the answers offered."))
    concern = _lock(concern)
    not_told_why, peer_wishes = _text(not_told_why), _text(peer_wishes)
    if peer_told == PeerTold.NO and not not_told_why:
        raise SafeguardingError(_("Say why they were not told first."))
    if peer_told != concern.peer_told or not_told_why != concern.not_told_why:
        concern.peer_told = peer_told
        concern.not_told_why = not_told_why if peer_told == PeerTold.NO else ""
        _step(concern, StepKind.TOLD, by)
    if peer_wishes != concern.peer_wishes:
        concern.peer_wishes = peer_wishes
        _step(concern, StepKind.WISHES, by)
    concern.save(update_fields=["peer_told", "not_told_why", "peer_wishes"])
    audit(by.user, Action.UPDATE, concern, reason="telling and wishes")
    return concern


@transaction.atomic
def record_report(
    concern: Concern,
    *,
    by: Membership,
    report: str,
    authority: str = "",
    reported_on: date | None = None,
    notes: str = "",
    threshold: SharingThreshold | None = None,
) -> Concern:
    """Whether a report went to an authority: decided by a supervisor or a coordinator, never by a
    peer supporter alone (refused here, whatever page or command asks)."""
    if not can(by, Do.REPORT_CONCERNS):
        raise SafeguardingError(
            _("A supervisor or a coordinator decides whether to report, never a peer supporter alone.")
        )
    _may_handle(by, concern)
    if report not in Report.values:
        raise SafeguardingError(_("Choose from the answers offered."))
    if report == Report.REPORTED:
        if authority not in Authority.values:
            raise SafeguardingError(_("Say which authority it was reported to."))
        if reported_on is None or reported_on > timezone.localdate():
            raise SafeguardingError(_("Say when it was reported (not a day in the future)."))
    else:
        authority, reported_on = "", None
    if threshold is not None:
        _same_organisation(by, threshold)
    concern = _lock(concern)
    concern.report, concern.authority, concern.reported_on = report, authority, reported_on
    concern.report_notes, concern.report_decided_by, concern.threshold = _text(notes), by, threshold
    concern.save(update_fields=["report", "authority", "reported_on", "report_notes", "report_decided_by", "threshold"])
    _step(concern, StepKind.REPORT, by)
    audit(by.user, Action.UPDATE, concern, reason=f"report {report}")
    return concern


@transaction.atomic
def record_outcome(concern: Concern, *, by: Membership, outcome: str, notes: str = "") -> Concern:
    """The outcome closes the concern (its steps and actions are kept)."""
    _may_handle(by, concern)
    if outcome not in Outcome.values:
        raise SafeguardingError(_("Choose from the outcomes offered."))
    concern = _lock(concern)
    concern.outcome, concern.outcome_notes, concern.closed_at = outcome, _text(notes), timezone.now()
    if concern.owner_id is None:
        concern.owner, concern.taken_at = by, concern.closed_at
    concern.save(update_fields=["outcome", "outcome_notes", "closed_at", "owner", "taken_at"])
    _step(concern, StepKind.OUTCOME, by)
    audit(by.user, Action.UPDATE, concern, reason=f"outcome {outcome}")
    return concern


# --- What needs whom now (dashboards and lists) -------------------------------------------------------


def concerns_needing(membership: Membership) -> QuerySet[Concern]:
    """The open concerns that are this member's to act on: those they own, and those sent to them
    that nobody has taken yet; each annotated with ``overdue_actions`` (an action past its date)."""
    sent = ConcernRecipient.objects.filter(concern=OuterRef("pk"), membership=membership)
    late = ConcernAction.objects.filter(concern=OuterRef("pk"), done_at__isnull=True, due_on__lt=timezone.localdate())
    return (
        Concern.objects.filter(organisation_id=membership.organisation_id, closed_at__isnull=True)
        .filter(peer__erased_at__isnull=True)
        .filter(Q(owner=membership) | Q(owner__isnull=True) & Exists(sent))
        .annotate(overdue_actions=Exists(late))
        .select_related("peer", "owner__user")
        .order_by("raised_at", "pk")
    )


def is_overdue(concern: Concern) -> bool:
    return concern.untaken_too_long or bool(getattr(concern, "overdue_actions", False))


def concerns_of(peer: Peer):
    """Every concern about this peer, with its steps and actions (their copy of their record)."""
    return (
        Concern.objects.filter(peer=peer)
        .select_related("raised_by__user", "owner__user", "report_decided_by__user", "threshold")
        .prefetch_related("actions", "steps__by__user")
        .order_by("raised_at", "pk")
    )


# --- Staff safety -------------------------------------------------------------------------------------


def _sees(by: Membership, peer: Peer, needs: Do, refusal: str) -> None:
    if not can(by, needs) or not visible_peers(by).filter(pk=peer.pk).exists():
        raise SafeguardingError(refusal)


@transaction.atomic
def add_flag(peer: Peer, *, by: Membership, kind: str, details: str = "") -> SafetyFlag:
    _sees(by, peer, Do.RECORD_SAFETY_FLAGS, _("You can add a safety flag on the peers you work with."))
    if kind not in FlagKind.values:
        raise SafeguardingError(_("Choose from the flags offered."))
    details = _text(details)
    if kind == FlagKind.OTHER and not details:
        raise SafeguardingError(_("Say what to do when you meet them."))
    flag = SafetyFlag.objects.create(
        organisation_id=peer.organisation_id, peer=peer, kind=kind, details=details, added_by=by
    )
    audit(by.user, Action.CREATE, flag)
    return flag


@transaction.atomic
def lift_flag(peer: Peer, *, by: Membership, flag_id: int) -> SafetyFlag:
    _sees(by, peer, Do.LIFT_SAFETY_FLAGS, _("A supervisor or a coordinator lifts a safety flag."))
    flag = SafetyFlag.objects.select_for_update().filter(peer=peer, pk=flag_id, lifted_at__isnull=True).first()
    if flag is None:
        raise SafeguardingError(_("That flag is not on this peer's record."))
    flag.lifted_at, flag.lifted_by = timezone.now(), by
    flag.save(update_fields=["lifted_at", "lifted_by"])
    audit(by.user, Action.UPDATE, flag, reason="lifted")
    return flag


@transaction.atomic
def record_aggression(peer: Peer, *, by: Membership, happened_on: date, description: str) -> AggressionRecord:
    _sees(by, peer, Do.RECORD_SAFETY_FLAGS, _("You can record this on the peers you work with."))
    description = _text(description)
    if not description:
        raise SafeguardingError(_("Say what happened."))
    if happened_on > timezone.localdate():
        raise SafeguardingError(_("That day is in the future."))
    record = AggressionRecord.objects.create(
        organisation_id=peer.organisation_id,
        peer=peer,
        happened_on=happened_on,
        description=description,
        recorded_by=by,
    )
    audit(by.user, Action.CREATE, record)
    return record


def open_visit(peer: Peer, by: Membership) -> Visit | None:
    return Visit.objects.filter(peer=peer, visitor=by, checked_out_at__isnull=True).first()


@transaction.atomic
def check_in(peer: Peer, *, by: Membership, where: str, back_by: datetime) -> Visit:
    """``by`` sets off to visit ``peer``: where (encrypted), and when they expect to be back."""
    _sees(by, peer, Do.CHECK_IN_VISITS, _("You can check in for a visit to the peers you work with."))
    now = timezone.now()
    if back_by <= now:
        raise SafeguardingError(_("The time you expect to be back has already passed."))
    if back_by > now + timedelta(hours=24):
        raise SafeguardingError(_("A visit is checked in for up to 24 hours."))
    if open_visit(peer, by) is not None:
        raise SafeguardingError(_("You are already checked in for a visit to them. Check out first."))
    visit = Visit.objects.create(
        organisation_id=peer.organisation_id,
        peer=peer,
        visitor=by,
        where=_text(where),
        checked_in_at=now,
        back_by=back_by,
    )
    audit(by.user, Action.CREATE, visit, reason="checked in")
    return visit


@transaction.atomic
def check_out(peer: Peer, *, by: Membership) -> Visit:
    visit = Visit.objects.select_for_update().filter(peer=peer, visitor=by, checked_out_at__isnull=True).first()
    if visit is None:
        raise SafeguardingError(_("You are not checked in for a visit to them."))
    visit.checked_out_at = timezone.now()
    visit.save(update_fields=["checked_out_at"])
    audit(by.user, Action.UPDATE, visit, reason="checked out")
    return visit


def overdue_visits(organisation_id: int) -> QuerySet[Visit]:
    """Visits not checked out by the time the visitor expected to be back (oldest first)."""
    return Visit.objects.filter(
        organisation_id=organisation_id, checked_out_at__isnull=True, back_by__lt=timezone.now()
    ).select_related("visitor__user")


def visits_on_the_dashboard(membership: Membership) -> tuple[list[Visit], list[Visit]]:
    """In one query: this member's own open visits, and the overdue check-outs they are to chase:
    the duty coordinator's (who is always a coordinator or an admin), or, with nobody on call today,
    every coordinator's and admin's."""
    mine = Q(visitor=membership)
    if membership.role in ORGANISATION_WIDE:
        today = timezone.localdate()
        duty_today = (
            OnCall.objects.filter(organisation_id=membership.organisation_id, starts_on__lte=today, ends_on__gte=today)
            .order_by("-added_at", "-pk")
            .values("duty_coordinator_id")[:1]
        )
        on_duty = Q(duty=membership.pk) | Q(duty__isnull=True)
        mine |= Q(back_by__lt=timezone.now()) & on_duty
        visits: QuerySet[Visit] = Visit.objects.annotate(duty=Subquery(duty_today))
    else:
        visits = Visit.objects.all()
    rows: list[Visit] = list(
        visits.filter(organisation_id=membership.organisation_id, checked_out_at__isnull=True)
        .filter(mine)
        .select_related("visitor__user")
        .order_by("back_by", "pk")
    )
    own = [v for v in rows if v.visitor_id == membership.pk]
    return own, [v for v in rows if v.visitor_id != membership.pk and v.is_overdue]


def alert_overdue_visits(*, base_url: str = "") -> int:
    """Email the duty coordinator once about each visit whose check-out is overdue (run every few
    minutes: ``manage.py alert_overdue_visits``). The dashboards show them without waiting for this."""
    from organisations.tenancy import all_organisations

    sent = 0
    with all_organisations():
        for organisation_id in (
            Visit.objects.filter(checked_out_at__isnull=True, back_by__lt=timezone.now(), alerted_at__isnull=True)
            .values_list("organisation_id", flat=True)
            .distinct()
        ):
            sent += _alert_organisation(organisation_id, base_url)
    return sent


@transaction.atomic
def _alert_organisation(organisation_id: int, base_url: str) -> int:
    visits = list(overdue_visits(organisation_id).filter(alerted_at__isnull=True).select_for_update(of=("self",)))
    if not visits:
        return 0
    period = on_call(organisation_id)
    if period is not None and period.duty_coordinator.is_active:
        to = [period.duty_coordinator_id]
    else:
        to = list(
            Membership.objects.filter(
                organisation_id=organisation_id, role=Role.COORDINATOR, is_active=True
            ).values_list("pk", flat=True)
        )
    Visit.objects.filter(pk__in=[v.pk for v in visits]).update(alerted_at=timezone.now())
    link = base_url.rstrip("/") + reverse("home:dashboard")
    transaction.on_commit(lambda: [send_visit_alert.enqueue(member_id, link) for member_id in to])
    return len(visits)


@task()
def send_visit_alert(member_id: int, link: str) -> None:
    member = Membership.objects.select_related("user").get(pk=member_id)
    send_mail(
        subject=_("A visit check-out is overdue"),
        message=_(
            "Hello %(name)s,\n\nSomeone on a visit has not checked out by the time they expected to be back. "
            "Sign in to Alongside to see who, and call them:\n\n%(link)s\n"
        )
        % {"name": member.user.display_name, "link": link},
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[member.user.email],
    )


# --- The peer's copy of their record, and erasure -----------------------------------------------------


def _when(moment) -> str | None:
    return moment.isoformat() if moment is not None else None


def _who(member: Membership | None) -> str | None:
    return str(member.user) if member is not None else None


def record_of(peer: Peer) -> dict:
    """Everything safeguarding holds about this peer (their copy of their record)."""
    return {
        "concerns": [
            {
                "raised_on": _when(c.raised_at),
                "raised_by": _who(c.raised_by),
                "how_soon": str(c.get_urgency_display()),
                "what_happened": c.what_happened,
                "taken_by": _who(c.owner),
                "were_you_told_first": str(c.get_peer_told_display()) if c.peer_told else None,
                "why_not": c.not_told_why,
                "your_wishes": c.peer_wishes,
                "report_to_an_authority": str(c.get_report_display()) if c.report else None,
                "authority": str(c.get_authority_display()) if c.authority else None,
                "reported_on": _when(c.reported_on),
                "report_decided_by": _who(c.report_decided_by),
                "about_the_report": c.report_notes,
                "outcome": str(c.get_outcome_display()) if c.outcome else None,
                "about_the_outcome": c.outcome_notes,
                "closed_on": _when(c.closed_at),
                "actions": [
                    {"what": a.what, "by": _when(a.due_on), "done_on": _when(a.done_at)} for a in c.actions.all()
                ],
                "steps": [
                    {"when": _when(s.at), "what": str(s.get_kind_display()), "who": _who(s.by)} for s in c.steps.all()
                ],
            }
            for c in concerns_of(peer)
        ],
        "staff_safety_flags": [
            {
                "flag": str(f.get_kind_display()),
                "details": f.details,
                "added_on": _when(f.added_at),
                "lifted_on": _when(f.lifted_at),
            }
            for f in SafetyFlag.objects.filter(peer=peer)
        ],
        "aggression_recorded": [
            {"on": _when(a.happened_on), "what_happened": a.description, "recorded_by": _who(a.recorded_by)}
            for a in AggressionRecord.objects.filter(peer=peer).select_related("recorded_by__user")
        ],
        "visits": [
            {
                "by": _who(v.visitor),
                "where": v.where,
                "checked_in": _when(v.checked_in_at),
                "checked_out": _when(v.checked_out_at),
            }
            for v in Visit.objects.filter(peer=peer).select_related("visitor__user").order_by("checked_in_at")
        ],
    }


def forget_peer(peer: Peer) -> None:
    """Erasure: everything of safeguarding about this peer goes, but each concern's row, which
    ``datarights.erase_peer`` brings down to what the counts need (how soon, whether reported and to
    which kind of authority, the outcome, and the months)."""
    concerns = Concern.objects.filter(peer=peer)
    ConcernRecipient.objects.filter(concern__in=concerns).delete()
    ConcernAction.objects.filter(concern__in=concerns).delete()
    ConcernStep.objects.filter(concern__in=concerns).delete()
    concerns.update(from_contact=None)
    SafetyFlag.objects.filter(peer=peer).delete()
    AggressionRecord.objects.filter(peer=peer).delete()
    Visit.objects.filter(peer=peer).delete()
