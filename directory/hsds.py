"""The partner directory as Open Referral HSDS 3.0 JSON, both ways. Pure: plain data in, plain data out.

``to_hsds`` writes organizations with their services and locations nested as HSDS's compiled
``organization`` schema nests them (``services[].service_at_locations[].location``, and every
location again under ``locations``), wrapped in the page HSDS's API answers with (``contents``).
``from_hsds`` reads such a file, or a plain list of organizations, or one organization, as other
HSDS tools write them: extra fields are ignored, missing optional ones are empty, and each record
that does not fit the schema or our own limits is reported with its place and reason (``Problem``).

Both ways are checked against the schema files copied into ``directory/hsds/`` (see its README),
with ``jsonschema``; ``$ref``s between them are resolved through a ``referencing`` registry.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).resolve().parent / "hsds"
BASE_URI = "https://alongside.invalid/hsds/"
EXPORT_SCHEMA = BASE_URI + "alongside_export.json"
ORGANIZATION_SCHEMA = BASE_URI + "organization.json"

# Our fixed list of kinds of help, published as one small taxonomy of our own: each term has a
# stable id (derived from its code), so another tool sees the same term in every export.
TAXONOMY = "Alongside partner directory categories"
_NAMESPACE = uuid.UUID("6b3f7a0e-2d7c-4a55-9a51-2f0c6f9d7a10")
# The longest value each of our columns keeps (the models' max_length).
LIMITS = {"name": 200, "website": 200, "email": 254, "phone": 40, "location_name": 200, "address": 200}
LIMITS |= {"city": 100, "postal_code": 20, "area": 100, "country": 2}


def derived_id(*parts: object) -> str:
    """A stable UUID for a row HSDS wants that we keep inside another (a phone, an address, a term)."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts)))


# --- Plain data ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LocationData:
    hsds_id: uuid.UUID
    name: str = ""
    address: str = ""
    city: str = ""
    postal_code: str = ""
    area: str = ""
    country: str = ""
    accessibility: str = ""
    opening_hours: str = ""


@dataclass(frozen=True)
class ServiceData:
    hsds_id: uuid.UUID
    name: str
    description: str = ""
    categories: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    how_to_get_in: str = ""
    eligibility: str = ""
    status: str = "active"
    # (service_at_location id, location id), in the order offered.
    places: tuple[tuple[uuid.UUID, uuid.UUID], ...] = ()


@dataclass(frozen=True)
class PartnerData:
    hsds_id: uuid.UUID
    name: str
    description: str = ""
    website: str = ""
    email: str = ""
    phone: str = ""
    services: tuple[ServiceData, ...] = ()
    locations: tuple[LocationData, ...] = ()


@dataclass(frozen=True)
class Problem:
    """What is wrong with one record, in words the page can translate: which record (1-based, and
    its name when it has one), where in it, and a code for the reason with its detail."""

    record: int
    name: str
    place: str
    code: str
    detail: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"record": self.record, "name": self.name, "place": self.place, "code": self.code, "detail": self.detail}


@dataclass
class Reading:
    partners: list[PartnerData] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    records: int = 0


# --- The schemas ------------------------------------------------------------------------------------


