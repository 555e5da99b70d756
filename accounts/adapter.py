from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings

from encryption.fields import decrypt, encrypt


class InvitationOnlyAdapter(DefaultAccountAdapter):
    """No open sign-up: people join when an organisation admin invites them."""

    def is_open_for_signup(self, request):
        return False


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets are encrypted at rest like every other secret."""

    def encrypt(self, text: str) -> str:
        return encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt(encrypted_text)

    def can_delete_authenticator(self, authenticator) -> bool:
        from .middleware import needs_mfa

        return not needs_mfa(authenticator.user)

    def get_totp_issuer(self) -> str:
        return settings.MFA_TOTP_ISSUER
