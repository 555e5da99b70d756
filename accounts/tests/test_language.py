"""A signed-in person's own language wins over whatever the browser they happen to use says."""

from accounts.models import User


def _speaks_french(cast, name: str) -> None:
    User.objects.filter(pk=cast.user(name).pk).update(language="fr")


def test_a_new_browser_asking_for_english_still_gets_the_members_french(cast, client_for):
    _speaks_french(cast, "pat")
    client = client_for("pat")  # no language cookie: a browser they have never used before
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr">' in response.content.decode()


def test_the_consent_page_offers_the_text_in_the_members_language(cast, client_for):
    _speaks_french(cast, "pat")
    response = client_for("pat").get(f"/peers/{cast.amara.pk}/consent/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mots." in body and "Words." not in body  # the French text's body, not the English


def test_signed_out_visitors_get_the_language_their_browser_asks_for(cast, client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Language"] == "fr"


def test_the_consent_page_offers_english_to_an_english_speaker_whose_browser_asks_for_french(cast, client_for):
    response = client_for("pat").get(f"/peers/{cast.amara.pk}/consent/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Words." in body and "Mots." not in body
