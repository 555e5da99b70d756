"""Training pages: short views; the rules are in services.py and access.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from access.lookups import record_id_or_none, refuse, require, supporter_for
from access.policy import Do, can, visible_supporters
from audit.log import audit_shown

from . import access, services
from .forms import CohortForm, DocumentForm, EnrolForm, InviteForm, MarkDoneForm, ModuleForm, SessionForm
from .models import CohortSession, CohortShare, DocumentVersion, Module, Presence, Trainee
from .services import TrainingError
from .text import as_html

# Why a trainee's record was read, on the audit entry each page writes for every trainee it shows.
SHOWN_ON_COHORT, SHOWN_ON_ATTENDANCE = "training cohort", "training attendance"


def _posted(request: HttpRequest, name: str) -> int | None:
    return record_id_or_none(request.POST.get(name, ""))


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Modules, cohorts and invitations to share a cohort: for coordinators and admins."""
    require(request, Do.RUN_TRAINING, "training")
    membership, org = request.membership, request.organisation
    action = request.POST.get("action") if request.method == "POST" else None
    module_form = ModuleForm(request.POST if action == "add_module" else None, organisation=org)
    cohort_form = CohortForm(request.POST if action == "add_cohort" else None)
    if action == "add_module" and module_form.is_valid():
        services.add_module(by=membership, **module_form.cleaned_data)
        messages.success(request, _("The module has been added."))
        return redirect("training:overview")
    if action == "add_cohort" and cohort_form.is_valid():
        cohort = services.start_cohort(by=membership, **cohort_form.cleaned_data)
        messages.success(request, _("The cohort has been started. Add its sessions and trainees."))
        return redirect("training:cohort", cohort_id=cohort.pk)
    if action in ("accept", "decline"):
        share = access.shares_received(membership).filter(pk=_posted(request, "share")).first()
        if share is None:
            raise refuse(request, "cohortshare", request.POST.get("share", ""))
        try:
            if action == "accept":
                services.accept_share(share, by=membership)
                messages.success(request, _("Shared. Your coordinators can now add your own trainees to it."))
            else:
                services.withdraw_share(share, by=membership)
                messages.success(request, _("That cohort is no longer shared with you."))
        except TrainingError:
            messages.error(request, _("That invitation is no longer open."))
        return redirect("training:overview")
    modules = list(Module.objects.filter(organisation=org))
    services.name_levels(modules, org.pk)
    cohorts = access.cohorts_for(membership).select_related("organisation")
    invitations = access.shares_received(membership).select_related("cohort", "organisation")
    return render(
        request,
        "training/overview.html",
        {
            "modules": modules,
            "cohorts": cohorts,
            "invitations": invitations,
            "module_form": module_form,
            "cohort_form": cohort_form,
        },
    )


@login_required
def cohort(request: HttpRequest, cohort_id: int) -> HttpResponse:
    """One cohort: its sessions, this organisation's own trainees, and (for the host) who it is shared with."""
    membership = request.membership
    found = access.cohorts_for(membership).filter(pk=record_id_or_none(cohort_id)).first()
    if found is None:
        raise refuse(request, "cohort", cohort_id)
    hosting = access.is_host(membership, found)
    action = request.POST.get("action") if request.method == "POST" else None
    # The scope: only this organisation's trainees; an erased one stays for the counts, listed nowhere.
    ours = Trainee.objects.filter(cohort=found, supporter__erased_at__isnull=True)
    supporters = visible_supporters(membership).exclude(pk__in=ours.values("supporter_id"))
    session_form = SessionForm(
        request.POST if action == "add_session" else None,
        modules=Module.objects.filter(organisation=found.organisation_id),
    )
    enrol_form = EnrolForm(request.POST if action == "enrol" else None, supporters=supporters)
    invite_form = InviteForm(request.POST if action == "invite" else None, host_id=found.organisation_id)
    try:
        if action == "add_session" and hosting and session_form.is_valid():
            services.add_session(found, by=membership, **session_form.cleaned_data)
            messages.success(request, _("The session has been added."))
            return redirect("training:cohort", cohort_id=found.pk)
        if action == "enrol" and enrol_form.is_valid():
            services.enrol(found, enrol_form.cleaned_data["supporter"], by=membership)
            messages.success(request, _("Added to the cohort."))
            return redirect("training:cohort", cohort_id=found.pk)
        if action == "leave":
            trainee = ours.filter(pk=_posted(request, "trainee")).first()
            if trainee is None:
                raise refuse(request, "trainee", request.POST.get("trainee", ""))
            services.leave_cohort(trainee, by=membership)
            messages.success(request, _("Taken off the cohort."))
            return redirect("training:cohort", cohort_id=found.pk)
        if action == "invite" and hosting and invite_form.is_valid():
            services.invite(found, invite_form.cleaned_data["guest"], by=membership)
            messages.success(request, _("Invited. Nothing is shared until their admin accepts."))
            return redirect("training:cohort", cohort_id=found.pk)
        if action == "withdraw" and hosting:
            share = CohortShare.objects.filter(cohort=found, pk=_posted(request, "share")).first()
            if share is None:
                raise refuse(request, "cohortshare", request.POST.get("share", ""))
            services.withdraw_share(share, by=membership)
            messages.success(request, _("The cohort is no longer shared with them."))
            return redirect("training:cohort", cohort_id=found.pk)
    except TrainingError:
        messages.error(request, _("That could not be done. Nothing has been changed."))
    sessions = CohortSession.objects.with_scopes_disabled().filter(cohort=found).select_related("module")
    trainees = list(
        ours.select_related("supporter__membership__user").order_by("supporter__membership__user__display_name")
    )
    audit_shown(request.user, (t.supporter for t in trainees), reason=SHOWN_ON_COHORT)
    return render(
        request,
        "training/cohort.html",
        {
            "cohort": found,
            "hosting": hosting,
            "sessions": sessions,
            "trainees": trainees,
            "shares": CohortShare.objects.filter(cohort=found).select_related("guest") if hosting else [],
            "session_form": session_form,
            "enrol_form": enrol_form,
            "invite_form": invite_form,
        },
    )