@cache
def registry() -> Registry:
    resources = []
    for path in sorted(SCHEMA_DIR.glob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((BASE_URI + path.name, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def _is_web_address(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    if not parts.scheme or not (parts.netloc or parts.path):
        raise ValueError(value)
    return True


@cache
def format_checker() -> FormatChecker:
    # jsonschema checks "uri" only with an optional library we do not install; this is enough for HSDS.
    checker = FormatChecker()
    checker.checks("uri", raises=ValueError)(_is_web_address)
    return checker


@cache
def validator(uri: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": uri}, registry=registry(), format_checker=format_checker())


def export_errors(document: object) -> list[str]:
    """Every way ``document`` is not a valid export (an empty list when it is)."""
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(EXPORT_SCHEMA).iter_errors(document)
    ]


# --- Writing ------------------------------------------------------------------------------------------


def category_term(code: str, label: str) -> dict[str, Any]:
    return {
        "id": derived_id("category", code),
        "code": code,
        "name": label,
        "description": label,
        "taxonomy": TAXONOMY,
    }


def _location(partner: PartnerData, location: LocationData) -> dict[str, Any]:
    lid = str(location.hsds_id)
    doc: dict[str, Any] = {"id": lid, "location_type": "physical", "organization_id": str(partner.hsds_id)}
    if location.name:
        doc["name"] = location.name
    if any((location.address, location.city, location.postal_code, location.area, location.country)):
        doc["addresses"] = [
            {
                "id": derived_id(lid, "address"),
                "location_id": lid,
                "address_1": location.address,
                "city": location.city,
                "region": location.area,
                "state_province": "",
                "postal_code": location.postal_code,
                "country": location.country,
                "address_type": "physical",
            }
        ]
    if location.accessibility:
        doc["accessibility"] = [
            {"id": derived_id(lid, "accessibility"), "location_id": lid, "description": location.accessibility}
        ]
    if location.opening_hours:
        doc["schedules"] = [
            {"id": derived_id(lid, "schedule"), "location_id": lid, "description": location.opening_hours}
        ]
    return doc


def _service(
    partner: PartnerData,
    service: ServiceData,
    locations: dict[uuid.UUID, dict],
    category_labels: dict[str, str],
    language_names: dict[str, str],
) -> dict[str, Any]:
    sid = str(service.hsds_id)
    doc: dict[str, Any] = {
        "id": sid,
        "organization_id": str(partner.hsds_id),
        "name": service.name,
        "status": service.status,
    }
    if service.description:
        doc["description"] = service.description
    if service.how_to_get_in:
        doc["application_process"] = service.how_to_get_in
    if service.eligibility:
        doc["eligibility_description"] = service.eligibility
    if service.languages:
        doc["languages"] = [
            {
                "id": derived_id(sid, "language", code),
                "service_id": sid,
                "code": code,
                "name": language_names.get(code, code),
            }
            for code in service.languages
        ]
    if service.categories:
        doc["attributes"] = [
            {
                "id": derived_id(sid, "category", code),
                "link_id": sid,
                "link_type": "service",
                "link_entity": "service",
                "taxonomy_term_id": derived_id("category", code),
                "taxonomy_term": category_term(code, category_labels.get(code, code)),
            }
            for code in service.categories
        ]
    if service.places:
        doc["service_at_locations"] = [
            {"id": str(link), "service_id": sid, "location_id": str(lid), "location": locations[lid]}
            for link, lid in service.places
        ]
    return doc


def to_hsds(
    partners: Iterable[PartnerData], *, category_labels: dict[str, str], language_names: dict[str, str]
) -> dict[str, Any]:
    """The directory as one HSDS page of organizations (every one of them on the page)."""
    contents = []
    for partner in partners:
        locations = {loc.hsds_id: _location(partner, loc) for loc in partner.locations}
        doc: dict[str, Any] = {"id": str(partner.hsds_id), "name": partner.name, "description": partner.description}
        if partner.email:
            doc["email"] = partner.email
        if partner.website:
            doc["website"] = partner.website
        if partner.phone:
            doc["phones"] = [
                {
                    "id": derived_id(partner.hsds_id, "phone"),
                    "organization_id": str(partner.hsds_id),
                    "number": partner.phone,
                }
            ]
        if locations:
            doc["locations"] = list(locations.values())
        if partner.services:
            doc["services"] = [
                _service(partner, s, locations, category_labels, language_names) for s in partner.services
            ]
        contents.append(doc)
    return {
        "total_items": len(contents),
        "total_pages": 1,
        "page_number": 1,
        "size": len(contents),
        "first_page": True,
        "last_page": True,
        "empty": not contents,
        "contents": contents,
    }


# --- Reading ------------------------------------------------------------------------------------------


def records_of(document: object) -> list | None:
    """The organization records in a file: an HSDS page (``contents``), a list, or one organization."""
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        return document["contents"]
    if isinstance(document, list):
        return document
    if isinstance(document, dict) and "id" in document and "name" in document:
        return [document]
    return None


def _place(path: Iterable[object]) -> str:
    """A place in a record, for people: ``services 2 › languages 1 › code`` (counting from 1)."""
    words = []
    for part in path:
        words.append(str(part + 1) if isinstance(part, int) else str(part).replace("_", " "))
    return " › ".join(words)


def _schema_problem(number: int, name: str, error) -> Problem:
    path = list(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else ""
        return Problem(number, name, _place([*path, missing]), "missing")
    detail = error.instance if isinstance(error.instance, str | int | float) else ""
    if kind == "format":
        return Problem(number, name, _place(path), f"format_{error.validator_value}", str(detail)[:80])
    if kind == "type":
        return Problem(number, name, _place(path), f"type_{error.validator_value}")
    if kind == "enum":
        return Problem(number, name, _place(path), "enum", ", ".join(map(str, error.validator_value)))
    return Problem(number, name, _place(path), "schema", error.message[:200])


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _first(items: object) -> dict:
    if isinstance(items, list) and items and isinstance(items[0], dict):
        return items[0]
    return {}


def _schedule_text(schedule: dict) -> str:
    """A schedule in words: its description, or what its rule says (``MO,TU 09:00–17:00``)."""
    if _text(schedule.get("description")):
        return _text(schedule.get("description"))
    days, opens, closes = (
        _text(schedule.get("byday")),
        _text(schedule.get("opens_at")),
        _text(schedule.get("closes_at")),
    )
    hours = "–".join(t[:5] for t in (opens, closes) if t)
    return " ".join(t for t in (days, hours) if t)


_email_ok = EmailValidator()
_url_ok = URLValidator(schemes=["http", "https"])


class _Record:
    """Reads one organization record into plain data, noting every problem on the way."""

    def __init__(self, number: int, doc: dict, category_labels: dict[str, str], language_names: dict[str, str]):
        self.number, self.doc = number, doc
        self.name = _text(doc.get("name"))[:200]
        self.problems: list[Problem] = []
        self.categories = {code: code for code in category_labels}
        self.categories |= {str(label).casefold(): code for code, label in category_labels.items()}
        self.languages = {code: code for code in language_names}
        self.languages |= {str(name).casefold(): code for code, name in language_names.items()}

    def problem(self, place: str, code: str, detail: str = "") -> None:
        self.problems.append(Problem(self.number, self.name, place, code, detail))

    def text(self, value: object, place: str, limit: str | None = None) -> str:
        text = _text(value)
        if limit is not None and len(text) > LIMITS[limit]:
            self.problem(place, "too_long", str(LIMITS[limit]))
        return text

    def location(self, doc: dict, place: str) -> LocationData:
        address = _first(doc.get("addresses"))
        accessibility = "\n".join(
            _text(a.get("description")) or _text(a.get("details"))
            for a in doc.get("accessibility") or []
            if isinstance(a, dict) and (_text(a.get("description")) or _text(a.get("details")))
        )
        hours = "\n".join(
            text for text in (_schedule_text(s) for s in doc.get("schedules") or [] if isinstance(s, dict)) if text
        )
        country = self.text(address.get("country"), f"{place} › addresses › 1 › country")
        if len(country) > 2:
            self.problem(f"{place} › addresses › 1 › country", "country", country[:80])
        return LocationData(
            hsds_id=uuid.UUID(doc["id"]),
            name=self.text(doc.get("name"), f"{place} › name", "location_name"),
            address=self.text(address.get("address_1"), f"{place} › addresses › 1 › address 1", "address"),
            city=self.text(address.get("city"), f"{place} › addresses › 1 › city", "city"),
            postal_code=self.text(address.get("postal_code"), f"{place} › addresses › 1 › postal code", "postal_code"),
            area=self.text(address.get("region"), f"{place} › addresses › 1 › region", "area"),
            country=country.upper()[:2],
            accessibility=accessibility,
            opening_hours=hours,
        )

    def service_categories(self, doc: dict) -> tuple[str, ...]:
        found: list[str] = []
        for attribute in doc.get("attributes") or []:
            term = attribute.get("taxonomy_term") if isinstance(attribute, dict) else None
            if not isinstance(term, dict):
                continue
            code = self.categories.get(_text(term.get("code"))) or self.categories.get(
                _text(term.get("name")).casefold()
            )
            if code and code not in found:
                found.append(code)
        return tuple(found)

    def service_languages(self, doc: dict) -> tuple[str, ...]:
        found: list[str] = []
        for language in doc.get("languages") or []:
            code_given = _text(language.get("code")).casefold().replace("_", "-").split("-")[0]
            code = self.languages.get(code_given) or self.languages.get(_text(language.get("name")).casefold())
            if code and code not in found:
                found.append(code)
        return tuple(found)

    def read(self) -> PartnerData:
        doc = self.doc
        website = self.text(doc.get("website"), "website", "website")
        if website:
            try:
                _url_ok(website)
            except ValidationError:
                self.problem("website", "format_uri", website[:80])
        email = self.text(doc.get("email"), "email", "email")
        if email:
            try:
                _email_ok(email)
            except ValidationError:
                self.problem("email", "format_email", email[:80])
        if not self.name:
            self.problem("name", "missing")
        self.text(doc.get("name"), "name", "name")

        locations: dict[uuid.UUID, LocationData] = {}
        for n, loc in enumerate(doc.get("locations") or []):
            data = self.location(loc, _place(["locations", n]))
            if data.hsds_id in locations:
                self.problem(_place(["locations", n, "id"]), "duplicate_id", str(data.hsds_id))
            locations[data.hsds_id] = data
        services: list[ServiceData] = []
        for n, svc in enumerate(doc.get("services") or []):
            place = _place(["services", n])
            name = self.text(svc.get("name"), f"{place} › name", "name")
            if not name:
                self.problem(f"{place} › name", "missing")
            places: list[tuple[uuid.UUID, uuid.UUID]] = []
            for m, link in enumerate(svc.get("service_at_locations") or []):
                link_place = _place(["services", n, "service_at_locations", m])
                nested = link.get("location") if isinstance(link.get("location"), dict) else None
                location_id = link.get("location_id") or (nested or {}).get("id")
                try:
                    lid = uuid.UUID(str(location_id))
                except ValueError:
                    self.problem(f"{link_place} › location id", "no_location")
                    continue
                if nested is not None and lid not in locations:
                    locations[lid] = self.location(nested, f"{link_place} › location")
                if lid not in locations:
                    self.problem(f"{link_place} › location id", "unknown_location", str(lid))
                    continue
                if any(existing == lid for _, existing in places):
                    continue
                places.append((uuid.UUID(link["id"]), lid))
            services.append(
                ServiceData(
                    hsds_id=uuid.UUID(svc["id"]),
                    name=name,
                    description=_text(svc.get("description")),
                    categories=self.service_categories(svc),
                    languages=self.service_languages(svc),
                    how_to_get_in=_text(svc.get("application_process")),
                    eligibility=_text(svc.get("eligibility_description")),
                    status=svc["status"],
                    places=tuple(places),
                )
            )
        phone = _first(doc.get("phones"))
        return PartnerData(
            hsds_id=uuid.UUID(doc["id"]),
            name=self.name,
            description=_text(doc.get("description")),
            website=website,
            email=email,
            phone=self.text(phone.get("number"), "phones › 1 › number", "phone"),
            services=tuple(services),
            locations=tuple(locations.values()),
        )


def from_hsds(
    document: object,
    *,
    category_labels: dict[str, str],
    language_names: dict[str, str],
    on_record=None,
) -> Reading:
    """Read a parsed HSDS file. ``on_record(n)`` is told after each record is checked."""
    reading = Reading()
    records = records_of(document)
    if records is None:
        reading.problems.append(Problem(0, "", "", "shape"))
        return reading
    reading.records = len(records)
    check = validator(ORGANIZATION_SCHEMA)
    seen: dict[tuple[str, uuid.UUID], int] = {}
    names: dict[str, int] = {}
    for index, doc in enumerate(records):
        number = index + 1
        name = _text(doc.get("name"))[:200] if isinstance(doc, dict) else ""
        try:
            errors = sorted(check.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
        except RecursionError:
            reading.problems.append(Problem(number, name, "", "too_deep"))
            continue
        if errors:
            reading.problems.extend(_schema_problem(number, name, error) for error in errors[:20])
        else:
            record = _Record(number, doc, category_labels, language_names)
            partner = record.read()
            problems = record.problems
            for kind, hsds_id, place in _ids_of(partner):
                if (kind, hsds_id) in seen:
                    problems.append(Problem(number, name, place, "same_id_as", str(seen[kind, hsds_id])))
                seen.setdefault((kind, hsds_id), number)
            if partner.name.casefold() in names:
                problems.append(Problem(number, name, "name", "same_name_as", str(names[partner.name.casefold()])))
            names.setdefault(partner.name.casefold(), number)
            reading.problems.extend(problems)
            if not problems:
                reading.partners.append(partner)
        if on_record is not None:
            on_record(number)
    return reading


def _ids_of(partner: PartnerData):
    yield "organization", partner.hsds_id, "id"
    for n, service in enumerate(partner.services):
        yield "service", service.hsds_id, _place(["services", n, "id"])
        for link, _lid in service.places:
            yield "service_at_location", link, _place(["services", n, "service_at_locations"])
    for location in partner.locations:
        yield "location", location.hsds_id, "locations"
