"""Changing the partner directory, exporting it and importing it. The only code that writes its rows.

Each change is one transaction with its audit entry. The directory holds no one's personal data, so
its entries are filed under the partner, service or location they change.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django_tasks import task

from audit.log import audit
from audit.models import Action
from organisations.models import Organisation, Partner
from organisations.tenancy import all_organisations, organisation_scope
from people.choices import LANGUAGES

from . import hsds
from .models import Category, DirectoryImport, ImportStatus, Location, Service, ServiceAtLocation

# The largest file an import reads (a directory of a few thousand services fits well inside it).
IMPORT_LIMIT_BYTES = 5 * 1024 * 1024


class DirectoryError(ValueError):
    pass


class StoppedMeanwhileError(Exception):
    """The run was found stopped while it was saving (a worker slower than STOPPED_AFTER): save nothing."""


def stopped_after() -> timedelta:
    """How long a run checking or saving may say nothing before it reads as stopped (its worker gone)."""
    return timedelta(minutes=settings.DIRECTORY_IMPORT_STOPPED_AFTER_MINUTES)


def category_labels() -> dict[str, str]:
    """Our categories' English names: the names written into an export's taxonomy terms."""
    from django.utils import translation

    with translation.override("en"):
        return {c.value: str(c.label) for c in Category}


def language_names() -> dict[str, str]:
    from django.utils import translation

    with translation.override("en"):
        return {code: str(name) for code, name in LANGUAGES}


# --- Editing ------------------------------------------------------------------------------------------


def save_partner(organisation: Organisation, by, fields: dict[str, Any], partner: Partner | None = None) -> Partner:
    creating = partner is None
    if partner is None:
        partner = Partner(organisation=organisation)
    for name, value in fields.items():
        setattr(partner, name, value.strip() if isinstance(value, str) else value)
    try:
        with transaction.atomic():
            partner.save()
            audit(by, Action.CREATE if creating else Action.UPDATE, partner)
    except IntegrityError as error:
        raise DirectoryError("name") from error
    return partner


@transaction.atomic
def save_service(
    partner: Partner, by, fields: dict[str, Any], locations: Iterable[Location], service: Service | None = None
) -> Service:
    creating = service is None
    if service is None:
        service = Service(organisation_id=partner.organisation_id, partner=partner)
    for name, value in fields.items():
        setattr(service, name, value.strip() if isinstance(value, str) else value)
    service.save()
    _offer_at(service, [loc for loc in locations if loc.partner_id == partner.pk])
    audit(by, Action.CREATE if creating else Action.UPDATE, service)
    return service


def _offer_at(service: Service, locations: list[Location], link_ids: dict[int, uuid.UUID] | None = None) -> None:
    """The places ``service`` is offered at become exactly ``locations`` (links kept where they stay)."""
    wanted = {loc.pk for loc in locations}
    service.places.exclude(location_id__in=wanted).delete()
    have = set(service.places.values_list("location_id", flat=True))
    ServiceAtLocation.objects.bulk_create(
        [
            ServiceAtLocation(
                organisation_id=service.organisation_id,
                service=service,
                location=loc,
                **({"hsds_id": link_ids[loc.pk]} if link_ids and loc.pk in link_ids else {}),
            )
            for loc in locations
            if loc.pk not in have
        ]
    )


@transaction.atomic
def save_location(partner: Partner, by, fields: dict[str, Any], location: Location | None = None) -> Location:
    creating = location is None
    if location is None:
        location = Location(organisation_id=partner.organisation_id, partner=partner)
    for name, value in fields.items():
        setattr(location, name, value.strip() if isinstance(value, str) else value)
    location.save()
    audit(by, Action.CREATE if creating else Action.UPDATE, location)
    return location


# --- Searching ------------------------------------------------------------------------------------------


def search(
    organisation: Organisation, *, category: str = "", area: str = "", language: str = "", words: str = ""
) -> QuerySet[Service]:
    """The organisation's services that match, with their partner and places (three queries to show)."""
    services = Service.objects.filter(organisation=organisation)
    if category:
        services = services.filter(pk__in=[s.pk for s in _with_code(services, "categories", category)])
    if language:
        services = services.filter(pk__in=[s.pk for s in _with_code(services, "languages", language)])
    if area:
        services = services.filter(places__location__area__iexact=area).distinct()
    if words:
        services = services.filter(Q(name__icontains=words) | Q(partner__name__icontains=words))
    return (
        services.select_related("partner")
        .order_by("name", "pk")
        .prefetch_related(
            Prefetch("places", queryset=ServiceAtLocation.objects.select_related("location").order_by("location__name"))
        )
    )


def _with_code(services: QuerySet[Service], field: str, code: str) -> list[Service]:
    # A list of codes in a JSON column: read in Python, the same on SQLite and PostgreSQL (a
    # directory holds hundreds of services, not millions).
    return [s for s in services.only("pk", field) if code in (getattr(s, field) or [])]


