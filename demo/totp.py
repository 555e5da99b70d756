from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time

from .cast import DEMO_TOTP_SECRET


def enrol_demo_totp(user) -> None:
    """Demo users come with two-step sign-in already set up, on the documented demo secret."""
    TOTP.activate(user, DEMO_TOTP_SECRET)


def current_demo_code() -> str:
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counters[len(counters) // 2]))
