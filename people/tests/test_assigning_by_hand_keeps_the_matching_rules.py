"""A coordinator's assignment by hand keeps every rule the suggestions and offers keep.

Capacity, the one-to-one rule, the good-enough fit and one peer supporter at a time, each refused in
plain words on the form, which keeps what was typed; an exclusion is still only "not available".
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from competence.testing import allow_alone
from matching.models import MatchingSettings, SupporterDetails
from offers.models import Offer, OfferStatus
from offers.services import make_offer, record_answer
from people.models import Assignment, AssignmentKind, PeerSupporter
from people.services import AssignmentError, assign, end_assignment

PEER_SUPPORT = AssignmentKind.PEER_SUPPORT


def test_a_supporter_at_capacity_is_refused_and_the_form_keeps_what_was_typed(cast, client_for, in_riverside):
    PeerSupporter.objects.filter(pk=cast.quinn_profile.pk).update(capacity=1)  # Bea fills it
    response = client_for("cleo").post(
        f"/peers/{cast.dee.pk}/assign/",
        {"worker": cast.quinn.pk, "kind": PEER_SUPPORT, "starts_on": timezone.localdate().isoformat(), "reason": "Both like maps."},
    )  # fmt: skip
    assert response.status_code == 200
    body = response.content.decode()
    assert "That peer supporter has no place left." in body
    assert "Both like maps." in body
    assert not Assignment.objects.filter(peer=cast.dee).exists()


def test_an_open_offer_to_another_peer_holds_a_place(cast, in_riverside):
    PeerSupporter.objects.filter(pk=cast.pat_profile.pk).update(capacity=2)  # Amara, and one more
    make_offer(peer=cast.cat, supporter=cast.pat_profile, by=cast.cleo)
    with pytest.raises(AssignmentError, match="no place left"):
        assign(peer=cast.dee, worker=cast.pat, by=cast.cleo, kind=PEER_SUPPORT)
    # The peer the place is held for may be assigned it by hand.
    assign(peer=cast.cat, worker=cast.pat, by=cast.cleo, kind=PEER_SUPPORT)


def test_a_supporter_not_yet_allowed_alone_is_refused_one_to_one_but_not_for_a_group(cast, in_riverside):
    allow_alone(cast.quinn_profile, False)
    with pytest.raises(AssignmentError, match="one-to-one on their own"):
        assign(peer=cast.dee, worker=cast.quinn, by=cast.cleo, kind=PEER_SUPPORT)
    cast.dee.support_format = "group"
    cast.dee.save()
    assign(peer=cast.dee, worker=cast.quinn, by=cast.cleo, kind=PEER_SUPPORT)


def test_a_supporter_with_no_responsibility_level_is_not_yet_allowed_alone(cast, in_riverside):
    SupporterDetails.objects.filter(supporter=cast.quinn_profile).delete()  # the details do not decide
    allow_alone(cast.quinn_profile, False)
    with pytest.raises(AssignmentError, match="one-to-one on their own"):
        assign(peer=cast.dee, worker=cast.quinn, by=cast.cleo, kind=PEER_SUPPORT)


def test_a_fit_below_good_enough_is_refused(cast, in_riverside):
    cast.dee.supporter_gender = "non_binary"  # Quinn's gender is not known: a quarter of that criterion
    cast.dee.save()
    MatchingSettings.objects.create(organisation=cast.riverside, good_enough=100)
    with pytest.raises(AssignmentError, match="well enough"):
        assign(peer=cast.dee, worker=cast.quinn, by=cast.cleo, kind=PEER_SUPPORT)
    MatchingSettings.objects.filter(organisation=cast.riverside).update(good_enough=50)
    assign(peer=cast.dee, worker=cast.quinn, by=cast.cleo, kind=PEER_SUPPORT)


def test_a_supporter_who_is_not_taking_peers_yet_is_refused(cast, in_riverside):
    PeerSupporter.objects.filter(pk=cast.quinn_profile.pk).update(stage="training")
    with pytest.raises(AssignmentError, match="Not taking anyone new"):
        assign(peer=cast.dee, worker=cast.quinn, by=cast.cleo, kind=PEER_SUPPORT)


def test_one_peer_supporter_at_a_time_with_a_handover_on_the_day_the_other_ends(cast, in_riverside):
    with pytest.raises(AssignmentError, match="already have a peer supporter"):
        assign(peer=cast.amara, worker=cast.quinn, by=cast.cleo, kind=PEER_SUPPORT)
    next_week = timezone.localdate() + timedelta(days=7)
    end_assignment(Assignment.objects.get(peer=cast.amara), by=cast.cleo, on=next_week)
    with pytest.raises(AssignmentError, match="already have a peer supporter"):
        assign(
            peer=cast.amara, worker=cast.quinn, by=cast.cleo, kind=PEER_SUPPORT, starts_on=next_week - timedelta(days=1)
        )
    assign(peer=cast.amara, worker=cast.quinn, by=cast.cleo, kind=PEER_SUPPORT, starts_on=next_week)
    # Case management beside peer support is fine.
    assign(peer=cast.amara, worker=cast.stef, by=cast.cleo, kind=AssignmentKind.CASE_MANAGEMENT)


def test_an_offer_accepted_after_an_assignment_by_hand_makes_no_second_peer_supporter(cast, in_riverside):
    offer = make_offer(peer=cast.dee, supporter=cast.pat_profile, by=cast.cleo)
    assign(peer=cast.dee, worker=cast.quinn, by=cast.cleo, kind=PEER_SUPPORT)
    answered = record_answer(offer, answer=OfferStatus.ACCEPTED, by=cast.cleo)
    assert answered.status == OfferStatus.WITHDRAWN
    assert Assignment.objects.filter(peer=cast.dee, kind=PEER_SUPPORT).count() == 1
    assert Offer.objects.get(pk=offer.pk).assignment is None


def test_accepting_an_offer_does_not_weigh_the_fit_again(cast, in_riverside):
    offer = make_offer(peer=cast.dee, supporter=cast.quinn_profile, by=cast.cleo)
    MatchingSettings.objects.create(organisation=cast.riverside, good_enough=100)
    cast.dee.supporter_gender = "non_binary"
    cast.dee.save()
    assert record_answer(offer, answer=OfferStatus.ACCEPTED, by=cast.cleo).status == OfferStatus.ACCEPTED


def test_a_pair_kept_apart_stays_apart_for_every_kind_of_support(cast, in_riverside):
    """A supervisor who is also a peer supporter, kept from Dee, may not counsel her either."""
    from conftest import make_supporter
    from matching.services import record_exclusion

    sinas = make_supporter(cast.sina)
    record_exclusion(first=cast.dee, second=sinas, by=cast.cleo, reason="not_said")
    with pytest.raises(AssignmentError, match="not available"):
        assign(peer=cast.dee, worker=cast.sina, by=cast.cleo, kind=AssignmentKind.COUNSELLING)
    assign(peer=cast.cat, worker=cast.sina, by=cast.cleo, kind=AssignmentKind.COUNSELLING)
