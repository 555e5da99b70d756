"""A peer supporter refers a peer to a partner with the two details she agreed to share; the partner,
with no account, acknowledges, gives a first appointment and the outcome through the links they are
sent, one answer each; the supporter sees every step on the referral. Every page is axe-clean."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from organisations.tenancy import organisation_scope
from referrals.tests.helpers import fill_amara

from .conftest import assert_accessible

pytestmark = pytest.mark.browser

LINK = re.compile(r"https?://[^\s/]+(/partner/referral/[^/\s]+/)")


def test_a_referral_goes_from_sent_to_outcome_through_the_partners_link(cast, new_context, signed_in):
    with organisation_scope(cast.riverside):
        fill_amara(cast.amara)
    mail.outbox.clear()
    page = signed_in(new_context(), "pat").new_page()

    page.goto(f"/peers/{cast.amara.pk}/")
    page.get_by_role("button", name="Refer them to a partner").click()
    page.wait_for_url("**/referrals/new/")
    assert_accessible(page)
    page.get_by_role("combobox", name="Partner").select_option(label="Riverside Housing")
    page.get_by_label("The partner's email address for referrals").fill("intake@housing.test")
    page.get_by_label("What are you asking of the partner?").fill("A room before the hostel place ends")
    shared = page.get_by_role("group", name="What they agree to share with this partner")
    shared.get_by_label("Their chosen name").check()
    shared.get_by_label("What we are asking of the partner").check()
    page.get_by_role("group", name="A warm handoff?").get_by_label("The peer supporter goes along with them").check()
    page.get_by_role("button", name="Make the referral and send the link").click()
    page.wait_for_url(re.compile(r"/referrals/\d+/$"))
    expect(page.get_by_text("The partner's link is on its way to them.")).to_be_visible()
    assert_accessible(page)

    link = LINK.search(mail.outbox[-1].body)[1]
    partner = new_context().new_page()  # the partner: no account, no session
    for answer in ("acknowledged", "appointment", "outcome"):
        partner.goto(link)
        expect(partner.get_by_role("heading", name="A referral to your service")).to_be_visible()
        expect(partner.get_by_text("A room before the hostel place ends")).to_be_visible()
        expect(partner.get_by_text("Amara", exact=True)).to_be_visible()
        expect(partner.get_by_text("Weekday mornings")).to_have_count(0)  # safe times: not agreed
        assert_accessible(partner)
        what = partner.get_by_role("group", name="What happened")
        if answer == "acknowledged":
            what.get_by_label("The partner has the referral").check()
        elif answer == "appointment":
            what.get_by_label("A first appointment is set").check()
            day = timezone.localdate() + timedelta(days=5)
            partner.get_by_label("Date of the first appointment").fill(day.isoformat())
        else:
            what.get_by_label("We know how it went").check()
            partner.get_by_role("combobox", name="How it went").select_option(label="They were helped")
        partner.get_by_role("button", name="Send").click()
        expect(partner.get_by_role("heading", name="Thank you")).to_be_visible()
        assert_accessible(partner)
        if answer != "outcome":
            link = LINK.search(partner.get_by_role("link").last.get_attribute("href"))[1]
            assert LINK.search(mail.outbox[-1].body)[1] == link, "the next link is emailed too"
    expect(partner.get_by_text("This referral is complete")).to_be_visible()
    assert partner.context.cookies() == [], "the partner's pages set no cookie"
    partner.goto(link)
    expect(partner.get_by_role("heading", name="This link no longer works")).to_be_visible()

    page.reload()
    expect(page.get_by_text("Outcome known: They were helped")).to_be_visible()
    steps = page.get_by_role("region", name="Every step")
    expect(steps.get_by_text("by the partner, through their link")).to_have_count(3)
    assert_accessible(page)
