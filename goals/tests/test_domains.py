"""The organisation's life domains: every organisation starts with the same nine, in English and
French; coordinators and admins add, rename and retire them; one a goal is in is never deleted."""

from __future__ import annotations

from audit.models import Action, AuditEvent
from goals.models import DEFAULT_DOMAINS, LifeDomain
from organisations.models import Organisation
from organisations.tenancy import all_organisations, organisation_scope

from .helpers import domain, goal_of

PAGE = "/organisation/life-domains/"


def _names(org) -> list[tuple[str, str]]:
    with organisation_scope(org):
        return list(LifeDomain.objects.filter(organisation=org).values_list("name", "name_fr"))


def test_a_new_organisation_starts_with_the_nine_domains_in_english_and_french(db):
    with all_organisations():
        org = Organisation.objects.create(name="Lakeside", slug="lakeside")
    names = _names(org)
    assert [n for n, _ in names] == [
        "Housing", "Health", "Work and learning", "Legal and immigration", "Money", "Relationships", "Safety",
        "Wellbeing", "Recovery from substance use",
    ]  # fmt: skip
    assert all(fr for _, fr in names) and len(names) == len(DEFAULT_DOMAINS)


def test_a_coordinator_adds_renames_and_retires_a_domain(cast, client_for):
    client = client_for("cleo")
    assert client.get(PAGE).status_code == 200
    assert client.post(PAGE, {"action": "add", "name": "Faith", "name_fr": "Foi"}).status_code == 302
    with organisation_scope(cast.riverside):
        faith = LifeDomain.objects.get(name="Faith")
    client.post(
        PAGE, {"action": "rename", "domain": faith.pk, "name": "Faith and belief", "name_fr": "Foi et croyances"}
    )
    client.post(PAGE, {"action": "retire", "domain": faith.pk})
    with organisation_scope(cast.riverside):
        faith.refresh_from_db()
    assert (faith.name, faith.name_fr, faith.is_retired) == ("Faith and belief", "Foi et croyances", True)
    client.post(PAGE, {"action": "restore", "domain": faith.pk})
    with organisation_scope(cast.riverside):
        faith.refresh_from_db()
    assert not faith.is_retired
    changes = AuditEvent.objects.filter(actor=cast.user("cleo"), record_type="lifedomain").values_list(
        "action", flat=True
    )
    assert list(changes.order_by("pk")) == [Action.CREATE, Action.UPDATE, Action.UPDATE, Action.UPDATE]


def test_a_domain_is_shown_in_french_to_someone_working_in_french(cast, client_for):
    goal = goal_of(cast)
    client = client_for("pat")
    client.post("/language/", {"language": "fr"})
    body = client.get(f"/peers/{cast.amara.pk}/plan/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Logement" in body, body[:300]
    assert goal.words in body


def test_a_domain_a_goal_is_in_is_never_deleted_an_unused_one_is(cast, client_for):
    goal_of(cast)
    housing, money = domain(cast.riverside), domain(cast.riverside, "money")
    client = client_for("cleo")
    page = client.get(PAGE).content.decode()
    assert f'name="domain" value="{housing.pk}"' in page
    response = client.post(PAGE, {"action": "delete", "domain": housing.pk}, follow=True)
    assert "can be retired but not deleted" in response.content.decode()
    client.post(PAGE, {"action": "delete", "domain": money.pk})
    with organisation_scope(cast.riverside):
        assert LifeDomain.objects.filter(pk=housing.pk).exists()
        assert not LifeDomain.objects.filter(pk=money.pk).exists()


def test_a_name_already_used_is_shown_again_with_what_to_fix(cast, client_for):
    response = client_for("cleo").post(PAGE, {"action": "add", "name": "housing", "name_fr": "Toit"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "already an area of life with that name" in body and 'value="Toit"' in body
    assert client_for("cleo").post(PAGE, {"action": "add", "name": ""}).status_code == 200
    assert len(_names(cast.riverside)) == len(DEFAULT_DOMAINS)


def test_another_organisations_domain_cannot_be_changed_from_here(cast, client_for):
    theirs = domain(cast.harbour)
    client = client_for("cleo")
    for action in ("rename", "retire", "delete"):
        response = client.post(PAGE, {"action": action, "domain": theirs.pk, "name": "Ours now"}, follow=True)
        assert response.status_code == 200
    with organisation_scope(cast.harbour):
        theirs.refresh_from_db()
    assert (theirs.name, theirs.is_retired) == ("Housing", False)


def test_the_organisation_settings_link_to_the_domains(cast, client_for):
    assert PAGE in client_for("ada").get("/organisation/").content.decode()
    assert PAGE in client_for("cleo").get(f"/peers/{cast.amara.pk}/plan/").content.decode()
    assert PAGE not in client_for("pat").get(f"/peers/{cast.amara.pk}/plan/").content.decode()
