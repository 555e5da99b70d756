"""An organisation admin looks after partners, consent texts and sign-in rules."""

from consent.models import ConsentText
from organisations.models import Partner
from organisations.tenancy import organisation_scope


def test_an_admin_adds_a_partner_and_a_duplicate_is_refused_with_a_clear_message(cast, client_for):
    client = client_for("ada")
    assert (
        client.post("/organisation/partners/", {"name": "Open Door Counselling", "kind": "counselling"}).status_code
        == 302
    )
    response = client.post("/organisation/partners/", {"name": "open door counselling", "kind": ""})
    assert response.status_code == 200
    assert "already a partner with that name" in response.content.decode()
    assert Partner.objects.filter(organisation=cast.riverside, name__iexact="open door counselling").count() == 1


def test_an_admin_publishes_a_new_consent_version_and_old_versions_stay(cast, client_for):
    client = client_for("ada")
    response = client.post(
        "/organisation/consent-texts/new/",
        {"version": 2, "language": "en", "title": "Taking part (2)", "body": "New words."},
    )
    assert response.status_code == 302
    response = client.post(
        "/organisation/consent-texts/new/", {"version": 2, "language": "en", "title": "Again", "body": "Other words."}
    )
    assert response.status_code == 200 and "Use a new version number" in response.content.decode()
    with organisation_scope(cast.riverside):
        assert list(ConsentText.objects.filter(language="en").values_list("version", flat=True)) == [2, 1]
        assert ConsentText.objects.get(version=2, language="en").body == "New words."


def test_an_organisation_can_require_mfa_for_everyone(cast, client_for):
    client_for("ada").post("/organisation/", {"require_mfa_for_everyone": "on"})
    cast.riverside.refresh_from_db()
    assert cast.riverside.require_mfa_for_everyone


def test_only_an_admin_manages_the_organisation(cast, client_for):
    client = client_for("cleo")
    assert client.get("/organisation/").status_code == 404
    assert client.post("/organisation/partners/", {"name": "X"}).status_code == 404
    assert client.get("/organisation/consent-texts/new/").status_code == 404
