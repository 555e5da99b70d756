"""The session engine (``SESSION_ENGINE = "resilience.sessions"``): Django's database sessions, in a
table that says whose each session is, so that a user (or their admin) can see and end them.

Each save writes who (the signed-in user), the device summary put in the session at sign-in, and the
time (``last_seen``): the idle clock saves a session at most once a minute (accounts/idle.py), so
"last seen" is right to the minute and a page view still writes nothing.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django.contrib.auth import SESSION_KEY, user_logged_in
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.dispatch import receiver
from django.utils import timezone

DEVICE_KEY = "device"


class SessionStore(DBStore):
    @classmethod
    def get_model_class(cls):
        from .models import SignedInSession

        return SignedInSession

    def create_model_instance(self, data):
        row: Any = super().create_model_instance(data)  # a SignedInSession (get_model_class)
        user_id = data.get(SESSION_KEY)
        row.user_id = int(user_id) if isinstance(user_id, str | int) and str(user_id).isdigit() else None
        row.device = str(data.get(DEVICE_KEY, ""))[:80]
        row.last_seen = timezone.now()
        existing = type(row).objects.filter(session_key=row.session_key).values_list("signed_in_at", flat=True).first()
        row.signed_in_at = existing or row.last_seen
        return row


def reference(session_key: str) -> str:
    """How a page names a session: a digest, never the key itself (which would let anyone holding it in)."""
    return hashlib.sha256(f"alongside-session:{session_key}".encode()).hexdigest()[:20]


_BROWSERS = [("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari")]
_SYSTEMS = [
    ("Android", "Android"),
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Windows", "Windows"),
    ("Mac OS X", "Mac"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
]


def device_of(user_agent: str) -> str:
    """A short summary of a browser's description ("Firefox on Android"), nothing that singles it out."""
    browser = next((name for token, name in _BROWSERS if token in user_agent), "")
    system = next((name for token, name in _SYSTEMS if re.search(re.escape(token), user_agent)), "")
    if browser and system:
        return f"{browser} on {system}"
    return browser or system or "Unknown browser"


@receiver(user_logged_in)
def _note_the_device(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[DEVICE_KEY] = device_of(request.META.get("HTTP_USER_AGENT", "")[:500])
