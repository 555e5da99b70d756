"""A survivor's browser talks to our server and nothing else.

These contexts do NOT bypass the Content-Security-Policy (unlike the ones that run axe-core), so
the policy is checked exactly as a real browser applies it.
"""

import pytest

from .conftest import sign_in

pytestmark = pytest.mark.browser


def test_every_page_sends_a_strict_csp_and_nothing_is_fetched_from_anywhere_else(live_server, cast, new_context):
    page = new_context(bypass_csp=False).new_page()
    requests: list[str] = []
    problems: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "console", lambda msg: problems.append(f"{msg.text} ({msg.location['url']})") if msg.type == "error" else None
    )
    page.on("pageerror", lambda error: problems.append(str(error)))

    sign_in(page, cast, "cleo")
    peer = cast.amara.pk
    paths = [
        "/",
        "/peers/",
        "/peers/new/",
        f"/peers/{peer}/",
        f"/peers/{peer}/consent/",
        f"/peers/{peer}/record/",
        f"/peers/{peer}/erase/",
        "/supporters/",
    ]
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        headers = response.headers
        csp = headers.get("content-security-policy", "")
        for directive in ("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"):
            assert directive in csp, f"{path}: {directive!r} missing from CSP {csp!r}"
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert headers.get("cache-control") == "no-store", f"{path} may be kept in a shared computer's cache"
        assert headers.get("x-frame-options") == "DENY"
        assert headers.get("referrer-policy") == "same-origin"

    # Our own script runs under the policy (it is what makes the quick exit leave on Esc).
    assert page.evaluate("document.getElementById('quick-exit') !== null")
    assert page.evaluate("typeof htmx") == "object"

    assert requests, "no requests were recorded"
    elsewhere = [url for url in requests if not url.startswith(live_server.url + "/")]
    assert not elsewhere, f"requests left the server: {elsewhere}"
    # The browser asks for /favicon.ico by itself (there is none); that is our own server, so harmless.
    problems = [p for p in problems if not p.endswith(f"({live_server.url}/favicon.ico)")]
    assert not problems, f"the browser reported errors (a CSP violation shows up here): {problems}"


def test_the_sign_in_page_sends_the_csp_before_anyone_signs_in(live_server, new_context):
    page = new_context(bypass_csp=False).new_page()
    response = page.goto("/accounts/login/")
    assert response is not None and response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
