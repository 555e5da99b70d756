"""Every response, of every URL in the URLconf, carries the security headers, and under production's
settings every cookie it sets is Secure, HttpOnly and SameSite.

The URLs are read from the URLconf (as the permission walk does), so a new page is checked the
day it is added. Each is asked signed out (GET and POST) and signed in as a coordinator (GET), with
a record id that does not exist where one is needed: a 404, a redirect to sign in or a refusal
must carry the headers as a page does. The walk runs under the security settings production loads
(``alongside/tests/production.py``), over HTTPS as the proxy hands it on.
"""

from __future__ import annotations

import re
import uuid
from http.cookies import Morsel

import pytest
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from alongside.tests.production import production_security_settings

STRICT_REFERRER_POLICIES = {"no-referrer", "same-origin"}
A_YEAR = 365 * 24 * 3600
# A made-up value for each kind of URL argument: no record has it.
FILLERS = {"int": "987654321", "str": "x", "slug": "x", "path": "x", "uuid": str(uuid.UUID(int=0))}
CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>\w+)>")


def _fill_route(route: str) -> str:
    return "/" + CONVERTER.sub(lambda m: FILLERS[m.group("converter") or "str"], route)


def _fill_regex(regex: str) -> str:
    """A path matching an allauth-style regex route: each group filled with a value it accepts."""
    text = re.sub(r"\(\?P<(\w+)>([^)]*)\)", lambda m: "1" if "0-9" in m.group(2) else "x1", regex)
    path = "/" + text.replace("^", "").replace("$", "").replace("\\", "")
    return path


def every_path() -> list[tuple[str, str]]:
    """(name, a path that reaches it) for every URL pattern, nested includes too."""
    found: list[tuple[str, str]] = []

    def walk(patterns, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
                continue
            assert isinstance(pattern, URLPattern)
            route = prefix + str(pattern.pattern)
            path = _fill_regex(route) if "(?P<" in route or "^" in route else _fill_route(route)
            found.append((pattern.name or route, path))

    walk(get_resolver().url_patterns, "")
    return found


PATHS = every_path()


def security_header_problems(response) -> list[str]:
    problems = []
    csp = response.get("Content-Security-Policy", "")
    directives = {part.split()[0].lower(): part.split()[1:] for part in csp.split(";") if part.strip()}
    if not csp:
        problems.append("no Content-Security-Policy")
    if "'unsafe-inline'" in csp or "'unsafe-eval'" in csp:
        problems.append(f"the CSP allows inline or eval'd script or style: {csp!r}")
    if directives.get("frame-ancestors") != ["'none'"]:
        problems.append("the CSP does not say frame-ancestors 'none'")
    for fetch in ("script-src", "style-src"):
        if fetch not in directives and "default-src" not in directives:
            problems.append(f"the CSP leaves {fetch} open")
    if response.get("X-Frame-Options") != "DENY":
        problems.append("no X-Frame-Options: DENY")
    if response.get("Referrer-Policy") not in STRICT_REFERRER_POLICIES:
        problems.append(f"Referrer-Policy is {response.get('Referrer-Policy')!r}")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    permissions = response.get("Permissions-Policy", "")
    for feature in ("camera", "microphone", "geolocation"):
        if f"{feature}=()" not in permissions:
            problems.append(f"the Permissions-Policy does not switch off {feature}")
    hsts = response.get("Strict-Transport-Security", "")
    match = re.search(r"max-age=(\d+)", hsts)
    if not match or int(match.group(1)) < A_YEAR or "includeSubDomains" not in hsts:
        problems.append(f"Strict-Transport-Security is {hsts!r}")
    return problems


def cookie_problems(response) -> list[str]:
    problems = []
    for name, morsel in response.cookies.items():
        assert isinstance(morsel, Morsel)
        if not morsel["max-age"] and morsel.value == "" and morsel["expires"]:
            continue  # deleting a cookie sets nothing
        for flag in ("secure", "httponly"):
            if not morsel[flag]:
                problems.append(f"cookie {name} is not {flag}")
        if str(morsel["samesite"]).lower() not in {"lax", "strict"}:
            problems.append(f"cookie {name} has SameSite={morsel['samesite']!r}")
    return problems


@pytest.fixture
def production_security():
    with override_settings(**production_security_settings()):
        yield


def _ask(client: Client, method: str, path: str):
    return client.get(path, secure=True) if method == "GET" else client.post(path, {}, secure=True)


def test_the_walk_reaches_every_kind_of_url():
    names = {name for name, _ in PATHS}
    assert {"healthz", "peer_detail", "account_login", "account_reset_password_from_key"} <= names
    assert "/peers/987654321/" in {path for _, path in PATHS}
    assert len(PATHS) == len(set(PATHS)) > 100


def test_every_response_carries_the_security_headers_in_production(cast, client_for, production_security):
    signed_out = Client(raise_request_exception=False)
    signed_in = client_for("cleo")
    signed_in.raise_request_exception = False
    problems = []
    for name, path in PATHS:
        for who, client, method in (("signed out", signed_out, "GET"), ("signed out", signed_out, "POST")) + (
            ("coordinator", signed_in, "GET"),
        ):
            response = _ask(client, method, path)
            found = security_header_problems(response) + cookie_problems(response)
            problems += [f"{method} {path} ({name}, {who}, {response.status_code}): {p}" for p in found]
    assert not problems, "\n".join(problems[:40]) + f"\n({len(problems)} in all)"


def test_production_cookies_are_secure_httponly_and_samesite():
    values = production_security_settings()
    for cookie in ("SESSION_COOKIE", "CSRF_COOKIE"):
        assert values[f"{cookie}_SECURE"] is True, cookie
        assert values[f"{cookie}_HTTPONLY"] is True, cookie
        assert values[f"{cookie}_SAMESITE"] in {"Lax", "Strict"}, cookie
    assert values["SECURE_HSTS_SECONDS"] >= A_YEAR and values["SECURE_SSL_REDIRECT"] is True


def test_signing_in_and_choosing_a_language_set_only_secure_cookies(cast, production_security):
    client = Client()
    first = client.get("/accounts/login/", secure=True)
    response = client.post(
        "/accounts/login/", {"login": cast.cleo.user.email, "password": "a long test password"}, secure=True
    )
    seen = set(first.cookies) | set(response.cookies)
    language = client.post("/language/", {"language": "fr", "next": "/"}, secure=True)
    seen |= set(language.cookies)
    assert not cookie_problems(first) + cookie_problems(response) + cookie_problems(language)
    assert {"csrftoken", "sessionid", "django_language"} <= seen, seen
