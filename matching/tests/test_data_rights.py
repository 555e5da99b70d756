"""A peer's copy of their record holds their matching wishes; erasure leaves nothing of theirs in matching."""

from datetime import timedelta

from django.utils import timezone

from conftest import make_peer
from datarights.services import erase_peer, peer_record
from datarights.tests.test_erasure_leaves_nothing import a_peer_with_everything, what_is_left
from matching import rules, services
from matching.models import AutomaticExclusionLift, Exclusion, KeepAway, PeerWishes, SupporterDetails
from people.models import Assignment, AssignmentKind


def with_matching_rows(cast, peer):
    services.save_peer_wishes(
        peer,
        by=cast.cleo,
        fields={
            "priorities": {"gender": 5},
            "availability": ["mon_evening"],
            "supporter_age": "25_34",
            "prefers_staff_without_lived_experience": True,
        },
    )
    services.add_keep_away(peer, kind="workplace", words="The Blue Door cafe", by=cast.cleo)
    services.record_exclusion(first=peer, second=cast.quinn_profile, by=cast.cleo, reason="same_network", note="n")
    services.record_exclusion(first=cast.dee, second=peer, by=cast.cleo, reason="manipulation")
    AutomaticExclusionLift.objects.create(
        organisation=cast.riverside, supporter=cast.rio_profile, peer=peer, reason="ok", lifted_by=cast.user("cleo")
    )


def test_their_copy_holds_their_wishes_and_places_but_no_exclusion(in_riverside):
    cast = in_riverside
    with_matching_rows(cast, cast.amara)
    record = peer_record(cast.amara)["finding_a_peer_supporter"]
    assert record["what_matters_most"] == ["Gender: Matters most"]
    assert record["times_free"] == ["Monday evening"]
    assert record["supporter_age"] == "25 to 34" and record["would_rather_have_staff"] is True
    assert record["places_to_keep_away_from"] == [{"what_kind": "A former workplace", "name": "The Blue Door cafe"}]
    assert "Quinn" not in str(peer_record(cast.amara)) and "network" not in str(record)


def test_erasure_leaves_no_matching_row_of_theirs(cast, client_for):
    from organisations.tenancy import organisation_scope

    with organisation_scope(cast.riverside):
        peer = a_peer_with_everything(cast)
        with_matching_rows(cast, peer)
        SupporterDetails.objects.filter(supporter=cast.pat_profile).update(former_peer=peer)
    assert client_for("cleo").post(f"/peers/{peer.pk}/erase/", {"confirm": "erase"}).status_code == 302
    with organisation_scope(cast.riverside):
        assert what_is_left(peer) == []
        assert not PeerWishes.objects.filter(peer=peer).exists()
        assert not KeepAway.objects.filter(peer=peer).exists()
        assert (
            not Exclusion.objects.filter(peer=peer).exists() and not Exclusion.objects.filter(other_peer=peer).exists()
        )
        assert not AutomaticExclusionLift.objects.filter(peer=peer).exists()
        assert SupporterDetails.objects.get(supporter=cast.pat_profile).former_peer is None


def test_erasing_a_former_peer_keeps_their_old_companions_safe_from_them(in_riverside):
    cast = in_riverside
    today = timezone.localdate()
    old_rio = make_peer(cast.riverside, "Old Rio", cast.user("cleo"))
    Assignment.objects.create(
        organisation=cast.riverside,
        peer=old_rio,
        worker=cast.pat,
        kind=AssignmentKind.PEER_SUPPORT,
        starts_on=today - timedelta(days=30),
    )
    SupporterDetails.objects.filter(supporter=cast.rio_profile).update(former_peer=old_rio)
    assert not rules.may_pair(cast.amara, cast.rio_profile)

    erase_peer(old_rio, by=cast.cleo)

    assert not rules.may_pair(cast.amara, cast.rio_profile)  # now a recorded exclusion
    assert Exclusion.objects.filter(supporter=cast.rio_profile, other_peer=cast.amara, lifted_at=None).exists()
    assert rules.may_pair(cast.dee, cast.rio_profile)
