"""Refusals filed with the record's organisation tell its admins who tried, and tell the prober nothing.

Hugo (Harbour) probes Riverside's records. Riverside's admins hear of each record he tried, once an
hour however often he asks (he cannot flood their log by asking again); Harbour's log keeps every
attempt. Asking for a record that exists elsewhere costs the same statements as one that does not:
a second write (a second commit, a few milliseconds on PostgreSQL) was a timing oracle.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from access import lookups
from audit.models import TRIED_FROM_ELSEWHERE, Action, AuditEvent


def holder_copies(cast):
    return AuditEvent.objects.filter(
        actor=cast.user("hugo"), organisation=cast.riverside, action=Action.DENIED, reason=TRIED_FROM_ELSEWHERE
    )


def test_asking_again_and_again_files_one_copy_with_the_holder_and_every_attempt_at_home(cast, client_for):
    client = client_for("hugo")
    for _ in range(5):
        assert client.get(f"/peers/{cast.amara.pk}/").status_code == 404

    assert holder_copies(cast).count() == 1
    assert AuditEvent.objects.filter(actor=cast.user("hugo"), organisation=cast.harbour).count() == 5


def test_each_record_tried_is_filed_with_the_holder(cast, client_for):
    client = client_for("hugo")
    for peer in (cast.amara, cast.bea):
        client.get(f"/peers/{peer.pk}/")
    client.get(f"/supporters/{cast.pat_profile.pk}/")
    assert sorted(holder_copies(cast).values_list("record_type", "record_id")) == sorted(
        [("peer", str(cast.amara.pk)), ("peer", str(cast.bea.pk)), ("peersupporter", str(cast.pat_profile.pk))]
    )


def test_once_the_hour_is_over_the_holder_hears_of_it_again(cast, client_for, monkeypatch):
    assert timedelta(hours=1) == lookups.HOLDER_HEARS_ONCE_IN
    client = client_for("hugo")
    client.get(f"/peers/{cast.amara.pk}/")
    monkeypatch.setattr(lookups, "HOLDER_HEARS_ONCE_IN", timedelta(0))  # as if the hour had passed
    client.get(f"/peers/{cast.amara.pk}/")
    assert holder_copies(cast).count() == 2


def statements(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 404
    return [q["sql"].split()[0].upper() for q in queries.captured_queries]


@pytest.mark.parametrize("kind", ["peers", "supporters"])
def test_a_record_elsewhere_costs_the_same_statements_as_one_that_does_not_exist(cast, client_for, kind):
    client = client_for("hugo")
    client.get("/")  # the first page starts the idle clock (a session write); compare the next ones
    elsewhere = cast.amara.pk if kind == "peers" else cast.pat_profile.pk
    assert statements(client, f"/{kind}/{elsewhere}/") == statements(client, f"/{kind}/987654321/")
