"""A peer supporter works from a phone (390 x 844): nothing scrolls sideways and all can be read."""

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, assert_accessible, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", ["cleo", "pat"])
def test_the_peer_list_and_a_peer_record_fit_a_phone_screen(cast, new_context, signed_in, name):
    page = signed_in(new_context(viewport=PHONE, is_mobile=True, has_touch=True), name).new_page()

    page.goto("/peers/")
    assert page.viewport_size == PHONE
    expect(page.get_by_role("link", name="Amara")).to_be_visible()
    assert_no_horizontal_scroll(page)
    assert_accessible(page)

    page.get_by_role("link", name="Amara").click()
    page.wait_for_url(f"**/peers/{cast.amara.pk}/")
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
    quick_exit = page.locator("#quick-exit").bounding_box()
    assert quick_exit is not None and quick_exit["x"] + quick_exit["width"] <= PHONE["width"]
    assert quick_exit["height"] >= 44, "the quick exit must be easy to hit with a thumb"


def test_adding_a_peer_works_on_a_phone(cast, new_context, signed_in):
    page = signed_in(new_context(viewport=PHONE, is_mobile=True, has_touch=True), "cleo").new_page()
    page.goto("/peers/new/")
    assert_no_horizontal_scroll(page)
    assert_accessible(page)


NARROW_PHONE = {"width": 320, "height": 640}  # the width WCAG's reflow criterion (1.4.10) asks for


@pytest.mark.parametrize("name", ["cleo", "pat"])
def test_a_table_too_wide_for_a_small_phone_can_be_scrolled_from_the_keyboard(cast, new_context, signed_in, name):
    page = signed_in(new_context(viewport=NARROW_PHONE, is_mobile=True, has_touch=True), name).new_page()
    page.goto(f"/peers/{cast.amara.pk}/")
    table = page.get_by_role("region", name="Who works with them").locator(".table-wrap")
    assert table.evaluate("el => el.scrollWidth > el.clientWidth"), "the table should be wider than this screen"
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