@login_required
def attendance(request: HttpRequest, cohort_session_id: int) -> HttpResponse:
    """Who came to a session: this organisation's own trainees, one choice each; fits a phone."""
    membership = request.membership
    session = (
        access.sessions_for(membership)
        .filter(pk=record_id_or_none(cohort_session_id))
        .select_related("cohort", "module")
        .first()
    )
    if session is None:
        raise refuse(request, "cohortsession", cohort_session_id)
    trainees = services.trainees_at(session)
    problem = False
    if request.method == "POST":
        marks = {}
        for trainee in trainees:
            value = request.POST.get(f"presence_{trainee.pk}", "")
            if value:
                marks[trainee.pk] = value
        if set(marks.values()) - set(Presence.values):
            problem = True
        elif marks:
            services.record_attendance(session, marks, by=membership)
            messages.success(request, _("Attendance saved."))
            return redirect("training:cohort", cohort_id=session.cohort_id)
        else:
            problem = True
    recorded = services.presence_at(session)
    audit_shown(request.user, (t.supporter for t in trainees), reason=SHOWN_ON_ATTENDANCE)
    rows = [(t, request.POST.get(f"presence_{t.pk}") or recorded.get(t.pk, "")) for t in trainees]
    return render(
        request,
        "training/attendance.html",
        {"session": session, "rows": rows, "choices": Presence.choices, "problem": problem},
    )


@login_required
def documents(request: HttpRequest) -> HttpResponse:
    """The role description, code of conduct and safety protocols, in versions."""
    require(request, Do.RUN_TRAINING, "documentversion")
    form = DocumentForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        services.publish_version(by=request.membership, **form.cleaned_data)
        messages.success(
            request, _("The new version is in force. Each peer supporter is asked to read and agree to it.")
        )
        return redirect("training:documents")
    current = services.current_versions(request.organisation.pk)
    for version in current:
        version.html = as_html(version.text)
        version.agreed_count = version.agreements.count()
    return render(request, "training/documents.html", {"form": form, "current": current})


@login_required
def progress(request: HttpRequest, supporter_id: int) -> HttpResponse:
    """A trainee's page: what is done and missing, and the documents to read and agree to."""
    membership = request.membership
    if not can(membership, Do.SEE_TRAINING_PROGRESS):
        raise refuse(request, "peersupporter", supporter_id)
    supporter = supporter_for(request, supporter_id)
    is_self = supporter.membership_id == membership.pk
    action = request.POST.get("action") if request.method == "POST" else None
    done_form = MarkDoneForm(
        request.POST if action == "mark_done" else None,
        modules=Module.objects.filter(organisation=supporter.organisation_id),
    )
    if action == "agree":
        version = DocumentVersion.objects.filter(pk=_posted(request, "version")).first()
        if not is_self or version is None:
            raise refuse(request, "documentversion", request.POST.get("version", ""))
        try:
            services.agree(version, by=membership)
            messages.success(request, _("Thank you. That is recorded."))
        except TrainingError:
            messages.error(request, _("A newer version of that document is waiting for you."))
        return redirect("training:progress", supporter_id=supporter.pk)
    if action == "mark_done":
        if not can(membership, Do.RUN_TRAINING):
            raise refuse(request, "peersupporter", supporter_id)
        if done_form.is_valid():
            services.mark_done(supporter, by=membership, **done_form.cleaned_data)
            messages.success(request, _("Marked as done."))
            return redirect("training:progress", supporter_id=supporter.pk)
    found = services.progress_of(supporter)
    for version in found.to_agree:
        version.html = as_html(version.text)
    return render(
        request,
        "training/progress.html",
        {
            "supporter": supporter,
            "progress": found,
            "is_self": is_self,
            "runs_training": can(membership, Do.RUN_TRAINING),
            "done_form": done_form,
        },
    )
