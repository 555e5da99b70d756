"""A peer supporter downloads what we hold about them: everything that is theirs, nothing of a peer's.

What is theirs is what their erasure touches (datarights/tests/test_supporter_erasure.py's lists): each
kind of row is in the copy, row for row, except rows about a peer (a lifted exclusion, a batch pin),
which are the peer's.
"""

from __future__ import annotations

import json

from audit.models import Action, AuditEvent
from datarights.tests.test_supporter_erasure import GONE, KEPT, everything_of, pointers, rows_pointing
from organisations.tenancy import organisation_scope
from people.models import Peer
from wellbeing.models import HardMoment


def about_a_peer(model) -> bool:
    return any(f.is_relation and f.related_model is Peer and not f.null for f in model._meta.concrete_fields)


def test_a_supporter_downloads_everything_that_is_theirs_and_nothing_of_a_peers(cast_with_support_rows, client_for):
    cast = cast_with_support_rows
    with organisation_scope(cast.harbour):
        hana = everything_of(cast)
        HardMoment.objects.create(organisation=cast.harbour, member=hana.membership, words="The night bus home.")
        expected, the_peers = {}, set()
        for name in [*GONE, *KEPT]:
            model, kind = pointers()[name].model, str(pointers()[name].model._meta.verbose_name_plural)
            if about_a_peer(model):
                the_peers.add(kind)
            else:
                expected[kind] = rows_pointing(name, hana).count()

    response = client_for("hana").get("/wellbeing/my-record.json")

    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    copy = json.loads(response.content)
    assert {kind: len(copy.get(kind, [])) for kind in expected} == expected
    assert the_peers and not the_peers & set(copy)
    text = response.content.decode()
    assert "The night bus home." in text
    for peer in ("Zed", "Yara"):
        assert peer not in text
    assert AuditEvent.objects.filter(action=Action.EXPORT, record_type="peersupporter", record_id=str(hana.pk)).exists()


def test_nobody_else_downloads_it(cast_with_support_rows, client_for):
    for name in ("hugo", "eve", "sina"):
        assert client_for(name).get("/wellbeing/my-record.json").status_code == 404
