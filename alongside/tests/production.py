"""Production's settings and environment, for the tests that check what production does.

The test suite runs in ``ALONGSIDE_MODE=test``, which relaxes what a laptop on http://127.0.0.1 needs
(plain-HTTP cookies, no HSTS). These helpers read what ``alongside/settings.py`` says in production,
in a process of its own, so a test can apply exactly those values and never a copy typed by hand.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Settings that decide the security headers and cookies.
SECURITY_PREFIXES = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "LANGUAGE_COOKIE_")
SECURITY_NAMES = ("X_FRAME_OPTIONS",)


def production_env(**extra: str) -> dict[str, str]:
    """An environment in which alongside.settings loads as production does (keys made up for the test)."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ALONGSIDE_TASK_BACKEND"}}
    env.update(
        {
            "ALONGSIDE_MODE": "production",
            "DJANGO_SETTINGS_MODULE": "alongside.settings",
            "DJANGO_SECRET_KEY": "x" * 30 + "a-long-random-production-secret-key-0123456789",
            "ALONGSIDE_ENCRYPTION_KEYS": "tT4cTgaHuF2XdvNvT0EJz4bgE6JCJ7zwD6xAHRq3lvc=",
            "DJANGO_ALLOWED_HOSTS": "alongside.example.org",
            "ALONGSIDE_VAR_DIR": str(ROOT / "var" / "deploy-check"),
        }
    )
    env.pop("DJANGO_DEBUG", None)
    env.update(extra)
    return env


@cache
def production_security_settings() -> dict[str, object]:
    """Every security setting's value as production loads it."""
    script = (
        "import json, alongside.settings as s; "
        f"print(json.dumps({{k: getattr(s, k) for k in dir(s) if k.startswith({SECURITY_PREFIXES!r}) "
        f"or k in {SECURITY_NAMES!r}}}))"
    )
    result = subprocess.run(  # noqa: S603 (our own interpreter, a fixed script)
        [sys.executable, "-c", script], cwd=ROOT, env=production_env(), capture_output=True, text=True, check=True
    )
    values = json.loads(result.stdout)
    if isinstance(values.get("SECURE_PROXY_SSL_HEADER"), list):
        values["SECURE_PROXY_SSL_HEADER"] = tuple(values["SECURE_PROXY_SSL_HEADER"])
    return values