def areas(organisation: Organisation) -> list[str]:
    found = Location.objects.filter(organisation=organisation).exclude(area="").values_list("area", flat=True)
    return sorted(set(found), key=str.casefold)


# --- Export --------------------------------------------------------------------------------------------


def directory_data(organisation: Organisation) -> list[hsds.PartnerData]:
    """The whole directory as plain data, in four queries."""
    partners = Partner.objects.filter(organisation=organisation).order_by("name", "pk")
    services = Service.objects.filter(organisation=organisation).order_by("name", "pk")
    locations = Location.objects.filter(organisation=organisation).order_by("name", "address", "pk")
    links = (
        ServiceAtLocation.objects.filter(organisation=organisation)
        .order_by("location__name", "location__address", "location_id")
        .values_list("service_id", "hsds_id", "location__hsds_id")
    )
    places: dict[int, list] = {}
    for service_id, link_id, location_id in links:
        places.setdefault(service_id, []).append((link_id, location_id))
    by_partner_services: dict[int, list] = {}
    for s in services:
        by_partner_services.setdefault(s.partner_id, []).append(
            hsds.ServiceData(
                hsds_id=s.hsds_id,
                name=s.name,
                description=s.description,
                categories=tuple(s.categories or ()),
                languages=tuple(s.languages or ()),
                how_to_get_in=s.how_to_get_in,
                eligibility=s.eligibility,
                status=s.status,
                places=tuple(places.get(s.pk, ())),
            )
        )
    by_partner_locations: dict[int, list] = {}
    for loc in locations:
        by_partner_locations.setdefault(loc.partner_id, []).append(
            hsds.LocationData(
                hsds_id=loc.hsds_id,
                name=loc.name,
                address=loc.address,
                city=loc.city,
                postal_code=loc.postal_code,
                area=loc.area,
                country=loc.country,
                accessibility=loc.accessibility,
                opening_hours=loc.opening_hours,
            )
        )
    return [
        hsds.PartnerData(
            hsds_id=p.hsds_id,
            name=p.name,
            description=p.description,
            website=p.website,
            email=p.email,
            phone=p.phone,
            services=tuple(by_partner_services.get(p.pk, ())),
            locations=tuple(by_partner_locations.get(p.pk, ())),
        )
        for p in partners
    ]


def export_directory(organisation: Organisation, by) -> dict[str, Any]:
    document = hsds.to_hsds(
        directory_data(organisation), category_labels=category_labels(), language_names=language_names()
    )
    audit(by, Action.EXPORT, organisation=organisation, record_type="directory", record_id=organisation.pk)
    return document


# --- Import ---------------------------------------------------------------------------------------------


def start_import(organisation: Organisation, by, text: str) -> DirectoryImport:
    """Keep the file's text on a progress row and hand it to the task queue (once this commits)."""
    with transaction.atomic():
        row = DirectoryImport.objects.create(organisation=organisation, started_by=by, document=text)
        audit(by, Action.CREATE, row)
        transaction.on_commit(lambda: import_directory.enqueue(row.pk))
    return row


@task()
def import_directory(import_id: int) -> None:
    with all_organisations():
        row = DirectoryImport.objects.select_related("organisation").get(pk=import_id)
    with organisation_scope(row.organisation):
        run_import(row)


def _progress(row: DirectoryImport, **fields) -> None:
    fields["progress_at"] = timezone.now()
    for name, value in fields.items():
        setattr(row, name, value)
    DirectoryImport.objects.filter(pk=row.pk).update(**fields)


