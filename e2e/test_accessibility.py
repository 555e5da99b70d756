"""Everyone can use every page: a tour of each screen, as each kind of worker, checked by axe-core.

A page passes when axe-core finds no violation at all on it (WCAG 2.2 A/AA and best practices,
whatever the impact). The stories in the other files check the pages they pass through as well;
this tour covers the screens they do not reach.
"""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from consent.models import ConsentText, Purpose
from consent.services import record_consent
from organisations.tenancy import organisation_scope
from people.models import Assignment

from .conftest import assert_accessible

pytestmark = pytest.mark.browser


def pages_for(cast) -> dict[str, list[str]]:
    amara, pat_profile = cast.amara.pk, cast.pat_profile.pk
    with organisation_scope(cast.riverside):
        agreement = f"/peers/{amara}/assignments/{Assignment.objects.get(peer=cast.amara).pk}/agreement/"
    return {
        "ada": [
            "/",
            "/peers/",
            "/peers/?q=nobody-by-this-name",
            "/peers/new/",
            f"/peers/{amara}/",
            f"/peers/{amara}/edit/",
            f"/peers/{amara}/assign/",
            f"/peers/{amara}/consent/",
            f"/peers/{amara}/consent/withdraw/",
            f"/peers/{amara}/record/",
            f"/peers/{amara}/erase/",
            "/supporters/",
            f"/supporters/{pat_profile}/",
            f"/supporters/{pat_profile}/edit/",
            "/figures/",
            "/team/",
            "/audit/",
            "/audit/?action=view&record_type=peer",
            "/organisation/",
            "/organisation/information-sharing/",
            agreement,
            "/accounts/2fa/",
            "/accounts/password/change/",
            "/this-page-does-not-exist/",
        ],
        "sina": ["/", "/peers/", f"/peers/{amara}/", "/supporters/", f"/supporters/{pat_profile}/", agreement],
        "pat": ["/", "/peers/", f"/peers/{amara}/", f"/supporters/{pat_profile}/", agreement + "new/"],
        "eve": ["/", "/figures/"],
        "hugo": ["/", "/peers/", f"/peers/{cast.zed.pk}/"],
    }


@pytest.fixture
def amara_has_consented(cast):
    """So the consent, withdrawal and record pages have something in them."""
    with organisation_scope(cast.riverside):
        record_consent(
            peer=cast.amara,
            by=cast.cleo,
            text=ConsentText.objects.get(organisation=cast.riverside, language="en"),
            agreed=[Purpose.TAKE_PART, Purpose.STORE_DATA, Purpose.SHARE_WITH_PARTNERS],
            partners=list(cast.riverside.partners.all()),
            limits_explained_by=cast.cleo,
            limits_explained_at=timezone.now(),
        )


@pytest.mark.parametrize("name", ["ada", "sina", "pat", "eve", "hugo"])
def test_every_page_each_role_can_open_passes_axe(cast, amara_has_consented, new_context, signed_in, name):
    page = signed_in(new_context(), name).new_page()
    for path in pages_for(cast)[name]:
        response = page.goto(path)
        assert response is not None
        expected = 404 if path == "/this-page-does-not-exist/" else 200
        assert response.status == expected, f"{name} opening {path}: {response.status}"
        assert_accessible(page)


def test_the_pages_before_signing_in_pass_axe(live_server, page):
    for path in ["/accounts/login/", "/accounts/password/reset/", "/accounts/join/not-a-real-invitation/"]:
        page.goto(path)
        assert_accessible(page)


def test_searching_the_peer_list_updates_the_results_in_place_and_stays_accessible(cast, new_context, signed_in):
    page = signed_in(new_context(), "cleo").new_page()
    page.goto("/peers/")
    with page.expect_response(lambda r: r.request.method == "POST" and r.url.endswith("/peers/")):
        page.get_by_label("Find by name").fill("am")
    results = page.locator("#results")
    # The response can arrive before htmx swaps it in: wait for the swap, not for the old list.
    expect(results.get_by_role("link", name="Bea")).to_have_count(0)
    expect(results.get_by_role("link", name="Amara")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"/peers/$"))  # the name searched for is in no URL or history entry
    assert_accessible(page)


def test_the_idle_warning_is_accessible_and_esc_closes_it_without_leaving(cast, settings, new_context, signed_in):
    settings.SESSION_COOKIE_AGE = 121  # the warning comes two minutes before the end: after one second
    page = signed_in(new_context(), "cleo").new_page()
    page.goto("/peers/")
    dialog = page.get_by_role("dialog", name="Still there?")
    dialog.wait_for(state="visible", timeout=5_000)
    assert_accessible(page)

    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert page.url.endswith("/peers/"), "Esc closes the warning first; it must not leave the page"
