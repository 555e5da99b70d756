"""A coordinator takes attendance on a phone-sized screen; a supporter agrees to a document on theirs."""

import pytest
from playwright.sync_api import expect

from organisations.tenancy import organisation_scope
from training import services
from training.models import Attendance
from training.tests.helpers import a_cohort

from .conftest import PHONE, assert_accessible, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser


def test_a_coordinator_takes_attendance_on_a_phone(cast, new_context, signed_in):
    cohort, _modules, sessions = a_cohort(cast.riverside)
    with organisation_scope(cast.riverside):
        for supporter in (cast.pat_profile, cast.quinn_profile):
            services.enrol(cohort, supporter, by=cast.cleo)
    page = signed_in(new_context(viewport=PHONE, is_mobile=True, has_touch=True), "cleo").new_page()

    page.goto("/training/")
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
    page.get_by_role("link", name="Spring group").click()
    page.wait_for_url(f"**/training/cohorts/{cohort.pk}/")
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
    page.get_by_role("link", name="Attendance").first.click()
    page.wait_for_url(f"**/training/sessions/{sessions[0].pk}/")
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
    page.get_by_role("group", name="Pat").get_by_label("Present").check()
    page.get_by_role("group", name="Quinn").get_by_label("Excused").check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Attendance saved.")).to_be_visible()
    with organisation_scope(cast.riverside):
        assert sorted(Attendance.objects.values_list("presence", flat=True)) == ["excused", "present"]


def test_a_supporter_reads_and_agrees_on_a_phone(cast, new_context, signed_in):
    with organisation_scope(cast.riverside):
        services.publish_version(by=cast.cleo, kind="code_of_conduct", text="# Our code\n- Be on time")
    page = signed_in(new_context(viewport=PHONE, is_mobile=True, has_touch=True), "pat").new_page()
    page.goto(f"/supporters/{cast.pat_profile.pk}/training/")
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
    page.get_by_text("Read it", exact=True).click()
    expect(page.get_by_text("Be on time")).to_be_visible()
    page.get_by_role("button", name="I have read it and agree").click()
    expect(page.get_by_text("Thank you. That is recorded.")).to_be_visible()
    assert_accessible(page)
