"""A coordinator looks after a peer's record from the first meeting to its erasure.

They add the peer (only a chosen name is needed), record consent, open the record (only the safe
way of getting in touch shows), see that the opening was audited, record a withdrawal of consent,
give the peer a copy of everything held about them, and erase the record.
"""

import json
import re

import pytest
from playwright.sync_api import expect

from organisations.tenancy import all_organisations
from people.models import Peer

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser

SAFE_PHONE = "07700 900123"
UNSAFE_EMAIL = "ioana.home@example.invalid"


def add_a_peer(page) -> int:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Peers", exact=True).click()
    assert_accessible(page)
    page.get_by_role("button", name="Add a peer").click()  # a link styled and announced as a button
    page.wait_for_url("**/peers/new/")
    assert_accessible(page)

    page.get_by_label("Chosen name:", exact=True).fill("Ioana")
    page.get_by_label("Pronouns:", exact=True).fill("she/her")
    page.get_by_label("Age:", exact=True).select_option(label="25 to 34")
    page.get_by_label("Country of origin:", exact=True).fill("Romania")
    page.get_by_label("Times it is safe to get in touch:", exact=True).fill("Weekday mornings only.")

    first = page.locator("fieldset.contact-method").nth(0)
    first.get_by_label("How:", exact=True).select_option(label="Text message")
    first.get_by_label("Number, address or handle:", exact=True).fill(SAFE_PHONE)
    first.get_by_label("Safe to use").check()
    first.get_by_label("Safe to leave a message?").select_option(label="No, never leave a message")
    second = page.locator("fieldset.contact-method").nth(1)
    second.get_by_label("How:", exact=True).select_option(label="Email")
    second.get_by_label("Number, address or handle:", exact=True).fill(UNSAFE_EMAIL)
    expect(second.get_by_label("Safe to use")).not_to_be_checked()

    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/peers/\d+/$"))
    return int(page.url.rstrip("/").rsplit("/", 1)[1])


def test_a_coordinator_adds_a_peer_records_consent_and_finally_erases_the_record(live_server, cast, new_context):
    page = new_context().new_page()
    sign_in(page, cast, "cleo")
    assert_accessible(page)

    # Added, with one safe and one unsafe way of getting in touch.
    peer_id = add_a_peer(page)
    expect(page.get_by_text("The peer has been added.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ioana (she/her)")
    contact = page.locator("section[aria-labelledby=contact-heading]")
    assert SAFE_PHONE in contact.inner_text()
    assert "never leave a message" in contact.inner_text()
    assert UNSAFE_EMAIL not in page.content()
    expect(page.get_by_text("No consent is in force")).to_be_visible()
    assert_accessible(page)

    # Consent recorded.
    page.get_by_role("button", name="Record consent").click()
    page.wait_for_url(f"**/peers/{peer_id}/consent/")
    assert_accessible(page)
    page.get_by_label("Taking part in peer support").check()
    page.get_by_label("Us keeping a record of their support").check()
    page.get_by_label("Being counted in de-identified reports").check()
    page.get_by_role("button", name="Save consent").click()
    page.wait_for_url(f"**/peers/{peer_id}/")
    expect(page.get_by_text("Consent recorded.")).to_be_visible()
    consent = page.locator("section[aria-labelledby=consent-heading]")
    assert "taking part in peer support" in consent.inner_text()
    assert "being counted in de-identified reports" in consent.inner_text()
    assert "sharing with" not in consent.inner_text()
    assert_accessible(page)

    # Opening the record is audited: the page says who opened it, and so does the admin's log.
    opened = page.locator("section[aria-labelledby=opened-heading]")
    assert "Cleo" in opened.inner_text()
    admin = new_context().new_page()
    sign_in(admin, cast, "ada")
    admin.goto(f"/audit/?record_type=peer&record_id={peer_id}")
    assert_accessible(admin)
    rows = admin.locator("tbody tr")
    entries = set()
    for i in range(rows.count()):
        who, what, record = rows.nth(i).locator("td").all_inner_texts()[1:4]
        entries.add((who, what, record.lower()))
    assert ("Cleo", "Created", f"peer {peer_id}") in entries
    assert ("Cleo", "Opened", f"peer {peer_id}") in entries
    assert ("Cleo", "Recorded consent", f"peer {peer_id}") in entries
    assert all(record == f"peer {peer_id}" for _, _, record in entries)
    assert "Ioana" not in admin.locator("table").inner_text(), "the audit log names records, never people"

    # Consent withdrawn.
    page.get_by_role("button", name="Record withdrawal").click()
    page.wait_for_url(f"**/peers/{peer_id}/consent/withdraw/")
    assert_accessible(page)
    page.get_by_role("button", name="Record withdrawal now").click()
    page.wait_for_url(f"**/peers/{peer_id}/")
    expect(page.get_by_text("Withdrawal recorded.")).to_be_visible()
    expect(page.get_by_text("No consent is in force")).to_be_visible()
    assert_accessible(page)

    # A copy of everything held: the printable page and the JSON download.
    page.get_by_role("link", name="See their whole record").click()
    page.wait_for_url(f"**/peers/{peer_id}/record/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Everything we hold about Ioana")
    assert SAFE_PHONE in page.content() and UNSAFE_EMAIL in page.content(), "their copy holds every way in touch"
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download it as JSON").click()
    download = download_info.value
    assert download.suggested_filename == f"alongside-record-{peer_id}.json"
    with open(download.path(), encoding="utf-8") as f:
        record = json.load(f)
    assert record["about"]["chosen_name"] == "Ioana"
    assert record["about"]["country_of_origin"] == "Romania"
    methods = {m["detail"]: m["safe_to_use"] for m in record["safety_and_contact"]["contact_methods"]}
    assert methods == {SAFE_PHONE: True, UNSAFE_EMAIL: False}
    response = page.request.get(f"/peers/{peer_id}/record.json")
    assert response.ok and response.headers["content-type"].startswith("application/json")
    assert "no-store" in response.headers["cache-control"]
    assert response.json()["about"]["chosen_name"] == "Ioana"

    # Erased: gone from the list, and nothing identifying is left.
    page.goto(f"/peers/{peer_id}/")
    page.get_by_role("link", name="Erase their record").click()
    page.wait_for_url(f"**/peers/{peer_id}/erase/")
    assert_accessible(page)
    page.get_by_label("I understand this cannot be undone").check()
    page.get_by_role("button", name="Erase the record").click()
    page.wait_for_url("**/peers/")
    expect(page.get_by_text("The record has been erased.")).to_be_visible()
    assert "Ioana" not in page.locator("main").inner_text()
    expect(page.get_by_role("link", name="Amara")).to_be_visible()
    assert_accessible(page)
    with all_organisations():
        erased = Peer.objects.get(pk=peer_id)
    assert erased.is_erased and "Ioana" not in erased.chosen_name
    assert page.goto(f"/peers/{peer_id}/").status == 404
