"""Signed-in sessions (one's own, and an admin's for the team) and the retention periods."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from access.lookups import refuse, require
from access.policy import Do
from organisations.models import Membership

from . import retention, services
from .forms import EndSessionForm, RetentionForm
from .models import RetentionSettings, SignedInSession
from .sessions import reference


def _rows(sessions, current_key: str = ""):
    return [
        {"ref": reference(s.session_key), "device": s.device, "signed_in_at": s.signed_in_at,
         "last_seen": s.last_seen, "this_one": s.session_key == current_key}
        for s in sessions
    ]  # fmt: skip


@login_required
def my_sessions(request: HttpRequest) -> HttpResponse:
    """Where I am signed in; end any of them (a lost phone)."""
    if request.method == "POST":
        form = EndSessionForm(request.POST)
        ref = form.cleaned_data["session"] if form.is_valid() else ""
        this_one = ref == reference(request.session.session_key or "")
        if ref and services.end_session(request.user, ref, by=request.user, organisation=request.organisation):
            if this_one:
                logout(request)
                return redirect("account_login")
            messages.success(request, _("That session has ended: it is signed out."))
        else:
            messages.error(request, _("That session had already ended."))
        return redirect("resilience:my_sessions")
    rows = _rows(services.sessions_of(request.user), request.session.session_key or "")
    return render(request, "resilience/my_sessions.html", {"rows": rows})


@login_required
def team_sessions(request: HttpRequest) -> HttpResponse:
    """An admin sees where each member of their organisation is signed in, and ends a session."""
    require(request, Do.INVITE_MEMBERS, "session")  # the admin, as for the team page
    organisation = request.organisation
    if request.method == "POST":
        form = EndSessionForm(request.POST)
        if not form.is_valid() or not form.cleaned_data.get("member"):
            messages.error(request, _("That session had already ended."))
            return redirect("resilience:team_sessions")
        member_id = form.cleaned_data["member"]
        member = Membership.objects.filter(organisation=organisation, pk=member_id).select_related("user").first()
        if member is None:
            raise refuse(request, "membership", member_id)
        if services.end_session(member.user, form.cleaned_data["session"], by=request.user, organisation=organisation):
            messages.success(request, _("That session has ended: it is signed out."))
        else:
            messages.error(request, _("That session had already ended."))
        return redirect("resilience:team_sessions")
    members = list(
        Membership.objects.filter(organisation=organisation, is_active=True).select_related("user").order_by("pk")
    )
    by_user: dict[int, list] = {}
    sessions = SignedInSession.objects.filter(
        user__in=[m.user_id for m in members], expire_date__gt=timezone.now()
    ).order_by("-last_seen", "pk")
    for s in sessions:
        by_user.setdefault(s.user_id, []).append(s)
    rows = [{"member": m, "sessions": _rows(by_user.get(m.user_id, []))} for m in members]
    return render(request, "resilience/team_sessions.html", {"rows": rows})


@login_required
def retention_settings(request: HttpRequest) -> HttpResponse:
    """How long each kind of record is kept, in days (defaults in docs/backups.md)."""
    require(request, Do.MANAGE_ORGANISATION, "retentionsettings")
    organisation = request.organisation
    current = RetentionSettings.objects.filter(organisation=organisation).first() or RetentionSettings(
        organisation=organisation
    )
    form = RetentionForm(instance=current)
    if request.method == "POST":
        form = RetentionForm(request.POST, instance=current)
        if form.is_valid():
            retention.set_periods(
                organisation, by=request.membership, **{k: form.cleaned_data[k] for k in retention.KINDS}
            )
            messages.success(request, _("Settings saved."))
            return redirect("resilience:retention")
    return render(request, "resilience/retention.html", {"form": form})
