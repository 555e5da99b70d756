from __future__ import annotations

from collections.abc import Iterator

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction

from encryption.fields import decrypt, encrypt
from encryption.registry import EncryptedValues, Rewrite


class InvitationOnlyAdapter(DefaultAccountAdapter):
    """No open sign-up: people join when an organisation admin invites them."""

    def is_open_for_signup(self, request):
        return False

    def confirm_email(self, request, email_address) -> bool:
        """Opening the link sent to an address proves it, unless another account signs in with it.

        allauth only compares verified EmailAddress rows; an account made without one (the demo's
        bulk seed, say) still owns its sign-in address. All or nothing, so a refused change leaves no
        half-verified address behind.
        """
        from django.contrib import messages
        from django.utils.translation import gettext as _

        from .services import account_for_address

        holder = account_for_address(email_address.email)
        if holder is not None and holder.pk != email_address.user_id:
            messages.error(
                request, _("This address belongs to another account, so it cannot be added. Nothing has changed.")
            )
            return False
        with transaction.atomic():
            return super().confirm_email(request, email_address)


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and recovery-code seeds are encrypted at rest like every other secret.

    They live inside ``Authenticator.data`` (JSON), so key rotation finds them through
    ``MFA_SECRETS`` below, registered with ``encryption.registry`` (see AccountsConfig.ready).
    """

    def encrypt(self, text: str) -> str:
        return encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt(encrypted_text)

    def can_delete_authenticator(self, authenticator) -> bool:
        from .middleware import user_needs_mfa

        return not user_needs_mfa(authenticator.user)

    def get_totp_issuer(self) -> str:
        return settings.MFA_TOTP_ISSUER


# Where allauth keeps, in Authenticator.data, what it encrypts through MFAAdapter.encrypt: the TOTP
# secret, the seed recovery codes are derived from, and recovery codes migrated from elsewhere (a list).
ENCRYPTED_KEYS = ("secret", "seed")
ENCRYPTED_LISTS = ("migrated_codes",)


def _mfa_tokens() -> Iterator[str]:
    for data in Authenticator.objects.values_list("data", flat=True).iterator():
        yield from (data[key] for key in ENCRYPTED_KEYS if data.get(key))
        for key in ENCRYPTED_LISTS:
            yield from data.get(key) or []


def _rewrite_mfa(change: Rewrite) -> int:
    rewritten = 0
    with transaction.atomic():
        for authenticator in Authenticator.objects.select_for_update().only("data"):
            data = dict(authenticator.data)
            for key in ENCRYPTED_KEYS:
                if data.get(key):
                    data[key] = change(data[key])
                    rewritten += 1
            for key in ENCRYPTED_LISTS:
                if data.get(key):
                    data[key] = [change(token) for token in data[key]]
                    rewritten += len(data[key])
            if data != authenticator.data:
                authenticator.data = data
                authenticator.save(update_fields=["data"])
    return rewritten


MFA_SECRETS = EncryptedValues("allauth.mfa.Authenticator.data", _mfa_tokens, _rewrite_mfa)
