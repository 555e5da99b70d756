"""Holes found by an attacker's pass over the agreement pages, each kept shut by a test."""

from __future__ import annotations

import re

from agreements.models import SharingThreshold, SupportAgreement
from organisations.tenancy import all_organisations, organisation_scope

from .helpers import amaras_assignment, form, url


def _opened_form(client, cast) -> dict:
    """The form as the page gives it: its hidden fields (what the page showed) with the answers."""
    page = client.get(url(cast, "record")).content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(threshold_shown|in_force_version)" value="([^"]*)"', page))
    assert set(hidden) == {"threshold_shown", "in_force_version"}
    return {**form(), **hidden}


def _versions(cast) -> list[tuple[int, int]]:
    with all_organisations():
        rows = SupportAgreement.objects.filter(assignment=amaras_assignment(cast)).select_related("threshold")
        return [(a.version, a.threshold.version) for a in rows]


def test_an_agreement_records_the_threshold_its_page_showed_not_one_published_since(cast, client_for):
    """The threshold was read at saving time: wording published while the page was open was recorded
    as shown, though nobody had read it to the peer."""
    client = client_for("pat")
    opened = _opened_form(client, cast)
    with organisation_scope(cast.riverside):
        SharingThreshold.objects.create(organisation=cast.riverside, version=2, language="en", body="New wording.")
    response = client.post(url(cast, "record"), opened)
    assert response.status_code == 200
    assert "The information-sharing threshold changed" in response.content.decode()
    assert "New wording." in response.content.decode()  # shown now, to be read with them
    assert _versions(cast) == [(1, 1)]
    # Saved again from the page that shows the new wording: recorded with it.
    again = {**opened, "threshold_shown": str(response.context["threshold"].pk)}
    assert client.post(url(cast, "record"), again).status_code == 302
    assert _versions(cast) == [(2, 2), (1, 1)]


def test_the_same_form_sent_twice_records_one_version(cast, client_for):
    """A double click, or the page sent again from history, wrote a second identical version."""
    client = client_for("pat")
    opened = _opened_form(client, cast)
    assert client.post(url(cast, "record"), opened).status_code == 302
    response = client.post(url(cast, "record"), opened)
    assert response.status_code == 200
    assert "A new version was saved while this page was open" in response.content.decode()
    assert _versions(cast) == [(2, 1), (1, 1)]


def test_hostile_hidden_values_re_display_the_form(cast, client_for):
    client = client_for("pat")
    for junk in ("", "abc", "-1", "99999999999999999999999", "0"):
        data = {**_opened_form(client, cast), "threshold_shown": junk or "x", "in_force_version": junk}
        response = client.post(url(cast, "record"), data)
        assert response.status_code == 200, junk
    assert _versions(cast) == [(1, 1)]


def test_the_peers_copy_never_shows_wording_published_after_the_agreement(cast, client_for):
    """Publishing a translation of the version an agreement showed, afterwards, changed what the
    peer's copy said they had agreed "word for word"; it shows the wording that was read instead."""
    with organisation_scope(cast.riverside):
        SharingThreshold.objects.create(organisation=cast.riverside, version=2, language="en", body="Version two.")
    client = client_for("pat")
    assert client.post(url(cast, "record"), form()).status_code == 302
    with organisation_scope(cast.riverside):
        SharingThreshold.objects.create(
            organisation=cast.riverside, version=2, language="fr", body="Des mots jamais lus avec elle."
        )
    page = client.get(url(cast, "for_the_peer") + "?language=fr").content.decode()
    assert "Des mots jamais lus avec elle." not in page
    assert "Version two." in page


def test_the_peers_copy_shows_a_translation_published_before_the_agreement(cast, client_for):
    page = client_for("pat").get(url(cast, "for_the_peer") + "?language=fr").content.decode()
    assert "Ce qui reste entre nous." in page


def test_a_version_that_is_not_there_answers_an_audited_404(cast, client_for):
    """Asking for a version that does not exist answered a bare 404, the only refusal of these pages
    not written to the audit log."""
    from audit.models import Action, AuditEvent

    client = client_for("cleo")
    for asked in ("7", "abc", "99999999999999999999999", "-1", "0", "9" * 3000, "1\x00"):
        with all_organisations():
            before = AuditEvent.objects.filter(action=Action.DENIED, actor=cast.user("cleo")).count()
        assert client.get(url(cast) + f"?version={asked}").status_code == 404, asked
        with all_organisations():
            assert AuditEvent.objects.filter(action=Action.DENIED, actor=cast.user("cleo")).count() == before + 1
    assert client.get(url(cast) + "?version=1").status_code == 200


def test_the_service_keeps_free_text_out_of_the_plain_columns(in_riverside):
    """How often, and the two stories, are stored plain to be counted: the service stored whatever it
    was given."""
    import pytest

    from agreements.services import AgreementError

    from .helpers import record

    for changes in ({"how_often": "at her flat on Canal St"}, {"supporter_story": "x"}, {"peer_experience": "y"}):
        with pytest.raises(AgreementError):
            record(in_riverside, **changes)
    assert SupportAgreement.objects.filter(peer=in_riverside.amara).count() == 1


def test_two_admins_publishing_the_same_version_at_once_get_a_sentence_not_a_500(in_riverside, monkeypatch):
    """The version was looked for and then written: two at once both passed the look, and the second
    write broke the unique constraint (a 500). The write itself now answers."""
    import pytest
    from django.db.models import QuerySet

    from agreements.services import AgreementError, publish_threshold

    monkeypatch.setattr(QuerySet, "exists", lambda self: False)  # the other admin's row is not seen yet
    with pytest.raises(AgreementError):
        publish_threshold(
            organisation=in_riverside.riverside, by=in_riverside.ada, version=1, language="en", body="Again."
        )
    assert SharingThreshold.objects.filter(organisation=in_riverside.riverside, version=1, language="en").count() == 1
