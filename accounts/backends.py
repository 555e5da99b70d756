"""allauth's sign-in backend, reading a signed-in user and their active memberships in one query.

Every request reads its user from the session (``get_user``), and the tenancy middleware then needs
that user's active memberships with their organisations. Fetching the memberships with their user
joined answers both at once; someone with no active membership is read the usual way.
"""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend

from organisations.models import Membership


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        memberships = list(
            Membership.objects.active()
            .filter(user_id=user_id)
            .select_related("user", "organisation", "supporter_profile")
            .order_by("organisation__name")
        )
        if not memberships:
            user = super().get_user(user_id)
            if user is not None:
                user.active_memberships = []
            return user
        user = memberships[0].user
        if not self.user_can_authenticate(user):
            return None
        for membership in memberships:
            membership.user = user  # one object: membership.user is request.user
        user.active_memberships = memberships
        return user
