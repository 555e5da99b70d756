from __future__ import annotations

from allauth.account.internal.flows.login import record_authentication
from allauth.account.views import email as allauth_email
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
from organisations import middleware as tenancy
from organisations.models import Membership

from . import idle, services
from .forms import AcceptInvitationForm, InvitationForm
from .middleware import ask_for_the_code, has_mfa, second_step_done
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
        # A supporter erased here is nobody's teammate (unless invited back since: active again).
        .exclude(is_active=False, supporter_profile__erased_at__isnull=False)
        .select_related("user")
        .order_by("user__display_name")
    )
    invitations = Invitation.objects.filter(organisation=request.organisation, accepted_at__isnull=True)
    return render(request, "accounts/team.html", {"form": form, "members": members, "invitations": invitations})


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The join page. The link proves the address; it never signs anyone in to an existing account."""
    invitation = services.open_invitation(token)
    if invitation is None:
        return render(request, "accounts/invitation_closed.html", status=404)
    if services.account_for_address(invitation.email) is None:
        return _join_with_new_account(request, invitation)
    return _join_with_existing_account(request, invitation)


def _join_with_new_account(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    if request.user.is_authenticated:
        # Creating the account would sign this browser out of the one it holds; let them choose.
        return render(request, "accounts/accept_invitation.html", {"invitation": invitation, "step": "sign_out_first"})
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.accept_invitation_with_new_account(invitation, form.cleaned_data["password"])
        except services.InvitationError as error:
            form.add_error(None, str(error))
        else:
            login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
            # They have just chosen this password: allauth need not ask for it again before setup.
            record_authentication(request, user, "password", email=user.email, reauthenticated=True)
            request.session[tenancy.SESSION_KEY] = invitation.organisation_id
            messages.success(request, _("Welcome. One more step: set up two-step sign-in."))
            return redirect("home:dashboard")
    return render(request, "accounts/accept_invitation.html", {"form": form, "invitation": invitation, "step": "new"})


def _join_with_existing_account(request: HttpRequest, invitation: Invitation) -> HttpResponse:
    context = {"invitation": invitation, "next": request.path}
    if not request.user.is_authenticated:
        return render(request, "accounts/accept_invitation.html", {**context, "step": "sign_in"})
    if not services.owns_address(request.user, invitation.email):
        return render(request, "accounts/accept_invitation.html", {**context, "step": "other_account"}, status=403)
    if has_mfa(request.user) and not second_step_done(request):
        return ask_for_the_code(request)
    if request.method == "POST":
        try:
            services.accept_invitation_as(invitation, request.user)
        except services.InvitationError as error:
            messages.error(request, str(error))
            return redirect("home:dashboard")
        request.session[tenancy.SESSION_KEY] = invitation.organisation_id
        messages.success(request, _("You have joined %(organisation)s.") % {"organisation": invitation.organisation})
        return redirect("home:dashboard")
    return render(request, "accounts/accept_invitation.html", {**context, "step": "accept"})


@login_required
def email(request: HttpRequest) -> HttpResponse:
    """allauth's address page, with the rule it leaves to settings spelled out: a sign-in address must be
    proved and nobody else's. allauth refuses such a change too once every account has a verified
    address; this keeps it a kind message rather than a database error for any account or input."""
    if (
        request.method == "POST"
        and "action_primary" in request.POST
        and not services.may_become_sign_in_address(request.user, request.POST.get("email", ""))
    ):
        messages.error(
            request,
            _("An address becomes your sign-in address once you open the link we sent to it. Nothing has changed."),
        )
        return redirect("account_email")
    return allauth_email(request)


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
            settings.LANGUAGE_COOKIE_NAME,
            language,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,  # no script reads it: the page says its language
        )
    return response


@login_required
@require_POST
def keepalive(request: HttpRequest) -> HttpResponse:
    """The "stay signed in" button: starts the idle clock again, however recently it last moved."""
    idle.touch(request, force=True)
    return JsonResponse({"signed_in": True, "idle_seconds": settings.SESSION_COOKIE_AGE})
