"""Everyone who looks after peers searches the directory; coordinators and admins keep it. It is the
organisation's own: another organisation's partner, service or place answers 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from conftest import queries_asked
from directory.models import Location, Service, ServiceAtLocation
from organisations.models import Partner
from organisations.tenancy import organisation_scope


def add_service(org, partner_name, service_name, *, categories=(), languages=(), area="", **fields):
    with organisation_scope(org):
        partner, _ = Partner.objects.get_or_create(organisation=org, name=partner_name)
        service = Service.objects.create(
            organisation=org, partner=partner, name=service_name, categories=list(categories),
            languages=list(languages), **fields,
        )  # fmt: skip
        if area:
            place = Location.objects.create(organisation=org, partner=partner, name=f"{area} office", area=area)
            ServiceAtLocation.objects.create(organisation=org, service=service, location=place)
    return service


@pytest.fixture
def directory(cast):
    add_service(
        cast.riverside,
        "Haven Housing",
        "Emergency beds",
        categories=["housing"],
        languages=["en", "ro"],
        area="Northgate",
    )
    add_service(
        cast.riverside,
        "Northgate Law",
        "Legal clinic",
        categories=["legal_aid", "immigration"],
        languages=["en", "ar"],
        area="Northgate",
    )
    add_service(
        cast.riverside,
        "Open Door",
        "Counselling in Arabic",
        categories=["counselling"],
        languages=["ar"],
        area="Eastside",
    )
    add_service(cast.harbour, "Harbour Shelter", "Harbour beds", categories=["housing"], area="Docks")
    return cast


def _listed(client, **filters) -> str:
    return client.get(reverse("directory:directory"), filters).content.decode()


@pytest.mark.parametrize("player", ["ada", "cleo", "sina", "pat", "stef"])
def test_everyone_who_looks_after_peers_searches_the_directory(directory, client_for, player):
    page = _listed(client_for(player))
    assert "Emergency beds" in page and "Legal clinic" in page
    assert "Harbour beds" not in page, "another organisation's directory never shows"


def test_an_evaluator_does_not_see_the_directory(directory, client_for):
    assert client_for("eve").get(reverse("directory:directory")).status_code == 404


def test_the_directory_filters_by_kind_of_help_area_and_language(directory, client_for):
    client = client_for("pat")
    housing = _listed(client, category="housing")
    assert "Emergency beds" in housing and "Legal clinic" not in housing and "Harbour beds" not in housing
    arabic = _listed(client, language="ar")
    assert "Legal clinic" in arabic and "Counselling in Arabic" in arabic and "Emergency beds" not in arabic
    northgate = _listed(client, area="Northgate")
    assert "Emergency beds" in northgate and "Counselling in Arabic" not in northgate
    both = _listed(client, area="Northgate", language="ar")
    assert "Legal clinic" in both and "Emergency beds" not in both
    assert "No service matches" in _listed(client, category="lgbtq")
    assert "Legal clinic" in _listed(client, words="northgate law")


def test_a_filter_that_is_not_on_the_list_is_ignored_not_a_500(directory, client_for):
    response = client_for("pat").get(reverse("directory:directory"), {"category": "nonsense", "area": "x" * 500})
    assert response.status_code == 200


def test_the_directory_asks_the_same_number_of_questions_however_many_services(directory, client_for):
    client = client_for("pat")
    few, _ = queries_asked(client, reverse("directory:directory"))
    for n in range(12):
        add_service(directory.riverside, f"Partner {n}", f"Service {n}", categories=["health"], area=f"Area {n}")
    many, page = queries_asked(client, reverse("directory:directory"))
    assert "Service 11" in page
    assert many == few
    filtered, _ = queries_asked(client, reverse("directory:directory") + "?category=health")
    assert filtered <= few + 1


def test_the_partner_list_and_a_partners_page_ask_the_same_questions_however_many_rows(directory, client_for):
    client = client_for("pat")
    partner = Partner.objects.get(organisation=directory.riverside, name="Haven Housing")
    few_list, _ = queries_asked(client, reverse("directory:partners"))
    few_page, _ = queries_asked(client, reverse("directory:partner", args=[partner.pk]))
    for n in range(6):
        add_service(directory.riverside, "Haven Housing", f"Beds {n}", area=f"Ward {n}")
        add_service(directory.riverside, f"Other {n}", f"Other service {n}")
    many_list, page = queries_asked(client, reverse("directory:partners"))
    many_page, _ = queries_asked(client, reverse("directory:partner", args=[partner.pk]))
    assert "Other 5" in page
    assert (many_list, many_page) == (few_list, few_page)


def test_a_coordinator_adds_a_partner_a_place_and_a_service_offered_there(cast, client_for):
    client = client_for("cleo")
    response = client.post(
        reverse("directory:partner_new"),
        {
            "name": "Clearwater Recovery",
            "description": "Support with drugs and alcohol.",
            "website": "clearwater.example",
        },
    )
    partner = Partner.objects.get(organisation=cast.riverside, name="Clearwater Recovery")
    assert response["Location"] == reverse("directory:partner", args=[partner.pk])
    assert partner.website == "https://clearwater.example"
    client.post(
        reverse("directory:location_new", args=[partner.pk]),
        {
            "name": "Clearwater hub",
            "address": "3 Mill Lane",
            "area": "Riverside",
            "country": "gb",
            "opening_hours": "Mon–Fri 9–5",
        },
    )
    with organisation_scope(cast.riverside):
        hub = Location.objects.get(partner=partner)
        assert hub.country == "GB"
    response = client.post(
        reverse("directory:service_new", args=[partner.pk]),
        {
            "name": "Drop-in",
            "categories": ["substance_use"],
            "languages": ["pl"],
            "status": "active",
            "locations": [hub.pk],
        },
    )
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        service = Service.objects.get(partner=partner)
        assert service.categories == ["substance_use"] and service.languages == ["pl"]
        assert list(service.places.values_list("location", flat=True)) == [hub.pk]
    page = client.get(reverse("directory:partner", args=[partner.pk])).content.decode()
    assert "Drop-in" in page and "Clearwater hub" in page and "Mon–Fri 9–5" in page
    assert AuditEvent.objects.filter(record_type="service", record_id=str(service.pk), action=Action.CREATE).exists()


def test_a_form_with_mistakes_comes_back_with_what_was_typed(cast, client_for):
    client = client_for("cleo")
    response = client.post(reverse("directory:partner_new"), {"name": "Riverside Housing", "email": "not an address"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is already a partner with that name." in body and "Enter a valid email address." in body
    assert 'value="not an address"' in body
    partner = Partner.objects.get(organisation=cast.riverside, name="Riverside Housing")
    response = client.post(reverse("directory:location_new", args=[partner.pk]), {"country": "Britain"})
    assert "Two letters, such as GB or FR." in response.content.decode()
    assert "Give the place a name, an address or an area." in response.content.decode()
    response = client.post(reverse("directory:service_new", args=[partner.pk]), {"name": "", "status": "maybe"})
    assert response.status_code == 200
    with organisation_scope(cast.riverside):
        assert not Location.objects.exists() and not Service.objects.exists()


def test_a_service_is_offered_only_at_its_own_partners_places(directory, client_for):
    client = client_for("cleo")
    with organisation_scope(directory.riverside):
        beds = Service.objects.get(name="Emergency beds")
        elsewhere = Location.objects.get(name="Eastside office")  # Open Door's place
    response = client.post(
        reverse("directory:service_edit", args=[beds.pk]),
        {"name": "Emergency beds", "status": "active", "locations": [elsewhere.pk]},
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_another_organisations_rows_answer_404_and_the_refusal_is_audited(directory, client_for):
    with organisation_scope(directory.harbour):
        theirs = Service.objects.select_related("partner").get(name="Harbour beds")
        place = Location.objects.get(partner=theirs.partner)
    client = client_for("cleo")
    for name, pk in (
        ("directory:partner", theirs.partner_id),
        ("directory:partner_edit", theirs.partner_id),
        ("directory:service_new", theirs.partner_id),
        ("directory:service_edit", theirs.pk),
        ("directory:location_new", theirs.partner_id),
        ("directory:location_edit", place.pk),
    ):
        for method in (client.get, client.post):
            response = method(reverse(name, args=[pk]), {"name": "Taken over"})
            assert response.status_code == 404, name
            assert "Harbour" not in response.content.decode()
    assert AuditEvent.objects.filter(actor=directory.user("cleo"), action=Action.DENIED).count() == 12
    with organisation_scope(directory.harbour):
        assert Service.objects.get(pk=theirs.pk).name == "Harbour beds"
        assert Partner.objects.get(pk=theirs.partner_id).name == "Harbour Shelter"


def test_a_peer_supporter_reads_the_directory_but_does_not_change_it(directory, client_for):
    client = client_for("pat")
    partner = Partner.objects.get(organisation=directory.riverside, name="Haven Housing")
    assert client.get(reverse("directory:partner", args=[partner.pk])).status_code == 200
    assert "Change the partner" not in client.get(reverse("directory:partner", args=[partner.pk])).content.decode()
    for name, args in (
        ("directory:partner_edit", [partner.pk]),
        ("directory:partner_new", []),
        ("directory:export", []),
        ("directory:import", []),
    ):
        assert client.post(reverse(name, args=args), {"name": "Changed"}).status_code == 404, name
    assert Partner.objects.get(pk=partner.pk).name == "Haven Housing"
