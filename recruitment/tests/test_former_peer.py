"""A former peer keeps one identity: linked with their consent, what their peer record says keeps them
apart as a supporter, and their history as a peer shows only to those who may see that peer."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from conftest import make_peer
from matching import rules
from matching import services as matching
from matching.models import SupporterDetails
from organisations.tenancy import organisation_scope
from recruitment import services
from recruitment.models import FormerPeerConsent


@pytest.fixture
def old_quinn(cast):
    """Quinn's own record from when they were a peer here."""
    with organisation_scope(cast.riverside):
        return make_peer(cast.riverside, "Quinnie", cast.user("cleo"))


def test_an_exclusion_recorded_on_their_peer_record_applies_to_them_as_a_supporter(in_riverside, old_quinn):
    cast = in_riverside
    matching.record_exclusion(first=old_quinn, second=cast.dee, by=cast.cleo, reason="same_network")
    assert rules.may_pair(cast.dee, cast.quinn_profile)  # not linked yet: two people, as far as we know
    services.link_former_peer(cast.quinn_profile, old_quinn, by=cast.cleo, agreed_on=date.today())
    assert not rules.may_pair(cast.dee, cast.quinn_profile)
    assert (cast.dee.pk, cast.quinn_profile.pk) in rules.blocked_pairs([cast.dee], [cast.quinn_profile])


def test_the_link_records_their_consent(in_riverside, old_quinn):
    cast = in_riverside
    services.link_former_peer(cast.quinn_profile, old_quinn, by=cast.cleo, agreed_on=date.today())
    consent = FormerPeerConsent.objects.get(supporter=cast.quinn_profile)
    assert (consent.agreed_on, consent.explained_by) == (date.today(), cast.user("cleo"))
    assert SupporterDetails.objects.get(supporter=cast.quinn_profile).former_peer == old_quinn


def test_a_record_of_another_organisation_or_a_future_consent_is_refused(cast, old_quinn):
    with organisation_scope(cast.riverside), pytest.raises(services.RecruitmentError):
        services.link_former_peer(
            cast.quinn_profile, old_quinn, by=cast.cleo, agreed_on=date.today() + timedelta(days=1)
        )
    with organisation_scope(cast.harbour), pytest.raises(services.RecruitmentError):
        services.link_former_peer(cast.hana_profile, cast.amara, by=cast.hugo, agreed_on=date.today())


def test_their_peer_history_shows_only_to_those_who_may_see_that_peer(cast, client_for):
    # Pat was once a peer here (an old record nobody but the organisation-wide roles sees now).
    with organisation_scope(cast.riverside):
        old_pat = make_peer(cast.riverside, "Patty", cast.user("cleo"))
        services.link_former_peer(cast.pat_profile, old_pat, by=cast.cleo, agreed_on=date.today())
    earlier = reverse("people:peer_detail", args=[old_pat.pk])
    path = reverse("recruitment:path", args=[cast.pat_profile.pk])
    assert earlier in client_for("cleo").get(path).content.decode()
    for who in ("sina", "pat"):  # pat's supervisor sees pat's path, not pat's old record; nor does pat here
        response = client_for(who).get(path)
        assert response.status_code == 200
        assert earlier not in response.content.decode()
        assert "earlier record" not in response.content.decode()
    supporter_page = client_for("sina").get(reverse("people:supporter_detail", args=[cast.pat_profile.pk]))
    assert earlier not in supporter_page.content.decode() and "Patty" not in supporter_page.content.decode()


def test_the_link_page_takes_only_a_record_the_coordinator_sees(cast, client_for, old_quinn):
    url = reverse("recruitment:former_peer", args=[cast.quinn_profile.pk])
    client = client_for("cleo")
    response = client.post(url, {"peer_number": cast.zed.pk, "agreed_on": date.today().isoformat(), "explained": "on"})
    assert response.status_code == 200 and "No record with that number" in response.content.decode()
    response = client.post(url, {"peer_number": old_quinn.pk, "agreed_on": date.today().isoformat()})
    assert response.status_code == 200  # the explanation must be ticked
    response = client.post(url, {"peer_number": old_quinn.pk, "agreed_on": date.today().isoformat(), "explained": "on"})
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        assert SupporterDetails.objects.get(supporter=cast.quinn_profile).former_peer_id == old_quinn.pk
