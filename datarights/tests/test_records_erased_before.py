"""A record erased before erasure kept only what the counts need is brought down to the same."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from datarights.tests.test_erasure_leaves_nothing import what_is_left
from organisations.tenancy import all_organisations

# The partner directory's fields came later (organisations 0002): taken back too, so the old Partner fits.
BEFORE = [("people", "0005_erasure_keeps_no_one"), ("consent", "0002_erasure_keeps_no_one")]
BEFORE += [("organisations", "0001_initial")]
AFTER = [("people", "0006_coarsen_records_erased_before")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_forgets_who_and_when_on_records_erased_before():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    model = old.get_model
    with all_organisations():
        org = model("organisations", "Organisation").objects.create(name="Old", slug="old")
        user = model("accounts", "User").objects.create(email="worker@example.test", display_name="Worker")
        member = model("organisations", "Membership").objects.create(user=user, organisation=org, role="coordinator")
        exact = timezone.now() - timedelta(days=50)
        peer = model("people", "Peer").objects.create(
            organisation=org, chosen_name="—", created_by=user, erased_at=exact, age_band="25_34"
        )
        model("people", "Peer").objects.filter(pk=peer.pk).update(created_at=exact, updated_at=exact)
        model("people", "Assignment").objects.create(
            organisation=org, peer=peer, worker=member, kind="peer_support", created_by=user, starts_on=exact.date()
        )
        text = model("consent", "ConsentText").objects.create(
            organisation=org, version=1, language="en", title="T", body="B"
        )
        record = model("consent", "ConsentRecord").objects.create(
            organisation=org,
            peer=peer,
            text=text,
            take_part=True,
            store_data=True,
            reports=True,
            limits_explained_by=user,
            limits_explained_at=exact,
            recorded_by=user,
        )
        record.partners.add(model("organisations", "Partner").objects.create(organisation=org, name="Refuge"))

    executor = MigrationExecutor(connection)
    # Through AFTER to the latest: apps added since point to peers too, and what_is_left reads them.
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert set(AFTER) <= MigrationRecorder(connection).applied_migrations().keys()

    from people.models import Peer

    with all_organisations():
        erased = Peer.objects.get(pk=peer.pk)
        assert what_is_left(erased) == []
        assert erased.age_band == "25_34" and erased.is_erased
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
