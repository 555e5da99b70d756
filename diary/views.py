"""The diary's pages. Each view: check (audited), call one service, render."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from access.lookups import refuse, require, supporter_for
from access.policy import Do, can

from . import services
from .access import assignment_to_plan_on, diary_assignments, may_change, meeting_for
from .feed import calendar
from .forms import MeetingForm, OutcomeForm, SettingsForm
from .models import Meeting


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    return response


def _weeks(meetings) -> list[dict]:
    """This week and next, each with its meetings (already in order)."""
    listed, start = services.this_week_and_next(meetings)
    rows = list(listed)
    weeks = []
    for number, title in enumerate((_("This week"), _("Next week"))):
        begins = start + timedelta(weeks=number)
        ends = begins + timedelta(weeks=1)
        weeks.append({"title": title, "begins": begins, "meetings": [m for m in rows if begins <= m.starts_at < ends]})
    return weeks


@login_required
def diary(request: HttpRequest) -> HttpResponse:
    """The member's own diary: this week and next, and whom they can plan a meeting with."""
    require(request, Do.SEE_DIARY, "diary")
    membership = request.membership
    own = Meeting.objects.filter(assignment__in=diary_assignments(membership).current().filter(worker=membership))
    can_plan = (
        diary_assignments(membership, to_plan=True)
        .select_related("peer")
        .only("pk", "peer_id", "peer__chosen_name", "kind", "organisation_id")
        .order_by("peer__chosen_name", "pk")
    )
    return _no_store(
        render(
            request,
            "diary/diary.html",
            {"weeks": _weeks(own), "can_plan": list(can_plan), "whose": None},
        )
    )


@login_required
def supporter_diary(request: HttpRequest, supporter_id: int) -> HttpResponse:
    """A supervisor's or coordinator's read of a peer supporter's diary (their current assignments)."""
    if not can(getattr(request, "membership", None), Do.SEE_DIARY):
        raise refuse(request, "peersupporter", supporter_id)
    supporter = supporter_for(request, supporter_id)
    reader = request.membership
    meetings = Meeting.objects.filter(
        assignment__in=diary_assignments(reader).current().filter(worker_id=supporter.membership_id)
    )
    return _no_store(
        render(request, "diary/diary.html", {"weeks": _weeks(meetings), "can_plan": [], "whose": supporter})
    )


@login_required
def plan(request: HttpRequest, peer_id: int, assignment_id: int) -> HttpResponse:
    assignment = assignment_to_plan_on(request, peer_id, assignment_id)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.plan_meeting(assignment=assignment, by=request.membership, plan=form.plan())
        except services.DiaryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("It is in your diary."))
            return redirect("diary:meeting", peer_id=meeting.peer_id, meeting_id=meeting.pk)
    return _no_store(
        render(request, "diary/meeting_form.html", {"form": form, "peer": assignment.peer, "meeting": None})
    )


@login_required
def meeting(request: HttpRequest, peer_id: int, meeting_id: int) -> HttpResponse:
    found = meeting_for(request, peer_id, meeting_id)
    return _no_store(
        render(
            request,
            "diary/meeting.html",
            {
                "meeting": found,
                "peer": found.peer,
                "can_change": may_change(request.membership, found),
                "now": timezone.now(),
            },
        )
    )


@login_required
def move(request: HttpRequest, peer_id: int, meeting_id: int) -> HttpResponse:
    found = meeting_for(request, peer_id, meeting_id, to_change=True)
    form = MeetingForm(request.POST or None, meeting=found)
    if request.method == "POST" and form.is_valid():
        try:
            services.move_meeting(meeting=found, by=request.membership, plan=form.plan())
        except services.DiaryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The meeting is moved."))
            return redirect("diary:meeting", peer_id=found.peer_id, meeting_id=found.pk)
    return _no_store(render(request, "diary/meeting_form.html", {"form": form, "peer": found.peer, "meeting": found}))


@login_required
@require_POST
def cancel(request: HttpRequest, peer_id: int, meeting_id: int) -> HttpResponse:
    found = meeting_for(request, peer_id, meeting_id, to_change=True)
    try:
        services.cancel_meeting(meeting=found, by=request.membership)
    except services.DiaryError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The meeting is cancelled. It stays in the diary, marked cancelled."))
    return redirect("diary:meeting", peer_id=found.peer_id, meeting_id=found.pk)


@login_required
@require_POST
def outcome(request: HttpRequest, peer_id: int, meeting_id: int) -> HttpResponse:
    found = meeting_for(request, peer_id, meeting_id, to_change=True)
    form = OutcomeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether it happened or did not take place."))
    else:
        try:
            services.record_outcome(meeting=found, by=request.membership, status=form.cleaned_data["status"])
        except services.DiaryError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Thank you. It is noted."))
    return redirect("diary:meeting", peer_id=found.peer_id, meeting_id=found.pk)


@login_required
def diary_settings(request: HttpRequest) -> HttpResponse:
    """The member's reminders and what their calendar feed shows; the feed's private address."""
    require(request, Do.SEE_DIARY, "diary")
    chosen = services.settings_of(request.membership)
    form = SettingsForm(
        request.POST or None, initial={"reminder_lead": chosen.reminder_lead, "feed_detail": chosen.feed_detail}
    )
    if request.method == "POST" and form.is_valid():
        services.choose_settings(membership=request.membership, **form.cleaned_data)
        messages.success(request, _("Your diary settings are saved."))
        return redirect("diary:settings")
    return _no_store(
        render(
            request,
            "diary/settings.html",
            {"form": form, "chosen": chosen, "feed_url": request.session.pop("diary_feed_url", None)},
        )
    )


@login_required
@require_POST
def renew_feed(request: HttpRequest) -> HttpResponse:
    """A new private address for the feed, shown once on the settings page; the old one stops."""
    require(request, Do.SEE_DIARY, "diary")
    token = services.renew_feed(membership=request.membership)
    # Kept in the session (on the server) for the one page that shows it, never in a URL.
    request.session["diary_feed_url"] = request.build_absolute_uri(reverse("diary:feed", args=[token]))
    messages.success(request, _("Your calendar feed has a new private address. The old one no longer works."))
    return redirect("diary:settings")


@login_required
@require_POST
def stop_feed(request: HttpRequest) -> HttpResponse:
    require(request, Do.SEE_DIARY, "diary")
    services.stop_feed(membership=request.membership)
    messages.success(request, _("Your calendar feed is stopped. Its address no longer works."))
    return redirect("diary:settings")


def _plain_404() -> HttpResponse:
    return _no_store(HttpResponseNotFound(b"Not found\n", content_type="text/plain; charset=utf-8"))


@require_GET
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The member's calendar feed, opened by its private token alone: no session, no cookie."""
    found = services.feed_for(token)
    if found is None:
        return _plain_404()
    chosen, meetings = found
    response = HttpResponse(calendar(chosen, meetings), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="alongside.ics"'
    return _no_store(response)
