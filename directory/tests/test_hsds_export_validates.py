"""Every export is valid HSDS 3.0, and reads back as the same directory: over generated directories."""

from __future__ import annotations

import json
import uuid

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory import hsds
from directory.services import category_labels, language_names

from .strategies import directories

LABELS = {"category_labels": category_labels(), "language_names": language_names()}


@settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(directory=directories())
def test_every_export_validates_against_the_hsds_schemas_and_reads_back_the_same(directory):
    document = hsds.to_hsds(directory, **LABELS)
    assert hsds.export_errors(document) == []
    # Through the bytes the download sends.
    reading = hsds.from_hsds(json.loads(json.dumps(document, ensure_ascii=False)), **LABELS)
    assert reading.problems == []
    assert reading.partners == directory


def test_the_export_schema_resolves_its_ref_to_the_organization_schema_beside_it():
    resolver = hsds.registry().resolver(base_uri=hsds.EXPORT_SCHEMA)
    resolved = resolver.lookup("organization.json")
    assert resolved.contents["name"] == "organization"
    assert "services" in resolved.contents["properties"]


def test_the_check_is_not_a_rubber_stamp():
    """A broken export is refused by the same check: an id that is no UUID, a missing name, a
    status HSDS does not know, a service nested without its required fields."""
    partner = hsds.PartnerData(uuid.uuid4(), "Haven", services=(hsds.ServiceData(uuid.uuid4(), "Beds"),))
    good = hsds.to_hsds([partner], **LABELS)
    assert hsds.export_errors(good) == []
    for breaking in (
        lambda d: d["contents"][0].update(id="haven-1"),
        lambda d: d["contents"][0].pop("name"),
        lambda d: d["contents"][0]["services"][0].update(status="open"),
        lambda d: d["contents"][0]["services"][0].pop("status"),
        lambda d: d["contents"][0].update(website="not a web address"),
        lambda d: d.pop("contents"),
    ):
        broken = json.loads(json.dumps(good))
        breaking(broken)
        assert hsds.export_errors(broken), breaking


@settings(max_examples=60, deadline=None, database=None)
@given(
    junk=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=5),
        lambda inner: (
            st.lists(inner, max_size=3)
            | st.dictionaries(
                st.sampled_from(["id", "name", "contents", "services", "description", "status"]), inner, max_size=4
            )
        ),
        max_leaves=12,
    )
)
def test_reading_any_json_reports_problems_and_never_raises(junk):
    reading = hsds.from_hsds(junk, **LABELS)
    assert reading.partners == [] or reading.problems == []
