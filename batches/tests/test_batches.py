"""A coordinator starts a batch, reviews the proposal, pins or forbids pairs, solves again and sends.

In the cast, cat and dee have no peer supporter (cat has a case manager) and said at their intake
conversation that they would like one now: they are waiting.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from batches import services
from batches.models import BatchPlace, BatchStatus, ChoiceKind, Unplaced
from batches.tests.helpers import keep_apart, ready
from conftest import make_peer
from intake.services import waiting_peers as intake_waiting_peers
from intake.tests.helpers import days_ago, intake
from offers.models import Offer, OfferStatus
from people.models import Assignment, AssignmentKind


@pytest.fixture
def riverside(in_riverside):
    c = in_riverside
    for supporter in (c.pat_profile, c.quinn_profile, c.rio_profile):
        ready(supporter)
    return c


def proposed(batch) -> dict[str, str]:
    return {
        p.peer.chosen_name: (str(p.proposed) if p.proposed else p.unplaced)
        for p in BatchPlace.objects.filter(batch=batch).select_related("peer", "proposed__membership__user")
    }


def test_a_new_cohort_is_the_peers_waiting_and_nothing_is_sent_before_review(riverside):
    c = riverside
    batch = services.start_cohort(by=c.cleo)
    assert set(proposed(batch)) == {"Cat", "Dee"}
    assert all(isinstance(v, str) and v in {"Pat", "Quinn", "Rio"} for v in proposed(batch).values())
    assert not Offer.objects.exists(), "an offer went out before the review"
    assert batch.status == BatchStatus.REVIEWING


def test_sending_makes_one_offer_per_proposed_pair_and_nobody_is_assigned_yet(riverside):
    c = riverside
    batch = services.start_cohort(by=c.cleo)
    sent = services.send_batch(batch, by=c.cleo)
    assert sent.offered == 2
    assert Offer.objects.filter(batch=batch, status=OfferStatus.OPEN).count() == 2
    assert not Assignment.objects.current().filter(peer__in=[c.cat, c.dee], kind=AssignmentKind.PEER_SUPPORT)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.SENT
    with pytest.raises(services.BatchError):
        services.solve_batch(batch, by=c.cleo)


def test_a_blocked_pair_is_never_proposed_even_when_it_is_the_only_one(riverside):
    c = riverside
    for other in (c.quinn_profile, c.rio_profile):
        other.stage = "paused"
        other.save()
    keep_apart(c.dee, c.pat_profile)
    batch = services.start_cohort(by=c.cleo)
    assert proposed(batch)["Dee"] == Unplaced.NO_GOOD_FIT
    assert proposed(batch)["Cat"] == "Pat"
    services.send_batch(batch, by=c.cleo)
    assert not Offer.objects.filter(peer=c.dee).exists()


def test_an_exclusion_recorded_after_the_solve_wins_when_the_batch_is_sent(riverside):
    c = riverside
    batch = services.start_cohort(by=c.cleo)
    place = BatchPlace.objects.get(batch=batch, peer=c.dee)
    keep_apart(c.dee, place.proposed)
    services.send_batch(batch, by=c.cleo)
    place.refresh_from_db()
    assert place.unplaced == Unplaced.NO_LONGER_AVAILABLE and place.offer is None
    assert not Offer.objects.filter(peer=c.dee).exists()


def test_a_forbidden_pair_is_left_out_and_a_pin_is_kept_when_solving_again(riverside):
    c = riverside
    batch = services.start_cohort(by=c.cleo)
    first = BatchPlace.objects.get(batch=batch, peer=c.dee).proposed
    services.choose(batch, peer=c.dee, supporter=first, kind=ChoiceKind.FORBID, by=c.cleo)
    services.choose(batch, peer=c.cat, supporter=c.rio_profile, kind=ChoiceKind.PIN, by=c.cleo)
    services.solve_batch(batch, by=c.cleo)
    dee = BatchPlace.objects.get(batch=batch, peer=c.dee)
    cat = BatchPlace.objects.get(batch=batch, peer=c.cat)
    assert dee.proposed != first
    assert cat.proposed == c.rio_profile and cat.pinned


def test_a_pin_on_a_blocked_pair_is_not_kept(riverside):
    c = riverside
    keep_apart(c.cat, c.rio_profile)
    batch = services.start_cohort(by=c.cleo)
    services.choose(batch, peer=c.cat, supporter=c.rio_profile, kind=ChoiceKind.PIN, by=c.cleo)
    services.solve_batch(batch, by=c.cleo)
    assert BatchPlace.objects.get(batch=batch, peer=c.cat).proposed != c.rio_profile


def test_nobody_is_placed_with_a_supporter_who_may_not_yet_work_alone_one_to_one(riverside):
    c = riverside
    for supporter in (c.pat_profile, c.quinn_profile, c.rio_profile):
        ready(supporter, alone=False)
    c.dee.support_format = "group"
    c.dee.save()
    batch = services.start_cohort(by=c.cleo)
    assert proposed(batch)["Cat"] == Unplaced.NO_GOOD_FIT  # one-to-one unless they asked for a group
    assert proposed(batch)["Dee"] in {"Pat", "Quinn", "Rio"}


def test_re_matching_a_leaving_supporter_ends_their_support_only_when_sent_and_keeps_the_history(riverside):
    c = riverside
    batch = services.start_rematch(supporter=c.pat_profile, by=c.cleo)
    assert set(proposed(batch)) == {"Amara"}
    assert proposed(batch)["Amara"] in {"Quinn", "Rio"}, "the leaving supporter is not proposed"
    place = BatchPlace.objects.select_related("proposed__membership__user").get(batch=batch)
    told = services.what_they_will_be_told(batch, place)
    assert "Pat is moving on" in told and str(place.proposed) in told
    assert Assignment.objects.current().filter(peer=c.amara, worker=c.pat).exists(), "ended before review"

    services.send_batch(batch, by=c.cleo)

    history = Assignment.objects.filter(peer=c.amara, worker=c.pat)
    assert history.count() == 1 and history.get().ends_on == timezone.localdate(), "the history is kept, ended"
    assert Offer.objects.get(peer=c.amara).status == OfferStatus.OPEN


def test_a_peer_the_re_match_cannot_place_is_told_we_are_looking(riverside):
    c = riverside
    for other in (c.quinn_profile, c.rio_profile):
        keep_apart(c.amara, other)
    batch = services.start_rematch(supporter=c.pat_profile, by=c.cleo)
    place = BatchPlace.objects.get(batch=batch)
    assert place.proposed is None
    assert "We are looking for a peer supporter" in services.what_they_will_be_told(batch, place)
    assert "Quinn" not in services.what_they_will_be_told(batch, place)


def test_starting_a_batch_with_nobody_to_match_says_so(riverside):
    c = riverside
    services.send_batch(services.start_cohort(by=c.cleo), by=c.cleo)
    with pytest.raises(services.BatchError):
        services.start_cohort(by=c.cleo)  # cat and dee have offers waiting for their answer
    services.start_rematch(supporter=c.rio_profile, by=c.cleo)
    with pytest.raises(services.BatchError):
        services.start_rematch(supporter=c.rio_profile, by=c.cleo)  # one already in review


def test_a_supporter_who_is_leaving_is_not_proposed_to_anyone_else(riverside):
    c = riverside
    for other in (c.pat_profile, c.rio_profile):
        other.stage = "paused"
        other.save()
    assert "Quinn" in services.start_cohort(by=c.cleo).places.values_list(
        "proposed__membership__user__display_name", flat=True
    )
    services.start_rematch(supporter=c.quinn_profile, by=c.cleo)
    cohort = services.start_cohort(by=c.cleo)
    assert "Quinn" not in proposed(cohort).values()


def test_a_cohort_starts_from_the_intake_waiting_list_of_those_who_want_a_peer_supporter_now(riverside):
    c = riverside
    make_peer(c.riverside, "Lou", c.user("cleo"))  # no intake conversation yet: not matched before it
    mo = make_peer(c.riverside, "Mo", c.user("cleo"))
    intake(mo, c.cleo, wants_peer_support="later", had_on=days_ago(100), ask_again_on=days_ago(35))
    nia = make_peer(c.riverside, "Nia", c.user("cleo"))
    intake(nia, c.cleo, wants_peer_support="now", had_on=days_ago(30))
    intake(c.fay, c.cleo, wants_peer_support="not_at_all")
    Assignment.objects.filter(peer=c.fay).update(starts_on=days_ago(50), ends_on=days_ago(5))
    assert [p.chosen_name for p in intake_waiting_peers(c.cleo)] == ["Mo", "Nia", "Cat", "Dee"]
    # Mo is due to be asked again, not matched; Lou and Fay are on neither list.
    assert [p.chosen_name for p in services.waiting_peers(c.cleo)] == ["Nia", "Cat", "Dee"]
    assert set(proposed(services.start_cohort(by=c.cleo, most=2))) == {"Nia", "Cat"}  # longest wait first
    for role in ("pat", "sina", "stef", "eve"):
        assert not services.waiting_peers(c.members[role]).exists(), role


def test_the_peers_of_a_leaving_supporter_are_waiting_again_the_day_their_support_ends(riverside):
    c = riverside
    intake(c.fay, c.cleo, wants_peer_support="now", had_on=days_ago(200))
    assert c.fay not in intake_waiting_peers(c.cleo)
    for other in (c.pat_profile, c.quinn_profile):
        keep_apart(c.fay, other)  # nobody else for fay: she is left unplaced
    batch = services.start_rematch(supporter=c.rio_profile, by=c.cleo)
    services.send_batch(batch, by=c.cleo)
    assert Assignment.objects.get(peer=c.fay).ends_on == timezone.localdate()
    assert intake_waiting_peers(c.cleo).get(pk=c.fay.pk).waiting_since == timezone.localdate()
    assert c.fay in services.waiting_peers(c.cleo), "waiting again at once, in the next cohort"
