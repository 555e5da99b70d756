"""The safeguarding pages. Each view: check (audited), a form, one service call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from access.lookups import peer_for, record_id_or_none, require
from access.policy import Do, can
from agreements.services import current_threshold

from . import services
from .access import concern_for, may_handle, may_report, visible_concerns
from .forms import (
    ActionForm,
    AggressionForm,
    CheckInForm,
    ConcernForm,
    FlagForm,
    OnCallForm,
    OutcomeForm,
    ReportForm,
    TellingForm,
)
from .models import AggressionRecord, ConcernAction, ConcernRecipient, ConcernStep, OnCall, SafetyFlag

SHOWN_CLOSED = 50


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@login_required
def raise_concern(request: HttpRequest, peer_id: int) -> HttpResponse:
    """Something worries me: one tap from the record, a short form, and it reaches the right people."""
    peer = peer_for(request, peer_id, Do.RAISE_CONCERNS, reason="raising a concern")
    contact_id = record_id_or_none(request.POST.get("contact") or request.GET.get("contact") or "")
    contact = services.contact_to_raise_from(request.membership, peer, contact_id)
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            concern = services.raise_concern(
                peer=peer, by=request.membership, from_contact=contact, base_url=_base_url(request), **form.cleaned_data
            )
        except services.SafeguardingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Thank you. Your concern has been sent, and you can follow it here."))
            return redirect("safeguarding:concern", concern_id=concern.pk)
    return _no_store(render(request, "safeguarding/raise.html", {"peer": peer, "form": form, "contact": contact}))


@login_required
def concern_list(request: HttpRequest) -> HttpResponse:
    """The concerns that need me, then every open concern I may see, then the latest closed ones."""
    require(request, Do.SEE_CONCERNS, "concern")
    membership = request.membership
    needing = list(services.concerns_needing(membership)) if can(membership, Do.HANDLE_CONCERNS) else []
    needing_ids = {c.pk for c in needing}
    seen = visible_concerns(membership).select_related("peer", "raised_by__user", "owner__user")
    open_ = [c for c in seen.filter(closed_at__isnull=True).order_by("raised_at", "pk") if c.pk not in needing_ids]
    closed = list(seen.filter(closed_at__isnull=False).order_by("-closed_at", "-pk")[:SHOWN_CLOSED])
    return _no_store(
        render(
            request,
            "safeguarding/concern_list.html",
            {"needing": needing, "open": open_, "closed": closed, "now": timezone.now()},
        )
    )


STEPS = {
    "action": ActionForm,
    "telling": TellingForm,
    "report": ReportForm,
    "outcome": OutcomeForm,
}


def _do_step(step: str, concern, by, form, request) -> None:
    data = form.cleaned_data if form is not None else {}
    if step == "take":
        services.take_concern(concern, by=by)
    elif step == "action":
        services.add_action(concern, by=by, **data)
    elif step == "done":
        action_id = record_id_or_none(request.POST.get("action_id", ""))
        if action_id is None:
            raise services.SafeguardingError(_("That action is not on this concern."))
        services.mark_action_done(concern, by=by, action_id=action_id)
    elif step == "telling":
        services.record_telling(concern, by=by, **data)
    elif step == "report":
        threshold = current_threshold(request.organisation, request.LANGUAGE_CODE)
        services.record_report(concern, by=by, threshold=threshold, **data)
    elif step == "outcome":
        services.record_outcome(concern, by=by, **data)
    else:
        raise services.SafeguardingError(_("Choose what you are recording."))


@login_required
def concern(request: HttpRequest, concern_id: int) -> HttpResponse:
    """One concern: what happened, who it reached, every step; and, for those who handle it, the forms."""
    concern = concern_for(request, concern_id)
    membership = request.membership
    step = request.POST.get("step", "") if request.method == "POST" else ""
    forms = {
        "action": ActionForm(prefix="action"),
        "telling": TellingForm(
            prefix="telling",
            initial={
                "peer_told": concern.peer_told,
                "not_told_why": concern.not_told_why,
                "peer_wishes": concern.peer_wishes,
            },
        ),
        "report": ReportForm(
            prefix="report",
            initial={
                "report": concern.report,
                "authority": concern.authority,
                "reported_on": concern.reported_on,
                "notes": concern.report_notes,
            },
        ),
        "outcome": OutcomeForm(prefix="outcome", initial={"outcome": concern.outcome, "notes": concern.outcome_notes}),
    }
    error = ""
    if request.method == "POST":
        form = STEPS[step](request.POST, prefix=step) if step in STEPS else None
        if form is not None:
            forms[step] = form
        if form is None or form.is_valid():
            try:
                _do_step(step, concern, membership, form, request)
            except services.SafeguardingError as refusal:
                error = str(refusal)
            else:
                messages.success(request, _("Saved."))
                return redirect("safeguarding:concern", concern_id=concern.pk)
        else:
            error = _("Please look at what is marked below.")
    context = {
        "concern": concern,
        "peer": concern.peer,
        "forms": forms,
        "error": error,
        "step": step,
        "can_handle": may_handle(membership, concern) and concern.is_open,
        "can_report": may_report(membership, concern) and concern.is_open,
        "recipients": ConcernRecipient.objects.filter(concern=concern).select_related(
            "membership__user", "instead_of__user"
        ),
        "actions": ConcernAction.objects.filter(concern=concern).select_related("added_by__user", "done_by__user"),
        "steps": ConcernStep.objects.filter(concern=concern).select_related("by__user", "to__user"),
        "threshold": current_threshold(request.organisation, request.LANGUAGE_CODE),
        "today": timezone.localdate(),
    }
    return _no_store(render(request, "safeguarding/concern.html", context, status=200))


@login_required
def peer_safety(request: HttpRequest, peer_id: int) -> HttpResponse:
    """Staff safety on one peer: the flags (add, lift) and a record of aggression."""
    peer = peer_for(request, peer_id, Do.RECORD_SAFETY_FLAGS, reason="staff safety")
    membership = request.membership
    flag_form, aggression_form = FlagForm(prefix="flag"), AggressionForm(prefix="aggression")
    error = ""
    if request.method == "POST":
        step = request.POST.get("step", "")
        try:
            if step == "flag":
                flag_form = FlagForm(request.POST, prefix="flag")
                if flag_form.is_valid():
                    services.add_flag(peer, by=membership, **flag_form.cleaned_data)
                    messages.success(request, _("The flag is on their record."))
                    return redirect("safeguarding:peer_safety", peer_id=peer.pk)
            elif step == "aggression":
                aggression_form = AggressionForm(request.POST, prefix="aggression")
                if aggression_form.is_valid():
                    services.record_aggression(peer, by=membership, **aggression_form.cleaned_data)
                    messages.success(request, _("It is recorded. Thank you for telling us; look after yourself."))
                    return redirect("safeguarding:peer_safety", peer_id=peer.pk)
            elif step == "lift":
                flag_id = record_id_or_none(request.POST.get("flag_id", ""))
                if flag_id is None:
                    raise services.SafeguardingError(_("That flag is not on this peer's record."))
                services.lift_flag(peer, by=membership, flag_id=flag_id)
                messages.success(request, _("The flag is lifted. It stays in the record's history."))
                return redirect("safeguarding:peer_safety", peer_id=peer.pk)
            else:
                error = _("Choose what you are recording.")
        except services.SafeguardingError as refusal:
            error = str(refusal)
    flags = SafetyFlag.objects.filter(peer=peer).select_related("added_by__user", "lifted_by__user")
    return _no_store(
        render(
            request,
            "safeguarding/peer_safety.html",
            {
                "peer": peer,
                "flags": flags,
                "aggression": AggressionRecord.objects.filter(peer=peer).select_related("recorded_by__user"),
                "flag_form": flag_form,
                "aggression_form": aggression_form,
                "error": error,
                "can_lift": can(membership, Do.LIFT_SAFETY_FLAGS),
            },
        )
    )


@login_required
def visit(request: HttpRequest, peer_id: int) -> HttpResponse:
    """Going on a visit: check in (where, back by when); back: check out."""
    peer = peer_for(request, peer_id, Do.CHECK_IN_VISITS, reason="visit")
    membership = request.membership
    current = services.open_visit(peer, membership)
    form = CheckInForm(prefix="visit")
    error = ""
    if request.method == "POST":
        step = request.POST.get("step", "")
        try:
            if step == "out":
                services.check_out(peer, by=membership)
                messages.success(request, _("You are checked out. Welcome back."))
                return redirect("people:peer_detail", peer_id=peer.pk)
            form = CheckInForm(request.POST, prefix="visit")
            if step == "in" and form.is_valid():
                services.check_in(peer, by=membership, where=form.cleaned_data["where"], back_by=form.back_by())
                messages.success(request, _("You are checked in. Check out when you are back."))
                return redirect("safeguarding:visit", peer_id=peer.pk)
            if step != "in":
                error = _("Choose what you are recording.")
        except services.SafeguardingError as refusal:
            error = str(refusal)
    flags = SafetyFlag.objects.filter(peer=peer, lifted_at__isnull=True)
    return _no_store(
        render(
            request,
            "safeguarding/visit.html",
            {"peer": peer, "current": current, "form": form, "error": error, "flags": flags},
        )
    )


@login_required
def rota(request: HttpRequest) -> HttpResponse:
    """The on-call rota: who is the duty coordinator, and who deputises, from a day to a day."""
    require(request, Do.KEEP_ON_CALL_ROTA, "oncall")
    form = OnCallForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_on_call(
                by=request.membership,
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                duty_coordinator=data["duty_coordinator"],
                default_deputy=data["default_deputy"],
                deputies=form.deputies(),
            )
        except services.SafeguardingError as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The rota is saved."))
            return redirect("safeguarding:rota")
    periods = (
        OnCall.objects.filter(organisation=request.organisation, ends_on__gte=timezone.localdate())
        .select_related("duty_coordinator__user", "default_deputy__user")
        .prefetch_related("deputies__supervisor__user", "deputies__deputy__user")
        .order_by("starts_on", "pk")
    )
    return render(
        request,
        "safeguarding/rota.html",
        {"form": form, "periods": periods, "now_on_call": services.on_call(request.organisation)},
    )
