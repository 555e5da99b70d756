"""A peer supporter, a coordinator and others open the peer pages."""

from audit.models import Action, AuditEvent


def test_a_peer_supporter_sees_only_the_peers_matched_to_them(cast, client_for):
    response = client_for("pat").get("/peers/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Amara" in body
    assert "Bea" not in body and "Dee" not in body and "Zed" not in body


def test_a_coordinator_sees_everyone_in_their_organisation_and_nobody_else(cast, client_for):
    body = client_for("cleo").get("/peers/").content.decode()
    for name in ("Amara", "Bea", "Cat", "Dee"):
        assert name in body
    assert "Zed" not in body


def test_opening_a_peer_record_is_audited_and_shows_who_opened_it(cast, client_for):
    client = client_for("pat")
    response = client.get(f"/peers/{cast.amara.pk}/")
    assert response.status_code == 200
    assert AuditEvent.objects.filter(
        actor=cast.user("pat"), action=Action.VIEW, record_type="peer", record_id=str(cast.amara.pk)
    ).exists()
    assert "Who has opened this record" in response.content.decode()
    assert "Pat" in response.content.decode()


def test_a_peer_from_another_organisation_is_not_found_and_the_attempt_is_audited(cast, client_for):
    response = client_for("cleo").get(f"/peers/{cast.zed.pk}/")
    assert response.status_code == 404
    assert "Zed" not in response.content.decode()
    assert AuditEvent.objects.filter(actor=cast.user("cleo"), action=Action.DENIED, record_id=str(cast.zed.pk)).exists()


def test_the_list_links_each_record_and_names_each_main_need_in_the_readers_language(cast, client_for):
    from organisations.tenancy import all_organisations
    from people.choices import PrimaryNeed

    with all_organisations():
        cast.amara.primary_need = PrimaryNeed.SUBSTANCE_USE
        cast.amara.save()
    client = client_for("cleo")
    body = client.get("/peers/").content.decode()
    assert "Substance use" in body
    assert f'<a href="/peers/{cast.amara.pk}/">Amara</a>' in body  # each row opens its own record
    client.post("/language/", {"language": "fr", "next": "/"})
    assert "Consommation de substances" in client.get("/peers/").content.decode()
