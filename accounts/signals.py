"""Keep allauth's record of this session's second step true when authenticators come and go."""

from __future__ import annotations

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added, authenticator_removed
from django.dispatch import receiver


@receiver(authenticator_added)
def setting_up_counts_as_the_second_step(sender, request, user, authenticator, **kwargs) -> None:
    """Setting up TOTP needs a valid code from the new authenticator: this session has passed the step."""
    if request is not None and authenticator.type == Authenticator.Type.TOTP:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type, enrolled=True)


@receiver(authenticator_removed)
def removing_it_takes_the_step_back(sender, request, user, authenticator, **kwargs) -> None:
    """Without an authenticator, this session no longer counts as having passed the second step."""
    if request is None or Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        return
    records = request.session.get(AUTHENTICATION_METHODS_SESSION_KEY)
    if isinstance(records, list):
        request.session[AUTHENTICATION_METHODS_SESSION_KEY] = [r for r in records if r.get("method") != "mfa"]
