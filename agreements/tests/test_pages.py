"""The agreement's pages as the people using them see them: the form, the peer's copy in their
language (the threshold word for word), the review date, the link on the peer's record."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.utils import timezone

from agreements.models import SharingThreshold, SupportAgreement
from agreements.services import publish_threshold
from organisations.tenancy import organisation_scope
from people.models import Peer

from .helpers import FRENCH_THRESHOLD, form, record, url


def _text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_supporter_writes_it_down_and_sees_it_in_plain_words(cast, client_for):
    client = client_for("pat")
    response = client.post(url(cast, "record"), form(), follow=True)
    body = _text(response)
    assert "The agreement is saved. Earlier versions are kept as they were." in body
    assert "We will be in touch once a week." in body
    assert "Ways we will never use: Social media." in body.replace("</strong> ", " ")
    assert "Outside these hours your peer supporter is not on call." in body
    assert "The Riverside office line" in body
    assert "Neither of us will talk about our own experience." in body
    assert "If something has to be shared, you will be told first." in body
    assert "Any report to an authority goes through a supervisor" in body
    assert "What stays between us." in body  # the threshold, word for word
    assert "Call 999, then the duty coordinator" in body


@pytest.mark.parametrize(
    "changes",
    [
        {"how_often": ""},
        {"how_often": "hourly"},
        {"review_on": "soon"},
        {"review_on": "2001-01-01"},
        {"agreed_on": "2999-01-01"},
        {"channels": ["text"], "never_channels": ["text"]},
        {"channels": ["carrier_pigeon"]},
        {"supporter_story": "\x00"},
        {"contact_hours": "ten\x00four"},
        {"other_notes": "x" * 5000},
    ],
)
def test_a_mistake_re_displays_the_form_with_what_was_typed_and_saves_nothing(cast, client_for, changes):
    response = client_for("pat").post(url(cast, "record"), form(**changes))
    assert response.status_code == 200
    body = _text(response)
    assert "Nothing has been saved yet." in body
    assert "Texts first, then a call." in body  # what was typed is still there
    with organisation_scope(cast.riverside):
        assert SupportAgreement.objects.filter(peer=cast.amara).count() == 1


def test_the_form_starts_from_the_version_in_force(cast, client_for):
    body = _text(client_for("pat").get(url(cast, "record")))
    assert "Tuesdays, 10 to 4" in body
    assert 'value="weekly" selected' in body or 'value="weekly" id' not in body


def test_without_a_threshold_the_supporter_is_told_an_admin_must_add_one(cast, client_for):
    with organisation_scope(cast.riverside):
        SupportAgreement.objects.filter(organisation=cast.riverside).delete()
        SharingThreshold.objects.filter(organisation=cast.riverside).delete()
    response = client_for("pat").get(url(cast, "record"), follow=True)
    assert "An admin needs to add one." in _text(response)


def _french_threshold(cast):
    with organisation_scope(cast.riverside):
        publish_threshold(organisation=cast.riverside, by=cast.ada, version=2, language="en", body="Words v2.")
        publish_threshold(organisation=cast.riverside, by=cast.ada, version=2, language="fr", body=FRENCH_THRESHOLD)


def test_the_peers_copy_in_french_holds_the_threshold_word_for_word(cast, client_for):
    _french_threshold(cast)
    client_for("pat").post(url(cast, "record"), form())
    response = client_for("pat").get(url(cast, "for_the_peer"), {"language": "fr"})
    body = _text(response)
    assert '<html lang="fr">' in body
    assert "Notre accord de soutien" in body
    for paragraph in FRENCH_THRESHOLD.split("\n\n"):
        assert f"<p>{paragraph}</p>" in body
    assert "Words v2." not in body
    assert "Notre accord de soutien · Alongside" in body  # the title, in French, naming nobody


def test_the_peers_copy_shows_the_version_of_the_threshold_the_agreement_showed(cast, client_for):
    """A later threshold does not change what an agreement already recorded."""
    _french_threshold(cast)  # version 2; amara's agreement showed version 1
    body = _text(client_for("pat").get(url(cast, "for_the_peer"), {"language": "fr"}))
    assert "Ce qui reste entre nous." in body and FRENCH_THRESHOLD.split("\n")[0] not in body


def test_the_peers_copy_starts_in_their_first_language(cast, client_for):
    with organisation_scope(cast.riverside):
        Peer.objects.filter(pk=cast.amara.pk).update(languages=["fr", "ro"])
    client = client_for("pat")
    assert '<html lang="fr">' in client.get(url(cast, "for_the_peer")).content.decode()
    assert '<html lang="en">' in client.get(url(cast, "for_the_peer"), {"language": "en"}).content.decode()
    with organisation_scope(cast.riverside):
        Peer.objects.filter(pk=cast.amara.pk).update(languages=["ro"])
    assert '<html lang="en">' in client.get(url(cast, "for_the_peer")).content.decode()
    for hostile in ("xx", "\x00", "fr" * 500):
        assert client.get(url(cast, "for_the_peer"), {"language": hostile}).status_code == 200


def test_the_peers_copy_prints_nothing_but_the_agreement(cast, client_for):
    body = client_for("pat").get(url(cast, "for_the_peer")).content.decode()
    assert "agreements/print.css" in body and "agreements/print.js" in body
    assert 'class="no-print"' in body and "data-print" in body


def test_an_agreement_past_its_review_date_says_so_here_and_on_the_record(cast, client_for):
    with organisation_scope(cast.riverside):
        SupportAgreement.objects.filter(peer=cast.amara).update(review_on=timezone.localdate() - timedelta(days=3))
    client = client_for("cleo")
    assert "It is time to talk about it." in _text(client.get(url(cast)))
    assert "It is time to talk about it." in _text(client.get(url(cast, "for_the_peer")))
    record_page = _text(client.get(f"/peers/{cast.amara.pk}/"))
    assert "Support agreement with Pat" in record_page and "past its review date" in record_page


def test_the_peers_record_links_to_the_agreement_beside_who_works_with_them(cast, client_for):
    body = _text(client_for("pat").get(f"/peers/{cast.amara.pk}/"))
    team = body.split('id="team-heading"', 1)[1].split("</section>", 1)[0]
    assert url(cast) in team and "version 1 in force" in team
    assert "past its review date" not in team


def test_a_peer_with_support_but_no_agreement_yet_says_so(cast, client_for):
    with organisation_scope(cast.riverside):
        SupportAgreement.objects.filter(peer=cast.amara).delete()
    assert "not written down yet" in _text(client_for("pat").get(f"/peers/{cast.amara.pk}/"))
    assert "No agreement has been written down yet." in _text(client_for("pat").get(url(cast)))


def test_an_admin_publishes_the_threshold_and_a_repeated_version_is_refused(cast, client_for):
    client = client_for("ada")
    page = _text(client.get("/organisation/information-sharing/"))
    assert "What stays between us." in page and "Ce qui reste entre nous." in page
    response = client.post("/organisation/information-sharing/", {"version": 2, "language": "fr", "body": "Mots."})
    assert response.status_code == 302
    again = client.post("/organisation/information-sharing/", {"version": 2, "language": "fr", "body": "Autres."})
    assert again.status_code == 200 and "Use a new version number." in _text(again)
    for hostile in ({"version": "x"}, {"version": 3, "language": "zz", "body": "y"}, {"version": 3, "body": "\x00"}):
        assert client.post("/organisation/information-sharing/", hostile).status_code == 200
    with organisation_scope(cast.riverside):
        assert list(SharingThreshold.objects.filter(version=2).values_list("body", flat=True)) == ["Mots."]
    assert "/organisation/information-sharing/" in client.get("/organisation/").content.decode()


def test_record_helper_is_used_for_versions(in_riverside):
    assert record(in_riverside).version == 2
