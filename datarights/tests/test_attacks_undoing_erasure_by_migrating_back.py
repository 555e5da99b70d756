"""Migrating back past the point where erasure forgets who worked with a peer says why it cannot.

An erased peer's assignments and consent records point to nobody. The migrations before made those
pointers required, so going back failed half-way with an IntegrityError (SQLite) or a NOT NULL error
(PostgreSQL). Forgetting cannot be undone: the way back stops first, with a sentence saying so.
"""

import pytest
from django.db import connection
from django.db.migrations.exceptions import IrreversibleError
from django.db.migrations.executor import MigrationExecutor

from conftest import assign, make_member, make_peer
from consent.models import ConsentRecord, ConsentText
from datarights.services import erase_peer
from organisations.models import Organisation, Role
from organisations.tenancy import all_organisations


def latest(executor):
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "target", [("people", "0004_encrypt_existing_free_text"), ("consent", "0001_initial")], ids=["people", "consent"]
)
def test_going_back_before_erasure_forgot_who_is_refused_with_a_reason(target):
    with all_organisations():
        org = Organisation.objects.create(name="Old", slug="old")
        coordinator = make_member(org, "cleo", Role.COORDINATOR)
        peer = make_peer(org, "Ioana", coordinator.user)
        assign(peer, coordinator)
        text = ConsentText.objects.create(organisation=org, version=1, language="en", title="T", body="B")
        ConsentRecord.objects.create(
            organisation=org,
            peer=peer,
            text=text,
            take_part=True,
            store_data=True,
            limits_explained_by=coordinator.user,
            limits_explained_at=peer.created_at,
            recorded_by=coordinator.user,
        )
        erase_peer(peer, by=coordinator)

    executor = MigrationExecutor(connection)
    try:
        with pytest.raises(IrreversibleError, match="erased"):
            executor.migrate([target])
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(latest(executor))
