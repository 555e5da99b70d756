"""A peer supporter says something worries them, in one tap from a peer's record: it reaches their
supervisor at once, on her dashboard; when the supervisor is away, the next concern reaches the
deputy the on-call rota names for her instead."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from absences.models import Absence
from organisations.tenancy import organisation_scope
from safeguarding import services

from .conftest import assert_accessible

pytestmark = pytest.mark.browser


def _raise(page, cast, words: str):
    page.goto(f"/peers/{cast.amara.pk}/")
    page.get_by_role("button", name="Something worries me").click()
    page.wait_for_url("**/something-worries-me/")
    assert_accessible(page)
    page.get_by_label("Today: someone may be in danger").check()
    page.get_by_label("What happened?").fill(words)
    page.get_by_role("button", name="Send it now").click()
    page.wait_for_url(re.compile(r"/concerns/\d+/$"))
    expect(page.get_by_text("Your concern has been sent")).to_be_visible()
    expect(page.get_by_text(words)).to_be_visible()


def test_a_concern_reaches_the_supervisor_and_when_she_is_away_her_deputy(cast, new_context, signed_in):
    today = timezone.localdate()
    with organisation_scope(cast.riverside):
        services.add_on_call(
            by=cast.cleo, starts_on=today, ends_on=today + timedelta(days=7), duty_coordinator=cast.cleo,
            deputies={cast.sina: cast.sol},
        )  # fmt: skip
    pat = signed_in(new_context(), "pat").new_page()
    _raise(pat, cast, "A man from her old work was outside the hostel.")

    sina = signed_in(new_context(), "sina").new_page()
    sina.goto("/")
    alert = sina.get_by_role("alert").filter(has_text="1 concern needs you")
    expect(alert).to_be_visible()
    assert_accessible(sina)
    alert.get_by_role("link", name=re.compile("Amara")).click()
    sina.wait_for_url(re.compile(r"/concerns/\d+/$"))
    expect(sina.get_by_text("A man from her old work was outside the hostel.")).to_be_visible()
    assert_accessible(sina)
    sina.get_by_role("button", name="I will take this").click()
    expect(sina.get_by_text("Saved.")).to_be_visible()
    expect(sina.get_by_role("button", name="I will take this")).to_have_count(0)

    # Sina is away from today: the next concern goes to Sol, the deputy named for her.
    with organisation_scope(cast.riverside):
        Absence.objects.create(
            organisation=cast.riverside, member=cast.sina, starts_on=today, ends_on=today + timedelta(days=2)
        )
    _raise(pat, cast, "She has not answered the safe number for two days.")

    sol = signed_in(new_context(), "sol").new_page()
    sol.goto("/")
    alert = sol.get_by_role("alert").filter(has_text="1 concern needs you")
    expect(alert).to_be_visible()
    alert.get_by_role("link", name=re.compile("Amara")).click()
    expect(sol.get_by_text("She has not answered the safe number for two days.")).to_be_visible()
    expect(sol.get_by_text("deputising for their supervisor: Sina")).to_be_visible()
    assert_accessible(sol)

    sina.goto("/concerns/")
    expect(sina.get_by_text("She has not answered")).to_have_count(0)
