"""The matching pages, as the coordinator's day goes: wishes, details, suggestions, exclusions, places."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from competence.testing import allow_alone
from conftest import make_member, make_supporter
from matching.core import Criterion
from matching.models import AutomaticExclusionLift, Exclusion, KeepAway, MatchingSettings, PeerWishes, SupporterDetails
from organisations.models import Role
from organisations.tenancy import organisation_scope
from people.models import Peer, PeerSupporter


def ready(supporter, **details):
    """A supporter who is supporting peers and may work one-to-one on their own."""
    PeerSupporter.objects.filter(pk=supporter.pk).update(stage="active", languages=["en"])
    SupporterDetails.objects.update_or_create(
        supporter=supporter, defaults={"organisation_id": supporter.organisation_id, **details}
    )
    allow_alone(supporter)


@pytest.fixture
def ready_cast(cast):
    with organisation_scope(cast.riverside):
        for name in ("pat_profile", "quinn_profile", "rio_profile"):
            ready(cast.supporters[name])
        Peer.objects.filter(pk=cast.dee.pk).update(languages=["en"])
    return cast


def names_in(html: str, section: str) -> str:
    match = re.search(rf'id="{section}-heading".*?</section>', html, re.S)
    assert match, section
    return match.group(0)


def test_a_coordinator_sees_suggestions_with_a_reason_for_each_criterion(ready_cast, client_for):
    page = client_for("cleo").get(f"/peers/{ready_cast.dee.pk}/suggestions/").content.decode()
    suggested = names_in(page, "suggested")
    for name in ("Pat", "Quinn", "Rio"):
        assert name in suggested
    assert "Shares a language with them" in suggested and "fit " in suggested


def test_an_excluded_supporter_is_absent_from_the_suggestions_and_only_not_available(ready_cast, client_for):
    client = client_for("cleo")
    response = client.post(
        f"/peers/{ready_cast.dee.pk}/kept-apart/",
        {
            "action": "record",
            "exclusion-other_supporter": ready_cast.quinn_profile.pk,
            "exclusion-reason": "same_network",
            "exclusion-note": "Her cousin runs the house on Mill Road.",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/peers/{ready_cast.dee.pk}/suggestions/").content.decode()
    assert "Quinn" not in names_in(page, "suggested")
    left = names_in(page, "left-out")
    assert re.search(r"Quinn: Not available</li>", left)
    assert "network" not in page and "Mill Road" not in page and "exclu" not in page.lower()


def test_the_reason_and_note_are_seen_on_the_exclusions_page_only_and_the_note_is_encrypted(ready_cast, client_for):
    client = client_for("cleo")
    client.post(
        f"/supporters/{ready_cast.quinn_profile.pk}/kept-apart/",
        {
            "action": "record",
            "exclusion-other_peer_number": ready_cast.dee.pk,
            "exclusion-reason": "past_relationship",
            "exclusion-note": "Knew each other in Leeds.",
        },
    )
    page = client.get(f"/peers/{ready_cast.dee.pk}/kept-apart/").content.decode()
    assert "Quinn (a peer supporter)" in page and "A past relationship" in page and "Knew each other in Leeds." in page
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason, note FROM matching_exclusion")
        reason, note = cursor.fetchone()
    assert "Leeds" not in note and "past_relationship" not in reason and reason.startswith("gAAAA")


def test_lifting_needs_a_reason_and_keeps_the_record(ready_cast, client_for):
    client = client_for("cleo")
    url = f"/peers/{ready_cast.dee.pk}/kept-apart/"
    client.post(
        url,
        {"action": "record", "exclusion-other_supporter": ready_cast.quinn_profile.pk, "exclusion-reason": "not_said"},
    )
    with organisation_scope(ready_cast.riverside):
        exclusion = Exclusion.objects.get()
    no_reason = client.post(url, {"action": "lift", "exclusion": exclusion.pk, "lift-reason": ""})
    assert no_reason.status_code == 200
    with organisation_scope(ready_cast.riverside):
        assert not Exclusion.objects.get().is_lifted
    client.post(
        url, {"action": "lift", "exclusion": exclusion.pk, "lift-reason": "Checked with both; it was a mix-up."}
    )
    with organisation_scope(ready_cast.riverside):
        lifted = Exclusion.objects.get()
    assert lifted.is_lifted and lifted.lifted_by == ready_cast.user("cleo")
    page = client.get(f"/peers/{ready_cast.dee.pk}/suggestions/").content.decode()
    assert "Quinn" in names_in(page, "suggested")


def test_a_supporter_never_learns_an_exclusion_concerning_them_exists(ready_cast, client_for):
    cleo = client_for("cleo")
    cleo.post(
        f"/peers/{ready_cast.amara.pk}/kept-apart/",
        {
            "action": "record",
            "exclusion-other_supporter": ready_cast.rio_profile.pk,
            "exclusion-reason": "manipulation",
        },
    )
    cleo.get(f"/supporters/{ready_cast.rio_profile.pk}/kept-apart/")
    rio = client_for("rio")
    for url in (
        "/",
        f"/supporters/{ready_cast.rio_profile.pk}/",
        f"/peers/{ready_cast.fay.pk}/",
        f"/supporters/{ready_cast.rio_profile.pk}/kept-apart/",
        f"/peers/{ready_cast.amara.pk}/suggestions/",
    ):
        body = rio.get(url).content.decode()
        assert "manipulation" not in body.lower() and "kept apart" not in body.lower()
        assert "Amara" not in body
    # The entries about it are filed as "exclusion" records, in the log only admins read.
    assert rio.get("/audit/").status_code == 404
    assert not AuditEvent.objects.filter(actor=ready_cast.user("rio"), record_type="exclusion").exists()


def test_a_shared_place_keeps_a_peer_and_a_supporter_apart(ready_cast, client_for):
    client = client_for("cleo")
    client.post(
        f"/peers/{ready_cast.dee.pk}/kept-apart/",
        {"action": "add_place", "keepaway-kind": "area", "keepaway-words": "Northgate Estate"},
    )
    client.post(
        f"/supporters/{ready_cast.pat_profile.pk}/kept-apart/",
        {"action": "add_place", "keepaway-kind": "community", "keepaway-words": "northgate  estate"},
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT words, digests FROM matching_keepaway")
        for words, hashes in cursor.fetchall():
            assert "orthgate" not in words and "orthgate" not in hashes
    page = client.get(f"/peers/{ready_cast.dee.pk}/suggestions/").content.decode()
    assert re.search(r"Pat: Not available</li>", names_in(page, "left-out"))
    with organisation_scope(ready_cast.riverside):
        place = KeepAway.objects.get(peer=ready_cast.dee)
    client.post(f"/peers/{ready_cast.dee.pk}/kept-apart/", {"action": "remove_place", "place": place.pk})
    page = client.get(f"/peers/{ready_cast.dee.pk}/suggestions/").content.decode()
    assert "Pat" in names_in(page, "suggested")


def test_a_former_peer_now_supporting_is_kept_apart_until_a_coordinator_lifts_it(ready_cast, client_for):
    cast = ready_cast
    client = client_for("cleo")
    # Dee was with Pat at the same time as Amara; Dee now supports peers (Noor's profile).
    with organisation_scope(cast.riverside):
        from conftest import assign

        assign(cast.dee, cast.pat)
        noor = make_supporter(make_member(cast.riverside, "noor", Role.PEER_SUPPORTER))
        ready(noor)
    response = client.post(
        f"/supporters/{noor.pk}/matching-details/",
        {"former_peer_number": cast.dee.pk, "availability": ["mon_morning"]},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(f"/peers/{cast.amara.pk}/suggestions/").content.decode()
    assert re.search(r"Noor: Not available</li>", names_in(page, "left-out"))
    exclusions = client.get(f"/peers/{cast.amara.pk}/kept-apart/").content.decode()
    assert "Noor" in names_in(exclusions, "automatic")
    client.post(
        f"/peers/{cast.amara.pk}/kept-apart/",
        {
            "action": "lift_automatic",
            "supporter": noor.pk,
            "peer": cast.amara.pk,
            "lift-reason": "They talked; both agree.",
        },
    )
    with organisation_scope(cast.riverside):
        assert AutomaticExclusionLift.objects.filter(supporter=noor, peer=cast.amara).exists()
    page = client.get(f"/peers/{cast.amara.pk}/suggestions/").content.decode()
    assert "Noor" in names_in(page, "suggested")


def test_the_peers_priorities_are_saved_and_change_the_ranking(ready_cast, client_for):
    cast = ready_cast
    with organisation_scope(cast.riverside):
        PeerSupporter.objects.filter(pk=cast.quinn_profile.pk).update(gender="woman")
        Peer.objects.filter(pk=cast.dee.pk).update(supporter_gender="woman")
    client = client_for("cleo")
    response = client.post(
        f"/peers/{cast.dee.pk}/matching-wishes/",
        {"weight_gender": "5", "weight_language": "", "availability": ["tue_evening"], "supporter_age": ""},
    )
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        assert PeerWishes.objects.get(peer=cast.dee).priorities == {"gender": 5}
    page = client.get(f"/peers/{cast.dee.pk}/suggestions/").content.decode()
    suggested = names_in(page, "suggested")
    assert suggested.index("Quinn") < suggested.index("Pat")


def test_the_staff_choice_is_offered_and_tried_without_saving(ready_cast, client_for):
    page = client_for("cleo").get(f"/peers/{ready_cast.dee.pk}/suggestions/?staff=1").content.decode()
    assert "Back to what they said" in page
    with organisation_scope(ready_cast.riverside):
        assert not PeerWishes.objects.exists()


def test_the_organisations_settings_set_the_good_enough_fit(ready_cast, client_for):
    client = client_for("cleo")
    response = client.post("/organisation/matching/", {"good_enough": "101"})
    assert response.status_code == 200 and "good_enough" in response.content.decode()
    data = {"good_enough": "100"} | {
        f"weight_{c}": "3"
        for c in (
            "lived_experience",
            "language",
            "gender",
            "culture",
            "age",
            "one_to_one",
            "ways_of_meeting",
            "availability",
            "capacity",
        )
    }
    assert client.post("/organisation/matching/", data).status_code == 302
    with organisation_scope(ready_cast.riverside):
        assert MatchingSettings.objects.get().good_enough == 100
    page = client.get(f"/peers/{ready_cast.dee.pk}/suggestions/").content.decode()
    assert "Nobody fits well enough yet" in page


@pytest.mark.parametrize(
    "data",
    [
        {"action": "record"},
        {"action": "record", "exclusion-other_peer_number": "99999999999999999999999", "exclusion-reason": "x"},
        {"action": "record", "exclusion-other_peer_number": "-1", "exclusion-reason": "not_said"},
        {"action": "lift", "exclusion": "abc", "lift-reason": "x"},
        {"action": "lift_automatic", "supporter": "1e9", "peer": "", "lift-reason": "x"},
        {"action": "remove_place", "place": "99999999999999999999"},
        {"action": "add_place", "keepaway-kind": "area", "keepaway-words": "!!!"},
        {"action": "nonsense"},
    ],
)
def test_hostile_input_re_displays_the_page(ready_cast, client_for, data):
    response = client_for("cleo").post(f"/peers/{ready_cast.dee.pk}/kept-apart/", data)
    assert response.status_code == 200


def test_a_peer_cannot_be_kept_from_another_organisations_people(ready_cast, client_for):
    response = client_for("cleo").post(
        f"/peers/{ready_cast.dee.pk}/kept-apart/",
        {"action": "record", "exclusion-other_peer_number": ready_cast.zed.pk, "exclusion-reason": "not_said"},
    )
    assert response.status_code == 200 and "No peer record with that number." in response.content.decode()


def test_the_manual_assignment_form_re_displays_not_available(ready_cast, client_for):
    client = client_for("cleo")
    client.post(
        f"/peers/{ready_cast.dee.pk}/kept-apart/",
        {"action": "record", "exclusion-other_supporter": ready_cast.quinn_profile.pk, "exclusion-reason": "not_said"},
    )
    response = client.post(
        f"/peers/{ready_cast.dee.pk}/assign/",
        {"worker": ready_cast.quinn.pk, "kind": "peer_support", "starts_on": "2026-01-05", "reason": "keep me"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "not available" in body and "keep me" in body


def test_the_suggestions_cost_the_same_queries_for_more_supporters(ready_cast, client_for):
    client = client_for("cleo")

    def queries(extra: int) -> int:
        with organisation_scope(ready_cast.riverside):
            for _i in range(extra):
                member = make_member(ready_cast.riverside, f"extra{PeerSupporter.objects.count()}", Role.PEER_SUPPORTER)
                ready(make_supporter(member))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/peers/{ready_cast.dee.pk}/suggestions/").status_code == 200
        return len(ctx.captured_queries)

    queries(0)  # the first request of a session also reads what later ones keep
    assert queries(2) == queries(6)


@pytest.mark.parametrize("page", ["kept-apart", "matching-details"])
def test_the_supporter_pages_cost_the_same_queries_for_more_rows(ready_cast, client_for, page):
    client = client_for("cleo")
    supporter = ready_cast.quinn_profile

    def queries(rows: int) -> int:
        from matching import services

        with organisation_scope(ready_cast.riverside):
            for _i in range(rows):
                peer = Peer.objects.create(organisation=ready_cast.riverside, chosen_name="Row")
                services.record_exclusion(first=supporter, second=peer, by=ready_cast.cleo, reason="not_said")
                services.add_keep_away(supporter, kind="area", words=f"place {peer.pk}", by=ready_cast.cleo)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/supporters/{supporter.pk}/{page}/").status_code == 200
        return len(ctx.captured_queries)

    queries(0)  # the first request of a session also reads what later ones keep
    assert queries(2) == queries(6)


def test_every_change_is_audited_under_its_own_record_and_every_opening_under_the_person(ready_cast, client_for):
    cast, client = ready_cast, client_for("cleo")
    url = f"/peers/{cast.dee.pk}/kept-apart/"
    client.post(
        url, {"action": "record", "exclusion-other_supporter": cast.quinn_profile.pk, "exclusion-reason": "not_said"}
    )
    client.post(url, {"action": "add_place", "keepaway-kind": "area", "keepaway-words": "Riverside docks"})
    with organisation_scope(cast.riverside):
        exclusion = Exclusion.objects.get()
        place = KeepAway.objects.get(peer=cast.dee)
    client.post(url, {"action": "lift", "exclusion": exclusion.pk, "lift-reason": "Checked."})
    client.post(url, {"action": "remove_place", "place": place.pk})
    client.get(f"/peers/{cast.dee.pk}/suggestions/")
    entries = set(AuditEvent.objects.filter(actor=cast.user("cleo")).values_list("action", "record_type", "record_id"))
    assert {
        ("create", "exclusion", str(exclusion.pk)),
        ("update", "exclusion", str(exclusion.pk)),
        ("create", "keepaway", str(place.pk)),
        ("delete", "keepaway", str(place.pk)),
        ("view", "peer", str(cast.dee.pk)),
    } <= entries
    # No entry about the exclusion names the supporter's record.
    assert not AuditEvent.objects.filter(record_type="peersupporter", record_id=str(cast.quinn_profile.pk)).exists()


@pytest.mark.parametrize("page", ["kept-apart", "matching-wishes", "suggestions"])
def test_the_peer_pages_cost_the_same_queries_for_more_rows(ready_cast, client_for, page):
    from matching import services

    client = client_for("cleo")
    peer = ready_cast.dee

    def queries(rows: int) -> int:
        with organisation_scope(ready_cast.riverside):
            for _i in range(rows):
                member = make_member(ready_cast.riverside, f"row{PeerSupporter.objects.count()}", Role.PEER_SUPPORTER)
                supporter = make_supporter(member)
                ready(supporter, former_peer=ready_cast.amara)
                services.record_exclusion(first=peer, second=supporter, by=ready_cast.cleo, reason="not_said")
                services.add_keep_away(peer, kind="area", words=f"place {supporter.pk}", by=ready_cast.cleo)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/peers/{peer.pk}/{page}/").status_code == 200
        return len(ctx.captured_queries)

    queries(0)  # the first request of a session also reads what later ones keep
    assert queries(2) == queries(6)


def test_the_settings_page_costs_the_same_queries_whatever_was_saved(ready_cast, client_for):
    client = client_for("cleo")
    client.get("/organisation/matching/")
    with CaptureQueriesContext(connection) as before:
        client.get("/organisation/matching/")
    client.post("/organisation/matching/", {"good_enough": "60"} | {f"weight_{c}": "1" for c in Criterion.ALL})
    client.get("/organisation/matching/")  # shows (and forgets) the "saved" message
    with CaptureQueriesContext(connection) as after:
        client.get("/organisation/matching/")
    assert len(before.captured_queries) == len(after.captured_queries)
