"""Every request works inside its member's organisation: another organisation's rows never count.

The views and services rely on the request's scope (``TenancyMiddleware``) rather than filtering by
organisation themselves. These tests give Harbour rows that Riverside's pages would show or count
if the scope were missing or opened on everything.
"""

from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from consent.models import ConsentRecord, ConsentText, Purpose
from consent.services import record_consent, withdraw_consent
from organisations.middleware import SESSION_KEY, TenancyMiddleware
from organisations.tenancy import ScopeError, organisation_scope
from people.models import Assignment, Peer, PeerSupporter

HARBOUR_WORDING = "Words only Harbour uses"  # no apostrophe: the page escapes one


@pytest.fixture
def harbour_is_busy(cast):
    """Harbour's consent text with wording of its own, and zed agreed to everything, then withdrew."""
    with organisation_scope(cast.harbour):
        text = ConsentText.objects.create(
            organisation=cast.harbour, version=2, language="en", title=HARBOUR_WORDING, body="Harbour words."
        )
        record_consent(
            peer=cast.zed,
            by=cast.hugo,
            text=text,
            agreed=list(Purpose),
            limits_explained_by=cast.hugo,
            limits_explained_at=timezone.now() - timedelta(days=1),
        )
    return cast


def _agree_to_be_counted(cast, peer):
    with organisation_scope(cast.riverside):
        record_consent(
            peer=peer,
            by=cast.cleo,
            text=ConsentText.objects.get(language="en"),
            agreed=[Purpose.TAKE_PART, Purpose.REPORTS],
            limits_explained_by=cast.cleo,
            limits_explained_at=timezone.now() - timedelta(days=1),
        )


def _through_the_middleware(user, session: dict, look):
    """Run ``look`` as the view of a request made by ``user``, and return what it returned."""
    request = RequestFactory().get("/")
    request.user = user
    request.session = session
    seen = {}

    def view(request):
        seen["value"] = look(request)
        return None

    TenancyMiddleware(view)(request)
    return seen["value"]


def test_inside_a_request_person_data_is_the_members_organisation_only(harbour_is_busy):
    cast = harbour_is_busy

    def everything(request):
        return {
            "organisation": request.organisation,
            "peers": set(Peer.objects.values_list("chosen_name", flat=True)),
            "supporters": PeerSupporter.objects.count(),
            "assignments": Assignment.objects.count(),
            "texts": set(ConsentText.objects.values_list("title", flat=True)),
            "consents": ConsentRecord.objects.count(),
        }

    riverside = _through_the_middleware(cast.user("cleo"), {}, everything)
    assert riverside == {
        "organisation": cast.riverside,
        "peers": {"Amara", "Bea", "Cat", "Dee", "Fay"},
        "supporters": 3,
        "assignments": 4,
        "texts": {"Taking part", "Participer"},
        "consents": 0,
    }
    harbour = _through_the_middleware(cast.user("hugo"), {}, everything)
    assert harbour["peers"] == {"Zed"} and harbour["consents"] == 1 and HARBOUR_WORDING in harbour["texts"]


def test_a_member_of_two_organisations_works_in_the_one_they_chose(cast):
    from organisations.models import Membership, Role

    Membership.objects.create(user=cast.user("cleo"), organisation=cast.harbour, role=Role.COORDINATOR)

    def names(request):
        return set(Peer.objects.values_list("chosen_name", flat=True))

    assert _through_the_middleware(cast.user("cleo"), {SESSION_KEY: cast.harbour.pk}, names) == {"Zed"}
    assert _through_the_middleware(cast.user("cleo"), {SESSION_KEY: cast.riverside.pk}, names) == {
        "Amara",
        "Bea",
        "Cat",
        "Dee",
        "Fay",
    }


def test_without_an_organisation_person_data_cannot_be_read_at_all(cast):
    from django.contrib.auth.models import AnonymousUser

    def peers(request):
        with pytest.raises(ScopeError):
            list(Peer.objects.all())
        return request.organisation

    assert _through_the_middleware(AnonymousUser(), {}, peers) is None


def test_the_settings_page_lists_only_our_consent_texts_and_partners(harbour_is_busy, client_for):
    body = client_for("ada").get("/organisation/").content.decode()
    assert "Riverside Housing" in body and "Taking part" in body
    assert "Harbour Housing" not in body
    assert HARBOUR_WORDING not in body


def test_figures_count_only_our_organisation(harbour_is_busy, client_for):
    _agree_to_be_counted(harbour_is_busy, harbour_is_busy.amara)
    figures = client_for("eve").get("/figures/").context["figures"]
    assert figures["total"].count == 1  # amara; not zed


def test_dashboards_count_only_our_organisation(harbour_is_busy, client_for):
    cast = harbour_is_busy
    with organisation_scope(cast.harbour):
        withdraw_consent(peer=cast.zed, by=cast.hugo)
    tiles = {t.label: t.value for t in client_for("cleo").get("/").context["dashboard"].tiles}
    assert tiles["Peers"] == 5
    assert tiles["Consent withdrawn in the last 30 days"] == 0  # zed's withdrawal is Harbour's
    assert tiles["Peer supporters"] == 3
    harbour = {t.label: t.value for t in client_for("hugo").get("/").context["dashboard"].tiles}
    assert harbour["Peers"] == 1 and harbour["Consent withdrawn in the last 30 days"] == 1
