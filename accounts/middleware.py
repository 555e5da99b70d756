from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from access.policy import role_sees_people


class UserLanguageMiddleware:
    """A signed-in user's chosen language wins over the browser's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


def needs_mfa(user) -> bool:
    """Two-step sign-in is required for anyone whose role can see a person (or whose organisation says so)."""
    return any(
        role_sees_people(m.role) or m.organisation.require_mfa_for_everyone
        for m in user.memberships.active().select_related("organisation")
    )


def has_mfa(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMFAMiddleware:
    """Until a user who needs two-step sign-in has set it up, every page sends them to set it up."""

    ALWAYS_OPEN = ("/accounts/", "/static/", "/healthz", "/language/", "/session/")
    SESSION_FLAG = "mfa_checked_for"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and request.session.get(self.SESSION_FLAG) != user.pk
            and not request.path.startswith(self.ALWAYS_OPEN)
        ):
            if needs_mfa(user) and not has_mfa(user):
                return redirect(reverse("mfa_activate_totp"))
            # Checked once per session: an authenticator cannot be removed while it is required
            # (see MFAAdapter.can_delete_authenticator).
            request.session[self.SESSION_FLAG] = user.pk
        return self.get_response(request)
