"""A coordinator imports a directory another HSDS tool wrote: every record is checked first (the page
shows how far), then everything is saved in one transaction, or nothing; importing again updates."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from directory.models import DirectoryImport, ImportStatus, Location, Service, ServiceAtLocation
from directory.services import IMPORT_LIMIT_BYTES
from organisations.models import Partner
from organisations.tenancy import organisation_scope

from .helpers import fixture, upload

EASTBANK = "3f1c9a52-7d4e-4b8a-9c21-5e0f6a7b8c90"


@pytest.fixture(autouse=True)
def _in_riverside(in_riverside):
    """The tests read Riverside's rows (the pages open their own scope)."""
    return in_riverside


def _import(client, document, django_capture_on_commit_callbacks):
    text = document if isinstance(document, str) else json.dumps(document)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("directory:import"), {"file": upload(text)})
    return response


def _rows(org):
    with organisation_scope(org):
        return (
            Partner.objects.filter(organisation=org).count(),
            Service.objects.count(),
            Location.objects.count(),
            ServiceAtLocation.objects.count(),
        )


def test_a_file_from_another_publisher_is_imported_and_listed(cast, client_for, django_capture_on_commit_callbacks):
    client = client_for("cleo")
    response = _import(client, fixture(), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    row = DirectoryImport.objects.get()
    assert response["Location"] == reverse("directory:import_progress", args=[row.pk])
    assert row.status == ImportStatus.SAVED, row.problems
    assert row.document == "", "the file's text is not kept once it has been read"
    assert (row.records, row.checked) == (3, 3)
    assert row.counts["partners_added"] == 3 and row.counts["services_added"] == 4
    with organisation_scope(cast.riverside):
        refuge = Service.objects.get(name="Refuge accommodation")
        assert refuge.partner.name == "Eastbank Women's Refuge Trust"
        assert str(refuge.partner.hsds_id) == EASTBANK
        assert refuge.partner.phone == "0161 555 0192"
        # Codes and names we know are read (ro-RO is Romanian, Urdu by its name); others are left out.
        assert refuge.languages == ["en", "ro", "ur"]
        # A term of another taxonomy that names one of our categories is read as it.
        assert refuge.categories == ["housing"]
        office = refuge.places.get().location
        assert (office.address, office.area, office.city, office.postal_code) == (
            "14 Canal Street", "Eastbank", "Manchester", "M1 3EZ",
        )  # fmt: skip
        assert office.opening_hours == "MO,TU,WE,TH,FR 09:30–16:30"
        assert "Step-free" in office.accessibility
        advice = Service.objects.get(name="Immigration and asylum advice")
        assert advice.categories == ["immigration"] and advice.languages == ["ar", "ti"]
        # One place named by id, one nested under the link only.
        assert advice.places.count() == 2
        assert Service.objects.get(name="Legal aid for trafficking survivors").status == "temporarily closed"
        assert Service.objects.get(name="LGBTQ+ peer group").categories == ["lgbtq", "peer_groups"]
    page = client.get(reverse("directory:import_progress", args=[row.pk])).content.decode()
    assert "Partners: 3 added, 0 updated." in page
    listed = client.get(reverse("directory:directory")).content.decode()
    assert "Refuge accommodation" in listed and "Westgate Immigration Advice Centre" in listed


def test_importing_the_same_file_again_updates_and_duplicates_nothing(
    cast, client_for, django_capture_on_commit_callbacks
):
    client = client_for("cleo")
    _import(client, fixture(), django_capture_on_commit_callbacks)
    before = _rows(cast.riverside)
    changed = fixture()
    changed["contents"][0]["services"][0]["name"] = "Refuge rooms"
    changed["contents"][1]["services"][0]["service_at_locations"].pop()  # no longer offered online
    _import(client, changed, django_capture_on_commit_callbacks)
    second = DirectoryImport.objects.order_by("pk").last()
    assert second.status == ImportStatus.SAVED
    assert second.counts["partners_added"] == 0 and second.counts["partners_updated"] == 3
    assert second.counts["services_added"] == 0 and second.counts["services_updated"] == 4
    after = _rows(cast.riverside)
    assert after[:3] == before[:3] and after[3] == before[3] - 1
    with organisation_scope(cast.riverside):
        assert Service.objects.filter(name="Refuge rooms").count() == 1
        assert not Service.objects.filter(name="Refuge accommodation").exists()


def test_a_partner_we_already_have_by_name_is_updated_not_added_twice(
    cast, client_for, django_capture_on_commit_callbacks
):
    document = fixture()
    document["contents"][0]["name"] = "Riverside Housing"  # the cast's own partner
    _import(client_for("cleo"), document, django_capture_on_commit_callbacks)
    partner = Partner.objects.get(organisation=cast.riverside, name="Riverside Housing")
    assert str(partner.hsds_id) == EASTBANK
    assert partner.email == "referrals@eastbank-refuge.example"
    assert Partner.objects.filter(organisation=cast.riverside).count() == 3


def test_a_file_with_one_bad_record_saves_nothing_and_says_where_and_why(
    cast, client_for, django_capture_on_commit_callbacks
):
    client = client_for("cleo")
    document = fixture()
    document["contents"][1]["services"][1]["status"] = "open"  # not an HSDS status
    document["contents"][2]["id"] = "northside-pride"  # not a UUID
    del document["contents"][2]["description"]  # required by HSDS
    before = _rows(cast.riverside)
    _import(client, document, django_capture_on_commit_callbacks)
    row = DirectoryImport.objects.get()
    assert row.status == ImportStatus.REFUSED
    assert _rows(cast.riverside) == before, "nothing is saved half-way"
    page = client.get(reverse("directory:import_progress", args=[row.pk])).content.decode()
    assert "Nothing was saved." in page
    assert (
        "Record 2 (“Westgate Immigration Advice Centre”), services › 2 › status: is not one of: "
        "active, inactive, defunct, temporarily closed"
    ) in page
    assert "Record 3 (“Northside Pride Collective”), description: is missing" in page
    assert "Record 3 (“Northside Pride Collective”), id: “northside-pride” is not an id in the UUID form" in page
    assert "Eastbank" not in page.split("Nothing was saved.")[1], "a good record is not reported"


def test_our_own_limits_are_reported_too(cast, client_for, django_capture_on_commit_callbacks):
    document = fixture()
    document["contents"][0]["services"][0]["service_at_locations"][0]["location_id"] = (
        "00000000-0000-4000-8000-000000000000"
    )
    document["contents"][1]["name"] = "W" * 201
    document["contents"][2]["name"] = document["contents"][0]["name"]
    client = client_for("cleo")
    _import(client, document, django_capture_on_commit_callbacks)
    row = DirectoryImport.objects.get()
    assert row.status == ImportStatus.REFUSED
    codes = {(p["record"], p["code"]) for p in row.problems}
    assert {(1, "unknown_location"), (2, "too_long"), (3, "same_name_as")} <= codes
    assert _rows(cast.riverside)[1:] == (0, 0, 0)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("{not json", "This file is not JSON: something is wrong at line 1, character 2."),
        (b"\xff\xfe\x00bad", "This file is not text in UTF-8."),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_a_file_that_is_not_json_is_sent_back_at_once_and_nothing_is_queued(cast, client_for, content, says):
    response = client_for("cleo").post(reverse("directory:import"), {"file": upload(content)})
    assert response.status_code == 200
    assert says in response.content.decode()
    assert not DirectoryImport.objects.exists()


def test_a_file_of_the_wrong_shape_is_refused_in_plain_words(cast, client_for, django_capture_on_commit_callbacks):
    client = client_for("cleo")
    for document in ({"organizations": []}, "42", [1, 2]):
        _import(client, document, django_capture_on_commit_callbacks)
    rows = list(DirectoryImport.objects.order_by("pk"))
    assert [r.status for r in rows] == [ImportStatus.REFUSED] * 3
    first = client.get(reverse("directory:import_progress", args=[rows[0].pk])).content.decode()
    assert "The file holds no list of organizations" in first
    third = client.get(reverse("directory:import_progress", args=[rows[2].pk])).content.decode()
    assert "Record 1, the record: should be one record (an object)" in third


def test_a_file_over_the_size_limit_is_refused_unread(cast, client_for):
    huge = "[" + " " * IMPORT_LIMIT_BYTES + "]"
    response = client_for("cleo").post(reverse("directory:import"), {"file": upload(huge)})
    assert response.status_code == 200
    assert "larger than 5 MB" in response.content.decode()
    assert not DirectoryImport.objects.exists()


def test_the_progress_page_polls_until_the_import_is_done(cast, client_for):
    client = client_for("cleo")
    with organisation_scope(cast.riverside):
        row = DirectoryImport.objects.create(
            organisation=cast.riverside, status=ImportStatus.CHECKING, records=120, checked=40
        )
    page = client.get(reverse("directory:import_progress", args=[row.pk])).content.decode()
    assert 'hx-trigger="every 1s"' in page and "40 of 120 records checked." in page
    part = client.get(reverse("directory:import_progress", args=[row.pk]), headers={"HX-Request": "true"})
    assert "<html" not in part.content.decode() and 'id="progress"' in part.content.decode()
    DirectoryImport.objects.filter(pk=row.pk).update(status=ImportStatus.SAVED, checked=120)
    done = client.get(reverse("directory:import_progress", args=[row.pk]), headers={"HX-Request": "true"})
    assert "hx-trigger" not in done.content.decode(), "a finished import stops polling"


def test_an_import_is_audited_under_whoever_started_it(cast, client_for, django_capture_on_commit_callbacks):
    _import(client_for("cleo"), fixture(), django_capture_on_commit_callbacks)
    row = DirectoryImport.objects.get()
    events = AuditEvent.objects.filter(record_type="directoryimport", record_id=str(row.pk))
    assert {(e.actor_id, e.action) for e in events} == {
        (cast.user("cleo").pk, "create"),
        (cast.user("cleo").pk, "update"),
    }


def test_a_failure_while_saving_leaves_nothing_half_saved(
    cast, client_for, django_capture_on_commit_callbacks, monkeypatch
):
    from django.db import IntegrityError

    from directory import services

    real = services.save_reading

    def save_then_clash(organisation, partners):
        real(organisation, partners[:1])  # the first partner is written...
        raise IntegrityError("another import saved the same id meanwhile")  # ...then the rest clashes

    monkeypatch.setattr(services, "save_reading", save_then_clash)
    before = _rows(cast.riverside)
    _import(client_for("cleo"), fixture(), django_capture_on_commit_callbacks)
    row = DirectoryImport.objects.get()
    assert row.status == ImportStatus.REFUSED
    assert _rows(cast.riverside) == before
    assert (
        "Another change to the directory was saved at the same time."
        in client_for("cleo").get(reverse("directory:import_progress", args=[row.pk])).content.decode()
    )
