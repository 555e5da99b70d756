"""Works out which organisation a request works in, and opens the scope for person data."""

from __future__ import annotations

from .models import Membership
from .tenancy import organisation_scope

SESSION_KEY = "organisation_id"


def active_memberships(user) -> list[Membership]:
    if not user.is_authenticated:
        return []
    if hasattr(user, "active_memberships"):  # read with the user (accounts.backends): no query of its own
        return user.active_memberships
    # With the peer supporter profile (or none) each page's navigation links to: no query of its own.
    memberships = list(
        Membership.objects.active()
        .filter(user=user)
        .select_related("organisation", "supporter_profile")
        .order_by("organisation__name")
    )
    for membership in memberships:
        membership.user = user  # the request's user: no second query for membership.user
    return memberships


def current_membership(request, memberships: list[Membership]) -> Membership | None:
    """The membership the user chose (kept in the session), or their first one."""
    chosen = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.organisation_id == chosen:
            return membership
    return memberships[0] if memberships else None


class TenancyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.memberships = active_memberships(request.user)
        membership = current_membership(request, request.memberships)
        request.membership = membership
        request.organisation = membership.organisation if membership else None
        if request.organisation is None:
            # No scope: any query of person data raises ScopeError instead of leaking.
            return self.get_response(request)
        with organisation_scope(request.organisation):
            return self.get_response(request)
