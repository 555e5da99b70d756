"""The directory exports valid HSDS and imports back, into another organisation, unchanged."""

from __future__ import annotations

import json

from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings

from audit.models import Action, AuditEvent
from directory import hsds
from directory.models import DirectoryImport, ImportStatus
from directory.services import directory_data, save_reading
from organisations.tenancy import organisation_scope

from .helpers import fixture, upload
from .strategies import directories


def _export(client) -> dict:
    response = client.get(reverse("directory:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="partner-directory-hsds-')
    return json.loads(response.content)


def _import(client, document, capture) -> DirectoryImport:
    with capture(execute=True):
        client.post(reverse("directory:import"), {"file": upload(json.dumps(document))})
    return DirectoryImport.objects.order_by("pk").last()


def test_an_export_imported_into_another_organisation_exports_the_same(
    cast, client_for, django_capture_on_commit_callbacks
):
    with organisation_scope(cast.riverside):
        assert _import(client_for("cleo"), fixture(), django_capture_on_commit_callbacks).status == ImportStatus.SAVED
    ours = _export(client_for("cleo"))
    assert hsds.export_errors(ours) == []
    assert len(ours["contents"]) == 4  # the three imported and the cast's own partner
    with organisation_scope(cast.harbour):
        row = _import(client_for("hugo"), ours, django_capture_on_commit_callbacks)
        assert row.status == ImportStatus.SAVED, row.problems
    theirs = _export(client_for("hugo"))
    # Harbour keeps its own partner too ("Harbour Housing"): everything Riverside sent is there as it was.
    sent = {org["id"]: org for org in ours["contents"]}
    received = {org["id"]: org for org in theirs["contents"] if org["id"] in sent}
    assert received == sent
    assert AuditEvent.objects.filter(action=Action.EXPORT, record_type="directory").count() == 2


def test_importing_its_own_export_changes_nothing(cast, client_for, django_capture_on_commit_callbacks):
    with organisation_scope(cast.riverside):
        _import(client_for("cleo"), fixture(), django_capture_on_commit_callbacks)
        first = _export(client_for("cleo"))
        row = _import(client_for("cleo"), first, django_capture_on_commit_callbacks)
        assert row.counts["partners_added"] == row.counts["services_added"] == row.counts["locations_added"] == 0
    assert _export(client_for("cleo")) == first


def _sorted(partners):
    return sorted(
        (
            p.__class__(
                **{
                    **p.__dict__,
                    "services": tuple(sorted(p.services, key=lambda s: str(s.hsds_id))),
                    "locations": tuple(sorted(p.locations, key=lambda loc: str(loc.hsds_id))),
                }
            )
            for p in partners
        ),
        key=lambda p: str(p.hsds_id),
    )


def _places_sorted(partners):
    out = []
    for p in partners:
        services = tuple(s.__class__(**{**s.__dict__, "places": tuple(sorted(s.places))}) for s in p.services)
        out.append(p.__class__(**{**p.__dict__, "services": services}))
    return out


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(directory=directories(max_partners=3))
def test_any_directory_saved_reads_back_from_the_database_as_it_was(cast, directory):
    with transaction.atomic(), organisation_scope(cast.harbour):
        # Harbour's own partner ("Harbour Housing") stays out of the comparison.
        directory = [p for p in directory if p.name.casefold() != "harbour housing"]
        save_reading(cast.harbour, directory)
        saved = [p for p in directory_data(cast.harbour) if p.name != "Harbour Housing"]
        assert _places_sorted(_sorted(saved)) == _places_sorted(_sorted(directory))
        transaction.set_rollback(True)
