"""The three many-to-many joins that had no organisation (a consent record's named partners, a level's
competences, a self-care plan's supports) gain it in a migration: every row keeps its pair and is
given the organisation of the row that holds it, in each organisation, on either database."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from organisations.tenancy import all_organisations

GAINED = {  # app: (the migration that gives it, the one before)
    "consent": ("0003_named_partners_carry_the_organisation", "0002_erasure_keeps_no_one"),
    "competence": ("0003_level_competences_carry_the_organisation", "0002_defaults_and_the_interim_flag_carried_over"),
    "wellbeing": ("0003_plan_supports_carry_the_organisation", "0002_default_supports"),
}


@pytest.mark.django_db(transaction=True)
def test_every_join_row_is_given_the_organisation_of_what_holds_it():
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    before = [node for node in leaves if node[0] not in GAINED]
    before += [(app, earlier) for app, (_gives, earlier) in GAINED.items()]
    executor.migrate(before)
    model = executor.loader.project_state(before).apps.get_model
    made = {}
    with all_organisations():
        for name in ("Riverside", "Harbour"):
            org = model("organisations", "Organisation").objects.create(name=name, slug=name.lower())
            user = model("accounts", "User").objects.create(email=f"{name}@example.test", display_name=name)
            member = model("organisations", "Membership").objects.create(
                user=user, organisation=org, role="coordinator"
            )
            peer = model("people", "Peer").objects.create(organisation=org, chosen_name="P", created_by=user)
            text = model("consent", "ConsentText").objects.create(
                organisation=org, version=1, language="en", title="T", body="B"
            )
            record = model("consent", "ConsentRecord").objects.create(
                organisation=org,
                peer=peer,
                text=text,
                take_part=True,
                store_data=True,
                share_with_partners=True,
                limits_explained_by=user,
                limits_explained_at=timezone.now(),
                recorded_by=user,
            )
            partners = [
                model("organisations", "Partner").objects.create(organisation=org, name=f"{name} {i}") for i in (1, 2)
            ]
            record.partners.add(*partners)
            level = model("competence", "Level").objects.create(organisation=org, code="own", name="Own")
            competence = model("competence", "Competence").objects.create(organisation=org, name="Listening")
            level.competences.add(competence)
            plan = model("wellbeing", "SelfCarePlan").objects.create(organisation=org, member=member)
            support = model("wellbeing", "OrganisationSupport").objects.create(organisation=org, name="Supervision")
            plan.supports.add(support)
            made[org.pk] = {
                "partners": {(record.pk, p.pk) for p in partners},
                "competences": {(level.pk, competence.pk)},
                "supports": {(plan.pk, support.pk)},
            }

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from competence.models import LevelCompetence
    from consent.models import NamedPartner
    from wellbeing.models import PlanSupport

    with all_organisations():
        for org_id, pairs in made.items():
            assert (
                set(NamedPartner.objects.filter(organisation_id=org_id).values_list("consentrecord", "partner"))
                == pairs["partners"]
            )
            assert (
                set(LevelCompetence.objects.filter(organisation_id=org_id).values_list("level", "competence"))
                == pairs["competences"]
            )
            assert (
                set(
                    PlanSupport.objects.filter(organisation_id=org_id).values_list(
                        "selfcareplan", "organisationsupport"
                    )
                )
                == pairs["supports"]
            )
        assert NamedPartner.objects.count() == 4 and LevelCompetence.objects.count() == PlanSupport.objects.count() == 2
