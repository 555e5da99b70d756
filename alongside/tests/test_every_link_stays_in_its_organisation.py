"""Every foreign key between two tables of an organisation's data joins rows of the same organisation.

So the primary keys can later become (organisation, id), and the tables be partitioned or
distributed by organisation, without a row of one organisation pointing into another's
(docs/scaling.md). Read from the models: every foreign key, on every model that carries an
organisation, to another model that carries one; checked over the demo's two organisations.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import F

from organisations.tenancy import all_organisations


def _carries_organisation(model) -> bool:
    return any(f.name == "organisation" for f in model._meta.concrete_fields)


def _links():
    for model in apps.get_models(include_auto_created=True):
        if not _carries_organisation(model):
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.name != "organisation" and _carries_organisation(field.related_model):
                yield model, field


def test_the_links_are_read_from_the_models():
    links = {(m._meta.label, f.name) for m, f in _links()}
    assert {
        ("consent.NamedPartner", "partner"),
        ("people.Assignment", "peer"),
        ("people.Assignment", "worker"),
    } <= links
    assert len(links) > 100


@pytest.mark.django_db
def test_no_row_points_into_another_organisation():
    call_command("seed_demo", stdout=StringIO(), quiet=True)
    crossing = []
    with all_organisations():
        rows = 0
        for model, field in _links():
            linked = model._base_manager.filter(**{f"{field.name}__isnull": False})
            rows += linked.count()
            wrong = linked.exclude(organisation_id=F(f"{field.name}__organisation_id")).count()
            if wrong:
                crossing.append(f"{model._meta.label}.{field.name}: {wrong}")
    assert rows > 1000  # the demo's rows were looked at
    assert not crossing, crossing
