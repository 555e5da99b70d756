"""Supervision pages. Each view: check (audited), a form, one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.lookups import require
from access.policy import Do, can, visible_peers
from audit.log import audit_shown
from people.models import Peer, PeerSupporter

from . import services
from .access import may_read_notes, seen_supervisees, session_row_for, supervisee_for
from .forms import FrequencyForm, ReflectionForm, SessionForm
from .models import CaseloadNote, Frequency, Supervisee

SHOWN_SESSIONS = 50  # on a supervisee's page, newest first
OPENED_FOR = "supervision"  # the reason on a peer's audit entry when a supervision page shows them


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def _audit_peers_shown(request: HttpRequest, peers: list[Peer]) -> None:
    """Every peer a supervision page names is a read of that peer, written in one statement."""
    if peers:
        audit_shown(request.user, peers, reason=OPENED_FOR)


def _frequency_initial(row: Frequency | None) -> dict:
    plan = services._schedule_of(row)
    return dict(plan.__dict__)


@login_required
def supervisee(request: HttpRequest, supporter_id: int) -> HttpResponse:
    """A supporter's supervision: next due (or overdue), the schedule, the sessions, and (for those who
    read the notes) which topics recur."""
    supporter = supervisee_for(request, supporter_id)
    membership = request.membership
    rows = list(
        seen_supervisees(membership)
        .filter(supporter=supporter)
        .select_related("supporter", "session__supervisor__user")
        .order_by("-session__held_on", "-session_id")[:SHOWN_SESSIONS]
    )
    # Those who see this page and read notes at all are the supporter and their supervisor: both read.
    reads_notes = can(membership, Do.READ_SUPERVISION_NOTES)
    due = services.due_for([supporter])[0]
    frequency = services.frequency_row(request.organisation, supporter)
    return _no_store(
        render(
            request,
            "supervision/supervisee.html",
            {
                "supporter": supporter,
                "rows": rows,
                "due": due,
                "frequency": frequency,
                "plan": services.schedules_for(request.organisation.pk, [supporter])[supporter.pk],
                "reads_notes": reads_notes,
                "topics": services.topic_counts(rows) if reads_notes else [],
                "can_record": can(membership, Do.RECORD_SUPERVISION) and supporter.supervisor_id == membership.pk,
                "can_set_frequency": can(membership, Do.SET_SUPERVISION_FREQUENCY),
            },
        )
    )


def _session_form(request: HttpRequest, supporter: PeerSupporter, *, editing=None, initial=None):
    caseload = list(services.caseload_of(supporter, request.membership).only("pk", "chosen_name", "organisation_id"))
    others = (
        PeerSupporter.objects.filter(organisation_id=request.organisation.pk, supervisor=request.membership)
        .exclude(pk=supporter.pk)
        .select_related("membership__user")
    )
    form = SessionForm(
        request.POST or None,
        caseload=caseload,
        others=others,
        editing=editing.session if editing is not None else None,
        initial=initial,
    )
    return form, caseload


@login_required
def record(request: HttpRequest, supporter_id: int) -> HttpResponse:
    """Their supervisor records a session, walking through their caseload peer by peer."""
    supporter = supervisee_for(request, supporter_id, Do.RECORD_SUPERVISION)
    form, caseload = _session_form(request, supporter)
    if request.method == "POST" and form.is_valid():
        others = list(form.cleaned_data.get("others") or [])
        try:
            session = services.record_session(
                by=request.membership,
                supporters=[supporter, *others],
                facts=form.facts(),
                said={supporter.pk: form.said()},
            )
        except services.SupervisionError:
            form.add_error(None, _("That could not be saved: someone or something on it is not yours to record."))
        else:
            messages.success(request, _("Supervision saved."))
            return redirect("supervision:session", supporter_id=supporter.pk, session_id=session.pk)
    _audit_peers_shown(request, caseload)
    return _no_store(
        render(request, "supervision/session_form.html", {"supporter": supporter, "form": form, "editing": None})
    )


def _lines_for(request: HttpRequest, row: Supervisee) -> list[CaseloadNote]:
    """The caseload lines of this row about peers this member sees now (never more than the record)."""
    seen = visible_peers(request.membership).values("pk")
    return list(
        CaseloadNote.objects.filter(supervisee=row, peer__in=seen).select_related("peer").order_by("peer__chosen_name")
    )


@login_required
def session(request: HttpRequest, supporter_id: int, session_id: int) -> HttpResponse:
    """One session: when and how; for those who read notes, the notes, topics, caseload lines and the
    supervisee's own reflection (which they add here)."""
    supporter = supervisee_for(request, supporter_id)
    row = session_row_for(request, supporter, session_id)
    membership = request.membership
    reads = may_read_notes(membership, row)
    lines = _lines_for(request, row) if reads else []
    _audit_peers_shown(request, [line.peer for line in lines])
    may_reflect = can(membership, Do.REFLECT_ON_SUPERVISION) and row.supporter.membership_id == membership.pk
    return _no_store(
        render(
            request,
            "supervision/session.html",
            {
                "supporter": supporter,
                "row": row,
                "session": row.session,
                "reads": reads,
                "lines": lines,
                "labels": dict(services.Topic.choices),
                "reflection_form": ReflectionForm(initial={"reflection": row.reflection}) if may_reflect else None,
                "can_edit": can(membership, Do.RECORD_SUPERVISION) and supporter.supervisor_id == membership.pk,
            },
        )
    )


