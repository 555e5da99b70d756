"""The one pairing check, on the database: may_pair and blocked_pairs agree, and every path calls them."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_peer, make_supporter
from matching import rules
from matching.keepaway import digests
from matching.models import AutomaticExclusionLift, Exclusion, KeepAway, SupporterDetails
from organisations.models import Role
from people import services as people
from people.models import Assignment, AssignmentKind, PeerSupporter


def exclude(cast, a, b, **fields):
    sides = {}
    for key, someone in (("", a), ("other_", b)):
        kind = "peer" if someone.__class__.__name__ == "Peer" else "supporter"
        sides[f"{key}{kind}"] = someone
    return Exclusion.objects.create(
        organisation=cast.riverside, reason="same_network", recorded_by=cast.user("cleo"), **sides, **fields
    )


def keep_away(cast, someone, words):
    kind = "peer" if someone.__class__.__name__ == "Peer" else "supporter"
    return KeepAway.objects.create(
        organisation=cast.riverside, kind="area", words=words, digests=digests(words), **{kind: someone}
    )


def test_nobody_is_kept_apart_until_something_is_recorded(in_riverside):
    cast = in_riverside
    assert rules.may_pair(cast.dee, cast.pat_profile)
    assert rules.blocked_pairs([cast.dee, cast.amara], [cast.pat_profile, cast.quinn_profile]) == set()


def test_an_exclusion_keeps_them_apart_in_both_directions_until_it_is_lifted(in_riverside):
    cast = in_riverside
    exclusion = exclude(cast, cast.pat_profile, cast.dee)
    assert not rules.may_pair(cast.dee, cast.pat_profile)
    assert not rules.may_pair(cast.pat_profile, cast.dee)
    assert rules.blocked_pairs([cast.dee, cast.amara], [cast.pat_profile]) == {(cast.dee.pk, cast.pat_profile.pk)}
    exclusion.lifted_at = timezone.now()
    exclusion.save()
    assert rules.may_pair(cast.dee, cast.pat_profile)


def test_two_peers_and_two_supporters_can_be_kept_apart_too(in_riverside):
    cast = in_riverside
    exclude(cast, cast.dee, cast.amara)
    exclude(cast, cast.pat_profile, cast.quinn_profile)
    assert not rules.may_pair(cast.amara, cast.dee)
    assert not rules.may_pair(cast.quinn_profile, cast.pat_profile)
    assert rules.may_pair(cast.dee, cast.bea)


def test_a_shared_place_keeps_them_apart_however_it_is_spelled(in_riverside):
    cast = in_riverside
    keep_away(cast, cast.dee, "Mill Road, Eastfield")
    keep_away(cast, cast.quinn_profile, "  mill road eastfield ")
    keep_away(cast, cast.pat_profile, "Westfield")
    assert not rules.may_pair(cast.dee, cast.quinn_profile)
    assert rules.may_pair(cast.dee, cast.pat_profile)
    assert rules.blocked_pairs([cast.dee], [cast.pat_profile, cast.quinn_profile]) == {
        (cast.dee.pk, cast.quinn_profile.pk)
    }


def test_a_supporter_who_was_a_peer_here_is_kept_from_those_who_went_through_it_with_them(in_riverside):
    cast = in_riverside
    today = timezone.localdate()
    # Rio was once a peer here ("Old Rio"), supported by Pat at the same time as Amara (still with Pat).
    old_rio = make_peer(cast.riverside, "Old Rio", cast.user("cleo"))
    Assignment.objects.create(
        organisation=cast.riverside,
        peer=old_rio,
        worker=cast.pat,
        kind=AssignmentKind.PEER_SUPPORT,
        starts_on=today - timedelta(days=30),
        ends_on=today,  # Amara started with Pat today: one day together is enough
    )
    SupporterDetails.objects.filter(supporter=cast.rio_profile).update(former_peer=old_rio)
    assert not rules.may_pair(cast.amara, cast.rio_profile)
    assert rules.may_pair(cast.dee, cast.rio_profile)
    assert (cast.amara.pk, cast.rio_profile.pk) in rules.blocked_pairs([cast.amara, cast.dee], [cast.rio_profile])

    AutomaticExclusionLift.objects.create(
        organisation=cast.riverside, supporter=cast.rio_profile, peer=cast.amara, reason="They met and agreed."
    )
    assert rules.may_pair(cast.amara, cast.rio_profile)


def test_people_of_another_organisation_or_an_erased_record_are_never_paired(cast):
    from organisations.tenancy import all_organisations

    with all_organisations():
        assert not rules.may_pair(cast.zed, cast.pat_profile)
        cast.dee.erased_at = timezone.now()
        assert not rules.may_pair(cast.dee, cast.pat_profile)
        assert rules.blocked_pairs([cast.zed, cast.dee], [cast.pat_profile]) == {
            (cast.zed.pk, cast.pat_profile.pk),
            (cast.dee.pk, cast.pat_profile.pk),
        }


def test_blocked_pairs_costs_the_same_queries_for_many_people(in_riverside):
    cast = in_riverside

    def queries(n):
        peers = [make_peer(cast.riverside, f"P{n}-{i}", cast.user("cleo")) for i in range(n)]
        for peer in peers:
            keep_away(cast, peer, f"street {n} {peer.pk}")
            exclude(cast, peer, cast.pat_profile)
        supporters = list(PeerSupporter.objects.all())
        with CaptureQueriesContext(connection) as ctx:
            blocked = rules.blocked_pairs(peers, supporters)
        assert len(blocked) == n
        return len(ctx.captured_queries)

    assert queries(2) == queries(6)


@pytest.mark.parametrize("kind", ["exclusion", "keep_away"])
def test_manual_assignment_refuses_a_pair_kept_apart_saying_only_not_available(in_riverside, kind):
    cast = in_riverside
    if kind == "exclusion":
        exclude(cast, cast.dee, cast.quinn_profile)
    else:
        keep_away(cast, cast.dee, "The Orchard estate")
        keep_away(cast, cast.quinn_profile, "the orchard estate")
    with pytest.raises(people.AssignmentError, match="not available") as refused:
        people.assign(peer=cast.dee, worker=cast.quinn, by=cast.cleo, kind=AssignmentKind.PEER_SUPPORT)
    assert "exclu" not in str(refused.value).lower() and "orchard" not in str(refused.value).lower()
    assert not Assignment.objects.filter(peer=cast.dee).exists()
    # Someone else, and a worker who is not a peer supporter, may still be assigned.
    people.assign(peer=cast.dee, worker=cast.pat, by=cast.cleo, kind=AssignmentKind.PEER_SUPPORT)
    assert cast.stef.role == Role.STAFF
    people.assign(peer=cast.dee, worker=cast.stef, by=cast.cleo, kind=AssignmentKind.CASE_MANAGEMENT)


def test_a_new_supporter_profile_has_no_details_and_is_not_alone_yet(in_riverside):
    cast = in_riverside
    from conftest import make_member

    member = make_member(cast.riverside, "noor", Role.PEER_SUPPORTER)
    supporter = make_supporter(member)
    from matching.profiles import supporter_offers

    (offer,) = supporter_offers([supporter])
    assert offer.may_work_alone is False and offer.capacity_left == 4


@pytest.mark.parametrize("scale", [1, 2])
def test_the_demo_seeds_matching_that_the_suggestions_can_use(db, scale):
    from django.core.management import call_command

    from matching.services import suggest_for
    from organisations.models import Organisation
    from organisations.tenancy import all_organisations, organisation_scope
    from people.models import Peer

    call_command("seed_demo", scale=scale, quiet=True)
    with all_organisations():
        orgs = list(Organisation.objects.filter(slug__in=["riverside", "harbour"]))
    for org in orgs:
        with organisation_scope(org):
            assert Exclusion.objects.filter(lifted_at__isnull=True).count() >= 2 * scale
            assert Exclusion.objects.filter(lifted_at__isnull=False).exists()
            assert KeepAway.objects.filter(peer__isnull=False).exists()
            assert KeepAway.objects.filter(supporter__isnull=False).exists()
            assert SupporterDetails.objects.filter(former_peer__isnull=False).exists()
            assert SupporterDetails.objects.count() == PeerSupporter.objects.count()
            exclusion = Exclusion.objects.filter(lifted_at__isnull=True, other_supporter__isnull=False).first()
            found = suggest_for(exclusion.peer)
            assert exclusion.other_supporter_id not in {s.supporter.pk for s in found.suggested}
            assert any(suggest_for(p).suggested for p in Peer.objects.all()), "someone waiting can be suggested a fit"
