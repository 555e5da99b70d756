"""A query cannot compare or search an encrypted column: it would compare ciphertext and say "nobody".

Each value is encrypted with a fresh IV, so ``filter(code_word="bluebird")`` or
``filter(lived_experience__icontains="labour")`` silently matched nothing (a search that finds no one,
a check that passes). Every encrypted column, from the registry, refuses such a lookup loudly;
asking whether it is empty still works (erasure and the registry read it that way).
"""

import pytest
from django.core.exceptions import FieldError

from encryption.fields import encrypted_fields
from organisations.tenancy import all_organisations

COLUMNS = sorted({(model, field.name) for model, field in encrypted_fields()}, key=lambda c: (c[0]._meta.label, c[1]))
SEARCHES = ["exact", "iexact", "contains", "icontains", "startswith", "in", "gt", "regex"]


def value_for(lookup):
    return ["bluebird"] if lookup == "in" else "bluebird"


@pytest.mark.parametrize(("model", "name"), COLUMNS, ids=[f"{m._meta.label}.{n}" for m, n in COLUMNS])
@pytest.mark.parametrize("lookup", SEARCHES)
def test_searching_an_encrypted_column_is_refused(db, model, name, lookup):
    with all_organisations(), pytest.raises(FieldError, match="encrypted"):
        list(model._default_manager.filter(**{f"{name}__{lookup}": value_for(lookup)}))


@pytest.mark.parametrize(("model", "name"), COLUMNS, ids=[f"{m._meta.label}.{n}" for m, n in COLUMNS])
def test_asking_whether_an_encrypted_column_is_empty_still_works(cast, model, name):
    with all_organisations():
        list(model._default_manager.filter(**{name: ""}))
        list(model._default_manager.exclude(**{name: ""}))
        list(model._default_manager.filter(**{f"{name}__isnull": True}))


def test_a_peer_with_a_code_word_is_found_by_reading_it_not_by_querying_it(cast):
    with all_organisations():
        cast.amara.code_word = "bluebird"
        cast.amara.save()
        assert [p.pk for p in type(cast.amara).objects.all() if p.code_word == "bluebird"] == [cast.amara.pk]
