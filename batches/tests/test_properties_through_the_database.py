"""Hypothesis over the whole path: generated exclusions, capacities, one-to-one rules and thresholds;
no batch proposal or offer that goes out breaks any of them, and accepting never makes a blocked pair."""

from __future__ import annotations

from collections import Counter

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from batches import services
from batches.models import BatchPlace
from batches.tests.helpers import keep_apart, ready
from matching import core
from matching.models import MatchingSettings
from matching.profiles import peer_wishes, supporter_offers
from matching.rules import may_pair
from offers import services as offers
from offers.models import Offer, OfferStatus
from organisations.tenancy import organisation_scope
from people.services import current_caseloads

PEERS = ("amara", "bea", "cat", "dee", "fay")
SUPPORTERS = ("pat_profile", "quinn_profile", "rio_profile")


@st.composite
def worlds(draw):
    return {
        "exclusions": draw(st.sets(st.tuples(st.sampled_from(("cat", "dee")), st.sampled_from(SUPPORTERS)))),
        "capacity": {s: draw(st.integers(1, 3)) for s in SUPPORTERS},
        "alone": {s: draw(st.booleans()) for s in SUPPORTERS},
        "group": {p: draw(st.booleans()) for p in ("cat", "dee")},
        "good_enough": draw(st.integers(0, 100)),
        "late_exclusion": draw(st.none() | st.sampled_from(SUPPORTERS)),
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(world=worlds())
def test_no_batch_or_offer_breaks_a_rule(cast, world):
    with organisation_scope(cast.riverside), transaction.atomic():
        for name in SUPPORTERS:
            ready(cast.supporters[name], alone=world["alone"][name], capacity=world["capacity"][name])
        for name, group in world["group"].items():
            cast.peers[name].support_format = "group" if group else "one_to_one"
            cast.peers[name].save()
        MatchingSettings.objects.create(organisation=cast.riverside, good_enough=world["good_enough"])
        for peer, supporter in world["exclusions"]:
            keep_apart(cast.peers[peer], cast.supporters[supporter])

        batch = services.start_cohort(by=cast.cleo)
        places = list(BatchPlace.objects.filter(batch=batch, proposed__isnull=False).select_related("peer", "proposed"))
        supporters = [cast.supporters[s] for s in SUPPORTERS]
        offered = {o.supporter_id: o for o in supporter_offers(supporters)}
        wishes = {w.peer_id: w for w in peer_wishes([p.peer for p in places])}
        for place in places:
            assert may_pair(place.peer, place.proposed), "a blocked pair was proposed"
            assert place.fit is not None and place.fit >= world["good_enough"]
            wish, offer = wishes[place.peer_id], offered[place.proposed_id]
            assert not (wish.wants_one_to_one and not offer.may_work_alone)
            assert core.fit(wish, offer).score == place.fit
        loads = current_caseloads(s.membership_id for s in supporters)
        for supporter_id, count in Counter(p.proposed_id for p in places).items():
            supporter = next(s for s in supporters if s.pk == supporter_id)
            assert loads.get(supporter.membership_id, 0) + count <= supporter.capacity

        # An exclusion recorded after the solve: nothing offered or accepted breaks it.
        if world["late_exclusion"] and places:
            keep_apart(places[0].peer, cast.supporters[world["late_exclusion"]])
        services.send_batch(batch, by=cast.cleo)
        for offer in Offer.objects.filter(batch=batch).select_related("peer", "supporter"):
            assert may_pair(offer.peer, offer.supporter)
        for offer in Offer.objects.filter(batch=batch):
            if world["late_exclusion"]:
                keep_apart(offer.peer, cast.supporters[world["late_exclusion"]])
            offers.record_answer(offer, answer=OfferStatus.ACCEPTED, by=cast.cleo)
        for offer in Offer.objects.filter(batch=batch, status=OfferStatus.ACCEPTED).select_related(
            "peer", "supporter", "assignment"
        ):
            assert may_pair(offer.peer, offer.supporter) and offer.assignment is not None
        transaction.set_rollback(True)