@login_required
def edit(request: HttpRequest, supporter_id: int, session_id: int) -> HttpResponse:
    """Their supervisor changes a session: held after all, cancelled, the notes."""
    supporter = supervisee_for(request, supporter_id, Do.RECORD_SUPERVISION)
    row = session_row_for(request, supporter, session_id)
    s = row.session
    initial = {
        "held_on": s.held_on, "minutes": s.minutes, "status": s.status, "arranged": s.arranged,
        "approach": s.approach, "external_supervisor": s.external_supervisor, "notes": row.notes,
        "topics": row.topics, **{f"peer_{n.peer_id}": n.note for n in row.caseload_notes.all()},
    }  # fmt: skip
    form, caseload = _session_form(request, supporter, editing=row, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_session(row, by=request.membership, facts=form.facts(s.format), said=form.said())
        except services.SupervisionError:
            form.add_error(None, _("That could not be saved: someone or something on it is not yours to record."))
        else:
            messages.success(request, _("Supervision saved."))
            return redirect("supervision:session", supporter_id=supporter.pk, session_id=s.pk)
    _audit_peers_shown(request, caseload)
    return _no_store(
        render(request, "supervision/session_form.html", {"supporter": supporter, "form": form, "editing": s})
    )


@login_required
@require_POST
def reflection(request: HttpRequest, supporter_id: int, session_id: int) -> HttpResponse:
    """The supervisee adds (or changes) their own reflection on a session they had."""
    supporter = supervisee_for(request, supporter_id, Do.REFLECT_ON_SUPERVISION)
    row = session_row_for(request, supporter, session_id)
    form = ReflectionForm(request.POST)
    if form.is_valid():
        try:
            services.add_reflection(row, by=request.membership, words=form.cleaned_data["reflection"])
        except services.SupervisionError:
            messages.error(request, _("Only the person supervised adds their reflection."))
        else:
            messages.success(request, _("Your reflection is saved."))
    else:
        messages.error(request, _("Your reflection is too long: please shorten it."))
    return redirect("supervision:session", supporter_id=supporter.pk, session_id=row.session_id)


@login_required
def frequency(request: HttpRequest, supporter_id: int) -> HttpResponse:
    """How often this supporter is due supervision: the organisation's default, changed with a reason."""
    supporter = supervisee_for(request, supporter_id, Do.SET_SUPERVISION_FREQUENCY)
    row = services.frequency_row(request.organisation, supporter)
    default = services.frequency_row(request.organisation, None)
    initial = _frequency_initial(row or default) | {"reason": row.reason if row else ""}
    form = FrequencyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_frequency(
            organisation=request.organisation,
            supporter=supporter,
            by=request.membership,
            plan=form.plan(),
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, _("How often they are supervised is saved."))
        return redirect("supervision:supervisee", supporter_id=supporter.pk)
    return _no_store(render(request, "supervision/frequency.html", {"supporter": supporter, "form": form}))


@login_required
def settings(request: HttpRequest) -> HttpResponse:
    """The organisation's default: how often someone new is supervised, tapering."""
    require(request, Do.MANAGE_SUPERVISION)
    row = services.frequency_row(request.organisation, None)
    form = FrequencyForm(request.POST or None, initial=_frequency_initial(row), needs_reason=False)
    if request.method == "POST" and form.is_valid():
        services.set_frequency(
            organisation=request.organisation, supporter=None, by=request.membership, plan=form.plan(), reason=""
        )
        messages.success(request, _("The organisation's supervision frequency is saved."))
        return redirect("supervision:settings")
    return render(request, "supervision/settings.html", {"form": form})
