"""allauth's sign-in backend, reading a signed-in user and their active memberships in one query.

Every request reads its user from the session (``get_user``), and the tenancy middleware then needs
that user's active memberships with their organisations. Fetching the memberships with their user
joined answers both at once; someone with no active membership is read the usual way.
"""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend

from encryption.fields import EncryptedTextField
from organisations.models import Membership
from people.models import PeerSupporter

ENCRYPTED_PROFILE_FIELDS = [
    f"supporter_profile__{field.name}"
    for field in PeerSupporter._meta.concrete_fields
    if isinstance(field, EncryptedTextField)
]


class AuthenticationBackend(AllauthBackend):
    def get_user(self, user_id):
        memberships = list(
            Membership.objects.active()
            .filter(user_id=user_id)
            .select_related("user", "organisation", "supporter_profile")
            # A peer supporter's own story and hours are not decrypted on every page they open.
            .defer(*ENCRYPTED_PROFILE_FIELDS)
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
