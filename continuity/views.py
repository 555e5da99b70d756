"""Endings, coming back and cover. Each view: check (audited), call one service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from access.lookups import peer_for

from access.policy import Do

from . import services
from .access import ending_for
from .forms import ClosingConversationForm, ComingBackForm, EndingForm
from .models import ClosingConversation


@login_required
def plan_ending(request: HttpRequest, peer_id: int, assignment_id: int) -> HttpResponse:
    """When the support will end and why: planned with the peer, so that it can end well."""
    assignment = ending_for(request, peer_id, assignment_id)
    initial = {"ends_on": assignment.ends_on or timezone.localdate(), "reason": assignment.ending_reason or None}
    form = EndingForm(request.POST or None, initial={k: v for k, v in initial.items() if v})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_ending(
                assignment, by=request.membership, on=form.cleaned_data["ends_on"], reason=form.cleaned_data["reason"]
            )
        except services.ContinuityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The ending is planned. The support goes on until that day."))
            return redirect("people:peer_detail", peer_id=assignment.peer_id)
    return render(
        request, "continuity/ending_form.html", {"assignment": assignment, "peer": assignment.peer, "form": form}
    )


@login_required
def closing_conversation(request: HttpRequest, peer_id: int, assignment_id: int) -> HttpResponse:
    """What was said at the end, in the peer's words, and what they would like if they come back."""
    assignment = ending_for(request, peer_id, assignment_id)
    if assignment.ends_on is None:
        messages.info(request, _("Plan the ending first; then record the closing conversation."))
        return redirect("continuity:plan_ending", peer_id=assignment.peer_id, assignment_id=assignment.pk)
    existing = ClosingConversation.objects.filter(assignment=assignment).first()
    initial = {"had_on": min(assignment.ends_on, timezone.localdate())}
    if existing is not None:
        initial = {
            "had_on": existing.had_on,
            "in_their_words": existing.in_their_words,
            "come_back_to": existing.come_back_to,
            "if_they_come_back": existing.if_they_come_back,
        }
    form = ClosingConversationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.record_closing_conversation(assignment, by=request.membership, **form.cleaned_data)
        except services.ContinuityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The closing conversation is saved. The door stays open."))
            return redirect("people:peer_detail", peer_id=assignment.peer_id)
    response = render(
        request,
        "continuity/closing_form.html",
        {"assignment": assignment, "peer": assignment.peer, "form": form, "existing": existing},
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def coming_back(request: HttpRequest, peer_id: int) -> HttpResponse:
    """A peer whose support ended comes back: a new peer support, the history kept."""
    peer = peer_for(request, peer_id, Do.ASSIGN_WORKERS)
    if services.has_peer_support_now_or_planned(peer):
        messages.info(request, _("They already have a peer supporter."))
        return redirect("people:peer_detail", peer_id=peer.pk)
    last = services.last_ended_support(peer)
    suggested = services.suggested_on_return(peer)
    form = ComingBackForm(
        request.POST or None, organisation=request.organisation, initial={"supporter": suggested} if suggested else {}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.come_back(peer, supporter=form.cleaned_data["supporter"], by=request.membership)
        except services.ContinuityError as error:
            form.add_error("supporter", str(error))
        else:
            messages.success(request, _("Welcome back: their new peer support starts today. What came before is kept."))
            return redirect("people:peer_detail", peer_id=peer.pk)
    return render(
        request,
        "continuity/coming_back.html",
        {"peer": peer, "form": form, "last": last, "suggested": suggested},
    )
