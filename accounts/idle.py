"""Idle sign-out: a session ends after IDLE_TIMEOUT_MINUTES without a request, with a warning first.

The session keeps the time of its last request, to the minute: a read within a minute of the last
recorded one writes nothing (a page view is a read, not a write to the session table), and any
request a minute or more later moves the clock and saves the session. A session whose clock is
older than the timeout is signed out here, whatever its row's expiry date says. So a session
ends between ``timeout - TOUCH_EVERY`` and ``timeout`` seconds after its last request, never later,
and the page is told exactly how long it has left (``seconds_left``), so the warning comes in time.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest

SESSION_KEY = "idle_clock"  # epoch seconds of the last recorded request
TOUCH_EVERY = 60  # seconds: how often a reading session is written to move its clock
HEADER = "X-Idle-Seconds"  # seconds the session has left, on every signed-in response (for htmx swaps)


def _timeout() -> int:
    return settings.SESSION_COOKIE_AGE


def touch(request: HttpRequest, *, force: bool = False) -> None:
    """Move the idle clock to now, if it is a minute or more behind (or ``force``)."""
    now = int(time.time())
    last = request.session.get(SESSION_KEY)
    if force or not isinstance(last, int) or now - last >= TOUCH_EVERY:
        request.session[SESSION_KEY] = now


def seconds_left(request: HttpRequest) -> int:
    """Seconds until this session is signed out for inactivity."""
    last = request.session.get(SESSION_KEY)
    if not isinstance(last, int):
        return _timeout()
    return max(0, _timeout() - (int(time.time()) - last))


class IdleTimeoutMiddleware:
    """Signs out a session idle for the timeout; moves its clock at most once a minute."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            last = request.session.get(SESSION_KEY)
            if isinstance(last, int) and int(time.time()) - last >= _timeout():
                logout(request)  # flushes the session: this request goes on signed out
            else:
                touch(request)
        response = self.get_response(request)
        if request.user.is_authenticated and SESSION_KEY in request.session:
            if request.session.modified:  # saved anyway: record this request exactly
                touch(request, force=True)
            response.headers.setdefault(HEADER, str(seconds_left(request)))
        return response
