"""Signing in through the real pages (password, then the second step), for the stories in this folder."""

from __future__ import annotations

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

from conftest import TOTP_SECRET

PASSWORD = "a long test password"


def totp_code(secret: str = TOTP_SECRET) -> str:
    """What the authenticator app shows now (waiting out a period's last seconds, so it is still valid)."""
    if time.time() % 30 > 28:
        time.sleep(30 - time.time() % 30 + 0.2)
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


def sign_in(client, email: str, password: str = PASSWORD, *, code: str | None = None, next: str = ""):
    """The sign-in page, then (when asked) the code page. Returns the last response."""
    url = "/accounts/login/" + (f"?next={next}" if next else "")
    response = client.post(url, {"login": email, "password": password, **({"next": next} if next else {})})
    if response.status_code == 302 and response["Location"].startswith("/accounts/2fa/authenticate/"):
        response = client.post("/accounts/2fa/authenticate/", {"code": code or totp_code()})
    return response


def signed_in_as(client):
    """The account this browser is signed in to, or None."""
    from accounts.models import User

    user_id = client.session.get("_auth_user_id")
    return User.objects.filter(pk=user_id).first() if user_id else None
