"""A peer's plan, their goals, and the organisation's life domains. Each view: check (audited), one
service call, render."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.lookups import record_id_or_none, refuse, require
from access.policy import Do, can

from . import services
from .access import goal_for, may_record, plan_peer
from .forms import DomainForm, GoalForm, LanguageForm, ProgressForm, StepForm
from .models import Goal

LANGUAGES = dict(settings.LANGUAGES)


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@login_required
def plan(request: HttpRequest, peer_id: int) -> HttpResponse:
    """The peer's plan: basic needs first, then longer-term goals, each with its steps and progress."""
    peer = plan_peer(request, peer_id)
    return _no_store(
        render(
            request,
            "goals/plan.html",
            {
                "peer": peer,
                "plan": services.plan_of(peer),
                "can_record": may_record(request.membership, peer),
                "can_manage_domains": can(request.membership, Do.MANAGE_LIFE_DOMAINS),
            },
        )
    )


@login_required
def goal_new(request: HttpRequest, peer_id: int) -> HttpResponse:
    peer = plan_peer(request, peer_id, to_record=True)
    form = GoalForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.add_goal(peer=peer, by=request.membership, goal=form.goal())
        except services.GoalError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The goal is on the plan."))
            return redirect("goals:goal", peer_id=peer.pk, goal_id=goal.pk)
    return _no_store(render(request, "goals/goal_form.html", {"peer": peer, "form": form, "goal": None}))


def _goal_page(request, goal: Goal, *, step_form=None, progress_form=None, status=200) -> HttpResponse:
    can_record = may_record(request.membership, goal.peer)
    return _no_store(
        render(
            request,
            "goals/goal.html",
            {
                "peer": goal.peer,
                "goal": goal,
                "steps": list(goal.steps.all()),
                "progress": list(goal.progress.select_related("recorded_by")),
                "can_record": can_record,
                "step_form": step_form or StepForm(),
                "progress_form": progress_form or ProgressForm(),
            },
            status=status,
        )
    )


@login_required
def goal(request: HttpRequest, peer_id: int, goal_id: int) -> HttpResponse:
    return _goal_page(request, goal_for(request, peer_id, goal_id))


@login_required
def goal_edit(request: HttpRequest, peer_id: int, goal_id: int) -> HttpResponse:
    goal = goal_for(request, peer_id, goal_id, to_record=True)
    form = GoalForm(request.POST or None, organisation=request.organisation, goal=goal)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_goal(goal=goal, by=request.membership, changes=form.goal())
        except services.GoalError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The goal is saved."))
            return redirect("goals:goal", peer_id=goal.peer_id, goal_id=goal.pk)
    return _no_store(render(request, "goals/goal_form.html", {"peer": goal.peer, "form": form, "goal": goal}))


@login_required
@require_POST
def step_add(request: HttpRequest, peer_id: int, goal_id: int) -> HttpResponse:
    goal = goal_for(request, peer_id, goal_id, to_record=True)
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            services.add_step(goal=goal, by=request.membership, words=form.cleaned_data["words"])
        except services.GoalError as error:
            form.add_error("words", str(error))
        else:
            messages.success(request, _("The step is added."))
            return redirect("goals:goal", peer_id=goal.peer_id, goal_id=goal.pk)
    return _goal_page(request, goal, step_form=form)


@login_required
@require_POST
def step_done(request: HttpRequest, peer_id: int, goal_id: int) -> HttpResponse:
    """Mark one of the goal's steps done (today) or not done yet."""
    goal = goal_for(request, peer_id, goal_id, to_record=True)
    asked = request.POST.get("step", "")
    if asked:
        step = goal.steps.filter(pk=record_id_or_none(asked) or 0).first()
        if step is None:
            # Filed under the goal: what was typed in the form is not written to the log.
            raise refuse(request, "goal", goal.pk)
        services.mark_step(step=step, by=request.membership, done=request.POST.get("done") == "yes")
        messages.success(request, _("The step is saved."))
    return redirect("goals:goal", peer_id=goal.peer_id, goal_id=goal.pk)


@login_required
@require_POST
def progress_add(request: HttpRequest, peer_id: int, goal_id: int) -> HttpResponse:
    goal = goal_for(request, peer_id, goal_id, to_record=True)
    form = ProgressForm(request.POST)
    if form.is_valid():
        try:
            services.add_progress(goal=goal, by=request.membership, **form.cleaned_data)
        except services.GoalError as error:
            form.add_error("words", str(error))
        else:
            messages.success(request, _("Their progress is written down. What was said before stays as it was."))
            return redirect("goals:goal", peer_id=goal.peer_id, goal_id=goal.pk)
    return _goal_page(request, goal, progress_form=form)


def _peers_language(request: HttpRequest, peer) -> str:
    asked = request.GET.get("language")
    if asked in LANGUAGES:
        return asked
    first = peer.languages[0] if peer.languages else ""
    return first if first in LANGUAGES else request.LANGUAGE_CODE


@login_required
def for_the_peer(request: HttpRequest, peer_id: int) -> HttpResponse:
    """The plan in plain words to the peer, in their language; printable, with no names."""
    peer = plan_peer(request, peer_id)
    language = _peers_language(request, peer)
    plan = services.plan_of(peer)
    with translation.override(language):
        response = render(
            request,
            "goals/for_the_peer.html",
            {
                "peer": peer,
                "plan": plan,
                "language": language,
                "language_form": LanguageForm(initial={"language": language}),
            },
        )
    return _no_store(response)


@login_required
def domains(request: HttpRequest) -> HttpResponse:
    """The organisation's life domains: add, rename, retire (or bring back), delete one never used."""
    require(request, Do.MANAGE_LIFE_DOMAINS, "lifedomain")
    organisation = request.organisation
    rows = services.domains_of(organisation, with_retired=True)
    form = DomainForm(request.POST if request.POST.get("action") == "add" else None)
    if request.method == "POST":
        try:
            if _change_domain(request, rows, form):
                return redirect("goals:domains")
        except services.GoalError as error:
            if request.POST.get("action") == "add":
                form.add_error("name", str(error))
            else:
                messages.error(request, str(error))
    used = set(Goal.objects.filter(domain__in=rows).values_list("domain_id", flat=True).distinct())
    return render(
        request,
        "goals/domains.html",
        {
            "form": form,
            "domains": rows,
            "used": used,
            "can_manage_organisation": can(request.membership, Do.MANAGE_ORGANISATION),
        },
    )


def _change_domain(request: HttpRequest, rows, form: DomainForm) -> bool:
    """Do what the domains page asked; True when something was saved."""
    action, by = request.POST.get("action", ""), request.membership
    if action == "add":
        if not form.is_valid():
            return False
        services.add_domain(organisation=request.organisation, by=by, **form.cleaned_data)
        messages.success(request, _("The area of life is added."))
        return True
    domain = rows.filter(pk=record_id_or_none(request.POST.get("domain", "")) or 0).first()
    if domain is None or action not in ("rename", "retire", "restore", "delete"):
        messages.error(request, _("Choose one of the areas of life listed."))
        return False
    if action == "rename":
        renamed = DomainForm(request.POST)
        if not renamed.is_valid():
            raise services.GoalError(_("Give the area of life a name in English."))
        services.rename_domain(domain=domain, by=by, **renamed.cleaned_data)
    elif action == "delete":
        services.delete_domain(domain=domain, by=by)
    else:
        services.retire_domain(domain=domain, by=by, retired=action == "retire")
    messages.success(request, _("The list of areas of life is saved."))
    return True