def run_import(row: DirectoryImport) -> DirectoryImport:
    """Check every record (the page shows how far), then save them all in one transaction, or nothing.

    A file with any bad record saves nothing: each bad record is listed with its place and reason,
    so the file can be fixed and imported again whole.
    """
    if row.finished:
        return row
    try:
        document = json.loads(row.document)
    except (ValueError, RecursionError):
        _finish(row, ImportStatus.REFUSED, problems=[hsds.Problem(0, "", "", "not_json").as_dict()])
        return row
    records = hsds.records_of(document)
    _progress(row, status=ImportStatus.CHECKING, records=len(records or ()), checked=0)
    step = max(1, len(records or ()) // 50)

    def checked(n: int) -> None:
        if n % step == 0 or n == row.records:
            _progress(row, checked=n)

    reading = hsds.from_hsds(
        document, category_labels=category_labels(), language_names=language_names(), on_record=checked
    )
    if reading.problems:
        _finish(row, ImportStatus.REFUSED, problems=[p.as_dict() for p in reading.problems[:500]])
        return row
    _progress(row, status=ImportStatus.SAVING)
    try:
        with transaction.atomic():
            counts = save_reading(row.organisation, reading.partners)
            if not _still_saving(row):
                raise StoppedMeanwhileError
            audit(row.started_by, Action.UPDATE, row, reason="imported")
            _finish(row, ImportStatus.SAVED, counts=counts)  # in the same transaction: saved means saved
    except IntegrityError:
        _finish(row, ImportStatus.REFUSED, problems=[hsds.Problem(0, "", "", "clash").as_dict()])
    except StoppedMeanwhileError:
        row.status = ImportStatus.STOPPED
    return row


def _still_saving(row: DirectoryImport) -> bool:
    """Still ours to save? A run its page found silent too long has been told "nothing was saved"; the
    row is locked from here to the commit, so it cannot be marked stopped once this says yes."""
    return DirectoryImport.objects.select_for_update().filter(pk=row.pk, status=ImportStatus.SAVING).exists()


def notice_stopped_imports(organisation: Organisation) -> int:
    """Mark as stopped the organisation's runs whose worker is gone: checking or saving, and silent for
    ``stopped_after()``. Their save was one transaction, rolled back with the worker, so nothing of
    theirs is in the directory; the file can be imported again. Returns how many were marked."""
    cutoff = timezone.now() - stopped_after()
    gone = DirectoryImport.objects.filter(
        organisation=organisation,
        status__in=(ImportStatus.CHECKING, ImportStatus.SAVING),
        progress_at__lt=cutoff,
    )
    try:
        return gone.update(status=ImportStatus.STOPPED, document="", finished_at=timezone.now())
    except DatabaseError:  # SQLite: a worker holds the write lock, so it is not gone; ask again next time
        return 0


def _finish(row: DirectoryImport, status: str, **fields) -> None:
    _progress(row, status=status, document="", finished_at=timezone.now(), **fields)


def save_reading(organisation: Organisation, partners: list[hsds.PartnerData]) -> dict[str, int]:
    """Write what an import read: a row whose HSDS id is known is updated, any other is added (a
    partner of the same name as one we have is that partner). The places an imported service is
    offered at become the file's. Rows the file does not mention are left as they are."""
    counts = dict.fromkeys(
        ("partners_added", "partners_updated", "services_added", "services_updated")
        + ("locations_added", "locations_updated"),
        0,
    )
    ours = {p.hsds_id: p for p in Partner.objects.filter(organisation=organisation)}
    by_name = {p.name.casefold(): p for p in ours.values()}
    services = {s.hsds_id: s for s in Service.objects.filter(organisation=organisation)}
    locations = {loc.hsds_id: loc for loc in Location.objects.filter(organisation=organisation)}
    for data in partners:
        partner = ours.get(data.hsds_id) or by_name.get(data.name.casefold())
        fields = {f: getattr(data, f) for f in ("name", "description", "website", "email", "phone")}
        if partner is None:
            partner = Partner.objects.create(organisation=organisation, hsds_id=data.hsds_id, **fields)
            counts["partners_added"] += 1
        else:
            for name, value in fields.items():
                setattr(partner, name, value)
            partner.hsds_id = data.hsds_id
            partner.save()
            counts["partners_updated"] += 1
        by_name[partner.name.casefold()] = partner
        saved_locations: dict[uuid.UUID, Location] = {}
        for loc in data.locations:
            fields = {f: getattr(loc, f) for f in _LOCATION_FIELDS}
            location = locations.get(loc.hsds_id)
            if location is None:
                location = Location.objects.create(
                    organisation=organisation, partner=partner, hsds_id=loc.hsds_id, **fields
                )
                counts["locations_added"] += 1
            else:
                for name, value in fields.items():
                    setattr(location, name, value)
                location.partner = partner
                location.save()
                counts["locations_updated"] += 1
            saved_locations[loc.hsds_id] = location
        for svc in data.services:
            fields = {f: getattr(svc, f) for f in ("name", "description", "how_to_get_in", "eligibility", "status")}
            fields |= {"categories": list(svc.categories), "languages": list(svc.languages)}
            service = services.get(svc.hsds_id)
            if service is None:
                service = Service.objects.create(
                    organisation=organisation, partner=partner, hsds_id=svc.hsds_id, **fields
                )
                counts["services_added"] += 1
            else:
                for name, value in fields.items():
                    setattr(service, name, value)
                service.partner = partner
                service.save()
                counts["services_updated"] += 1
            wanted = [saved_locations[lid] for _, lid in svc.places]
            link_ids = {saved_locations[lid].pk: link for link, lid in svc.places}
            # Links the file does not name go, and so does a link whose id now names another pair,
            # so that the ids stay the file's and unique.
            service.places.exclude(hsds_id__in=link_ids.values()).delete()
            ServiceAtLocation.objects.filter(organisation=organisation, hsds_id__in=link_ids.values()).exclude(
                service=service
            ).delete()
            _offer_at(service, wanted, link_ids)
    return counts


_LOCATION_FIELDS = ("name", "address", "city", "postal_code", "area", "country", "accessibility", "opening_hours")
