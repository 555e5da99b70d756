"""The partner directory in the browser: a coordinator downloads it as HSDS, another organisation's
coordinator imports that file, watches it being checked and saved, and finds the services listed."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from directory.models import Location, Service, ServiceAtLocation
from directory.services import export_directory
from organisations.models import Partner
from organisations.tenancy import organisation_scope

from .conftest import PHONE, assert_accessible, assert_no_horizontal_scroll

pytestmark = pytest.mark.browser


def _riverside_directory(cast):
    with organisation_scope(cast.riverside):
        haven = Partner.objects.create(
            organisation=cast.riverside, name="Haven Housing Association", website="https://haven.example"
        )
        hub = Location.objects.create(
            organisation=cast.riverside, partner=haven, name="Haven hub", address="3 Mill Lane", area="Northgate"
        )
        beds = Service.objects.create(
            organisation=cast.riverside, partner=haven, name="Emergency beds", categories=["housing"], languages=["ro"]
        )
        ServiceAtLocation.objects.create(organisation=cast.riverside, service=beds, location=hub)


def test_a_directory_exported_by_one_organisation_is_imported_by_another_and_listed(
    cast, new_context, signed_in, tmp_path
):
    _riverside_directory(cast)
    cleo = signed_in(new_context(), "cleo").new_page()
    cleo.goto("/directory/")
    expect(cleo.get_by_role("cell", name="Emergency beds")).to_be_visible()
    assert_accessible(cleo)
    with cleo.expect_download() as download:
        cleo.get_by_role("link", name="Download as HSDS 3.0 JSON").click()
    exported = tmp_path / "riverside.json"
    download.value.save_as(exported)
    document = json.loads(exported.read_text())
    assert [org["name"] for org in document["contents"]] == ["Haven Housing Association", "Riverside Housing"]

    hugo = signed_in(new_context(viewport=PHONE, is_mobile=True, has_touch=True), "hugo").new_page()
    hugo.goto("/directory/")
    expect(hugo.get_by_text("Emergency beds")).to_have_count(0)
    hugo.get_by_role("link", name="Import from an HSDS file").click()
    assert_no_horizontal_scroll(hugo)
    assert_accessible(hugo)
    hugo.get_by_label("HSDS 3.0 JSON file").set_input_files(str(exported))
    hugo.get_by_role("button", name="Import").click()
    hugo.wait_for_url("**/directory/import/*/")
    expect(hugo.get_by_text("Saved", exact=True)).to_be_visible()
    expect(hugo.get_by_text("2 of 2 records checked.")).to_be_visible()
    expect(hugo.get_by_text("Partners: 2 added, 0 updated.")).to_be_visible()
    assert_accessible(hugo)
    hugo.get_by_role("link", name="See the directory").click()
    hugo.get_by_label("Kind of help").select_option(label="Housing")
    hugo.get_by_role("button", name="Search").click()
    expect(hugo.get_by_role("cell", name="Emergency beds")).to_be_visible()
    expect(hugo.get_by_role("cell", name="Haven hub, 3 Mill Lane, Northgate")).to_be_visible()
    assert_no_horizontal_scroll(hugo)
    with organisation_scope(cast.harbour):
        # What Harbour holds now exports as what Riverside sent (Harbour's own partner aside).
        theirs = export_directory(cast.harbour, cast.user("hugo"))["contents"]
    assert [org for org in theirs if org["name"] != "Harbour Housing"] == document["contents"]


def test_a_file_with_a_bad_record_is_listed_with_what_to_fix(cast, new_context, signed_in, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"id": "not-a-uuid", "name": "Broken Partner", "description": ""}]))
    page = signed_in(new_context(), "cleo").new_page()
    page.goto("/directory/import/")
    page.get_by_label("HSDS 3.0 JSON file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    expect(page.get_by_text("Nothing was saved. Fix these in the file, then import it again:")).to_be_visible()
    expect(
        page.get_by_text("Record 1 (“Broken Partner”), id: “not-a-uuid” is not an id in the UUID form")
    ).to_be_visible()
    assert_accessible(page)
