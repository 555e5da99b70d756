"""The migration from matching's interim flag: everyone who "may work one-to-one on their own" keeps
that (a level that allows it, experience recognised, the reason kept); nobody else gains it."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from organisations.tenancy import all_organisations

BEFORE = [("matching", "0001_initial"), ("competence", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_each_supporter_who_had_the_flag_holds_a_level_that_lets_them_work_alone():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    model = executor.loader.project_state(BEFORE).apps.get_model
    with all_organisations():
        org = model("organisations", "Organisation").objects.create(name="Old", slug="old")
        ids = {}
        for name, alone in (("ama", True), ("ben", False), ("cy", None)):
            user = model("accounts", "User").objects.create(email=f"{name}@example.test", display_name=name)
            member = model("organisations", "Membership").objects.create(
                user=user, organisation=org, role="peer_supporter"
            )
            supporter = model("people", "PeerSupporter").objects.create(
                organisation=org, membership=member, employment="paid", stage="active"
            )
            ids[name] = supporter.pk
            if alone is not None:
                model("matching", "SupporterDetails").objects.create(
                    organisation=org, supporter=supporter, may_work_alone=alone
                )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from competence.choices import Work
    from competence.models import HeldLevel, Level, LevelChange
    from competence.services import allowed_ids
    from people.models import PeerSupporter

    with all_organisations():
        assert Level.objects.filter(organisation_id=org.pk).count() == 6  # the defaults, for an old organisation
        supporters = list(PeerSupporter.objects.filter(pk__in=ids.values()))
        assert allowed_ids(supporters, Work.ONE_TO_ONE_ALONE) == {ids["ama"]}
        held = HeldLevel.objects.get(supporter_id=ids["ama"])
        assert held.level.code == "independent_one_to_one" and held.recognised
        assert "before responsibility levels began" in LevelChange.objects.get(supporter_id=ids["ama"]).reason
        assert not HeldLevel.objects.filter(supporter_id__in=[ids["ben"], ids["cy"]]).exists()
