"""Hypothesis over generated exclusions and places: no manual assignment and no suggestion breaks one.

Each example records its own exclusions and places in the cast's organisation (rolled back after),
then tries to assign every peer to every supporter through ``people.services.assign`` and asks for
each peer's suggestions. The oracle is written from the generated facts, not from matching's code.
"""

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import services
from matching.models import SupporterDetails
from people import services as people
from people.models import Assignment, AssignmentKind, Peer, PeerSupporter

PEERS = ["amara", "bea", "dee", "fay"]
SUPPORTERS = ["pat_profile", "quinn_profile", "rio_profile"]
PLACES = ["Mill Road", "mill  road", "The Docks", "Eastgate"]

pairs = st.sets(st.tuples(st.sampled_from(PEERS), st.sampled_from(SUPPORTERS)), max_size=5)
places = st.dictionaries(st.sampled_from(PEERS + SUPPORTERS), st.sampled_from(PLACES), max_size=4)


def same_place(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(excluded=pairs, lifted=pairs, named=places, capacity=st.integers(1, 3))
def test_no_generated_instance_yields_an_assignment_or_suggestion_that_breaks_an_exclusion(
    in_riverside, excluded, lifted, named, capacity
):
    cast = in_riverside
    with transaction.atomic():
        for name in SUPPORTERS:
            supporter = cast.supporters[name]
            PeerSupporter.objects.filter(pk=supporter.pk).update(stage="active", capacity=capacity)
            SupporterDetails.objects.update_or_create(
                supporter=supporter, defaults={"organisation": cast.riverside, "may_work_alone": name != "rio_profile"}
            )
        for peer_name, supporter_name in excluded:
            exclusion = services.record_exclusion(
                first=cast.peers[peer_name], second=cast.supporters[supporter_name], by=cast.cleo, reason="not_said"
            )
            if (peer_name, supporter_name) in lifted:
                services.lift_exclusion(exclusion, by=cast.cleo, reason="checked")
        everyone = cast.peers | cast.supporters
        for name, place in named.items():
            services.add_keep_away(everyone[name], kind="area", words=place, by=cast.cleo)

        def kept_apart(peer_name: str, supporter_name: str) -> bool:
            if (peer_name, supporter_name) in excluded - lifted:
                return True
            a, b = named.get(peer_name), named.get(supporter_name)
            return a is not None and b is not None and same_place(a, b)

        for peer_name in PEERS:
            peer = Peer.objects.get(pk=cast.peers[peer_name].pk)
            found = services.suggest_for(peer)
            for suggestion in found.suggested:
                supporter_name = next(n for n in SUPPORTERS if cast.supporters[n].pk == suggestion.supporter.pk)
                assert not kept_apart(peer_name, supporter_name)
                assert suggestion.fit.score >= found.good_enough
                assert supporter_name != "rio_profile" or found.wish.support_format == "group"
            for supporter_name in SUPPORTERS:
                supporter = cast.supporters[supporter_name]
                try:
                    people.assign(
                        peer=peer, worker=supporter.membership, by=cast.cleo, kind=AssignmentKind.PEER_SUPPORT
                    )
                except people.AssignmentError:
                    assert kept_apart(peer_name, supporter_name)
                else:
                    assert not kept_apart(peer_name, supporter_name)
        made = Assignment.objects.filter(created_by=cast.user("cleo"), kind=AssignmentKind.PEER_SUPPORT)
        assert all(
            not kept_apart(p, s)
            for p in PEERS
            for s in SUPPORTERS
            if made.filter(peer=cast.peers[p], worker=cast.supporters[s].membership).exists()
        )
        transaction.set_rollback(True)
