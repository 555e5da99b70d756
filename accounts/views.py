from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access.lookups import require
from access.policy import Do
from organisations.models import Membership

from . import idle, services
from .forms import AcceptInvitationForm, InvitationForm
from .models import Invitation


@login_required
def team(request: HttpRequest) -> HttpResponse:
    require(request, Do.INVITE_MEMBERS, "membership")
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invite_member(
                organisation=request.organisation,
                invited_by=request.user,
                base_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except services.InvitationError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
            return redirect("accounts:team")
    members = (
        Membership.objects.filter(organisation=request.organisation)
        .select_related("user")
        .order_by("user__display_name")
    )
    invitations = Invitation.objects.filter(organisation=request.organisation, accepted_at__isnull=True)
    return render(request, "accounts/team.html", {"form": form, "members": members, "invitations": invitations})


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = services.open_invitation(token)
    if invitation is None:
        return render(request, "accounts/invitation_closed.html", status=404)
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        user = services.accept_invitation(invitation, form.cleaned_data["password"])
        login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
        request.session["organisation_id"] = invitation.organisation_id
        messages.success(request, _("Welcome. One more step: set up two-step sign-in."))
        return redirect("home:dashboard")
    return render(request, "accounts/accept_invitation.html", {"form": form, "invitation": invitation})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    language = request.POST.get("language", "")
    next_url = request.POST.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    response = redirect(next_url)
    if language in dict(settings.LANGUAGES):
        if request.user.is_authenticated:
            request.user.language = language
            request.user.save(update_fields=["language"])
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax", secure=settings.SESSION_COOKIE_SECURE
        )
    return response


@login_required
@require_POST
def keepalive(request: HttpRequest) -> HttpResponse:
    """The "stay signed in" button: starts the idle clock again, however recently it last moved."""
    idle.touch(request, force=True)
    return JsonResponse({"signed_in": True, "idle_seconds": settings.SESSION_COOKIE_AGE})
