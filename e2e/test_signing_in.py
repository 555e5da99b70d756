"""A worker signs in with their email and password, then the code from their authenticator app."""

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD, assert_accessible, email_of, sign_in

pytestmark = pytest.mark.browser


def test_a_coordinator_signs_in_with_password_and_code_and_lands_on_the_dashboard(live_server, cast, page):
    sign_in(page, cast, "cleo", check=assert_accessible)

    assert page.url == live_server.url + "/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Welcome, Cleo")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Peers", exact=True)).to_be_visible()
    expect(nav.get_by_role("button", name="Sign out")).to_be_visible()
    assert_accessible(page)


def test_a_wrong_code_keeps_them_at_the_two_step_prompt(live_server, cast, page):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email_of(cast, "pat"))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")

    page.locator("input[name=code]").fill("000000")
    page.get_by_role("button", name="Sign in").click()

    page.wait_for_load_state("load")
    assert page.url.endswith("/accounts/2fa/authenticate/")
    expect(page.get_by_text("Incorrect code")).to_be_visible()
    assert_accessible(page)
    page.goto("/peers/")
    assert "/accounts/" in page.url
    assert "Amara" not in page.content()


def test_someone_with_an_account_follows_an_invitation_by_signing_in_as_usual(live_server, cast, page):
    """Hugo (a coordinator at Harbour) is invited to Riverside: the link asks him to sign in, not for a
    password; after his password and code he comes back to the invitation and accepts it."""
    from accounts.services import invite_member
    from organisations.models import Membership

    from .conftest import totp_code

    _invitation, link = invite_member(
        organisation=cast.riverside,
        invited_by=cast.user("ada"),
        email=email_of(cast, "hugo"),
        display_name="Hugo",
        role="evaluator",
        base_url=live_server.url,
    )
    page.goto(link)
    expect(page.locator("input[type=password]")).to_have_count(0)
    assert_accessible(page)
    page.get_by_role("link", name="Sign in to accept").click()
    page.get_by_label("Email").fill(email_of(cast, "hugo"))
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    page.locator("input[name=code]").fill(totp_code())
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/accounts/join/**")
    assert_accessible(page)
    page.get_by_role("button", name="Accept the invitation").click()
    page.wait_for_url(live_server.url + "/")
    expect(page.get_by_text("You have joined Riverside.")).to_be_visible()
    assert Membership.objects.filter(user=cast.user("hugo"), organisation=cast.riverside).exists()
