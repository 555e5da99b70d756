"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Nothing here downloads a browser: set ALONGSIDE_CHROMIUM to use a Chromium other than
/usr/bin/chromium. Without one, every browser test is skipped with a note saying how to get it
(and bin/test fails under CI=true when anything is skipped).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright

from accounts.middleware import mark_signed_in_with_second_step
from conftest import TOTP_SECRET

CHROMIUM = os.environ.get("ALONGSIDE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
PASSWORD = "a long test password"
PHONE = {"width": 390, "height": 844}
TIMEOUT_MS = 15_000


def pytest_collection_modifyitems(config, items):
    """Browser tests run last, so Playwright's event loop is never running under a unit test."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


# --- The browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(
            f"No Chromium at {CHROMIUM}: browser tests skipped. Install it with `apt-get install chromium` "
            "(bin/test does this when run as root on Debian) or point ALONGSIDE_CHROMIUM at one."
        )
    # Playwright's sync API keeps an asyncio loop running in this thread; Django would otherwise
    # refuse to touch the database from the test while it runs. Set only while Playwright runs (the
    # browser tests run last), so unit tests, and the subprocesses some of them start, keep Django's
    # async-safety check: `manage.py check --deploy` fails when this variable is set.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as p:
            yield p
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth remembers used TOTP codes in the (database) cache, which outlives each test's data."""
    cache.clear()
    yield


@pytest.fixture
def new_context(browser: Browser, live_server):
    """Make browser contexts (separate cookie jars: one per person signed in) closed after the test.

    bypass_csp is for the axe-core checks only: the app's strict CSP would block the injected
    script. test_privacy.py checks the CSP itself in contexts that do not bypass it.
    """
    contexts: list[BrowserContext] = []

    def make(*, bypass_csp: bool = True, **options) -> BrowserContext:
        context = browser.new_context(base_url=live_server.url, bypass_csp=bypass_csp, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context) -> Page:
    return new_context().new_page()


# --- Signing in --------------------------------------------------------------------------------


def totp_code() -> str:
    """The code an authenticator app would show now, waiting out the last seconds of a period so
    the code is still valid when the server checks it (allauth allows no clock drift by default)."""
    if time.time() % 30 > 27:
        time.sleep(30 - time.time() % 30 + 0.2)
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(TOTP_SECRET, counters[len(counters) // 2]))


@pytest.fixture
def signed_in(cast, live_server):
    """Put an already signed-in session (two-step sign-in done) into a browser context.

    For stories that are not about signing in; test_signing_in.py goes through the real forms.
    """

    def put(context: BrowserContext, name: str) -> BrowserContext:
        member = cast.members[name]
        client = Client()
        client.force_login(member.user)
        session = client.session
        session["organisation_id"] = member.organisation_id
        mark_signed_in_with_second_step(session, member.user)
        session.save()
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
        return context

    return put


def email_of(cast, name: str) -> str:
    return cast.user(name).email


def sign_in(page: Page, cast, name: str, *, check=None) -> None:
    """Sign in the way a person does: email and password, then the code from their app.

    ``check`` (e.g. assert_accessible) runs on the sign-in and two-step pages on the way.
    """
    page.goto("/accounts/login/")
    if check:
        check(page)
    page.get_by_label("Email").fill(email_of(cast, name))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    if check:
        check(page)
    page.locator("input[name=code]").fill(totp_code())
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/" not in url)


# --- Accessibility -----------------------------------------------------------------------------


def axe_violations(page: Page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ") + "  " + n.failureSummary),
            }));
        }"""
    )


def assert_accessible(page: Page) -> None:
    """No axe-core violation at all on the page as it is now: WCAG 2.2 A and AA, and axe's best
    practices (such as "region": everything inside a landmark), whatever their impact."""
    page.wait_for_load_state("load")
    serious = axe_violations(page)
    details = "\n".join(
        f"  [{v['impact']}] {v['id']}: {v['help']}\n" + "\n".join(f"      {n}" for n in v["nodes"][:5]) for v in serious
    )
    assert not serious, f"axe-core found problems on {page.url}:\n{details}"


def assert_no_horizontal_scroll(page: Page) -> None:
    widths = page.evaluate(
        """() => ({scroll: document.scrollingElement.scrollWidth, client: document.scrollingElement.clientWidth,
                  body: document.body.scrollWidth, viewport: window.innerWidth})"""
    )
    assert widths["scroll"] <= widths["client"], f"{page.url} scrolls sideways: {widths}"
    assert widths["body"] <= widths["viewport"], f"{page.url} body is wider than the screen: {widths}"
