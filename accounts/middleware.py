from __future__ import annotations

import time
from collections.abc import Iterable
from urllib.parse import urlencode

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY, get_authentication_records
from allauth.mfa.models import Authenticator
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from access.policy import role_sees_people

# allauth keeps, beside its list of the ways this session was authenticated, whose list it is.
AUTHENTICATION_USER_SESSION_KEY = "account_authentication_methods_user"


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


def needs_mfa(memberships: Iterable) -> bool:
    """Two-step sign-in is required for anyone whose role can see a person (or whose organisation says so).

    Takes active memberships with their organisations loaded (``request.memberships`` has them).
    """
    return any(role_sees_people(m.role) or m.organisation.require_mfa_for_everyone for m in memberships)


def user_needs_mfa(user) -> bool:
    return needs_mfa(user.memberships.active().select_related("organisation"))


def has_mfa(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def second_step_done(request) -> bool:
    """Did this session pass the second step (a code at sign-in, or setting up the authenticator)?

    allauth records each way a session was authenticated, for its user, in the session itself.
    """
    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


def mark_signed_in_with_second_step(session, user) -> None:
    """Write into a session what signing in with a password and then a code leaves there.

    For sessions made without the sign-in pages: the test client's force_login, bench/pages.py.
    """
    now = time.time()
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": now, "email": user.email},
        {"method": "mfa", "at": now, "type": Authenticator.Type.TOTP},
    ]
    session[AUTHENTICATION_USER_SESSION_KEY] = str(user.pk)


def ask_for_the_code(request):
    """To allauth's code page, and back to this page once the code is typed."""
    return redirect(f"{reverse('mfa_reauthenticate')}?{urlencode({'next': request.path})}")


class RequireMFAMiddleware:
    """Anyone whose current memberships need two-step sign-in reaches no page until this session has passed it.

    Decided on every request from ``request.memberships`` (loaded by TenancyMiddleware, organisations
    included) and the session: no query, no session write. A role change, a new membership or an
    organisation starting to require it takes effect on the next request. Only when the step is owed
    is the database asked whether an authenticator exists (to ask for a code, or to set one up).
    """

    # What someone who still owes the second step may reach: signing in and out, the second step itself
    # (and the password check allauth asks before setting it up), a password reset, and joining.
    # Not the rest of /accounts/2fa/: its pages show, download and remake recovery codes after only the
    # password is typed again, which would let a password alone pass the step.
    OPEN_BEFORE_SECOND_STEP = (
        "/accounts/2fa/authenticate/",
        "/accounts/2fa/reauthenticate/",
        "/accounts/2fa/totp/activate/",
        "/accounts/reauthenticate/",
        "/accounts/login/",
        "/accounts/logout/",
        "/accounts/password/reset/",
        "/accounts/join/",
        "/static/",
        "/healthz",
        "/language/",
        "/session/",
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(self.OPEN_BEFORE_SECOND_STEP)
            and needs_mfa(self.memberships(request))
            and not second_step_done(request)
        ):
            if has_mfa(user):
                return ask_for_the_code(request)
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def memberships(request):
        memberships = getattr(request, "memberships", None)
        if memberships is None:
            return request.user.memberships.active().select_related("organisation")
        return memberships
