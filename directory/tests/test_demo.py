"""The demo has a believable directory in each organisation: the demo partners kept, with services in
every category, places in the organisation's areas, and an export that is valid HSDS."""

from __future__ import annotations

import time
from io import StringIO

from django.core.management import call_command

from demo import cast as demo_cast
from directory import hsds
from directory.models import Category, Service, ServiceAtLocation
from directory.services import category_labels, directory_data, language_names
from organisations.models import Organisation, Partner
from organisations.tenancy import all_organisations


def test_the_demo_has_a_directory_in_each_organisation_that_exports_as_valid_hsds(db):
    started = time.perf_counter()
    call_command("seed_demo", stdout=StringIO(), quiet=True, scale=1)
    assert time.perf_counter() - started < 60
    with all_organisations():
        for spec in demo_cast.ORGANISATIONS:
            org = Organisation.objects.get(slug=spec["slug"])
            names = set(Partner.objects.filter(organisation=org).values_list("name", flat=True))
            assert set(spec["partners"]) <= names, "the demo partners are kept"
            services = Service.objects.filter(organisation=org)
            assert services.count() >= 8
            assert not services.exclude(pk__in=ServiceAtLocation.objects.values("service")).exists()
            categories = {code for s in services for code in s.categories}
            assert len(categories) >= 6, categories
            document = hsds.to_hsds(
                directory_data(org), category_labels=category_labels(), language_names=language_names()
            )
            assert hsds.export_errors(document) == []
        every = {code for s in Service.objects.all() for code in s.categories}
        assert every == {c.value for c in Category}
