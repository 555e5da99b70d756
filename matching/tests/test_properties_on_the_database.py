"""Hypothesis over generated exclusions, places and capacities: no manual assignment and no suggestion
breaks an exclusion, a capacity, the one-to-one rule or the good-enough fit.

Each example records its own exclusions and places in the cast's organisation (rolled back after),
asks for each peer's suggestions, then tries to assign every peer to every supporter through
``people.services.assign`` (each attempt rolled back). The exclusion oracle is written from the
generated facts, not from matching's code; capacity and the one-to-one rule are counted from the rows.
"""

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competence.testing import allow_alone
from matching import services
from matching.models import MatchingSettings, SupporterDetails
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
@given(
    excluded=pairs,
    lifted=pairs,
    named=places,
    capacity=st.integers(1, 3),
    good_enough=st.sampled_from([0, 50, 80, 100]),
    gender_wish=st.sampled_from(["", "woman", "non_binary"]),
)
def test_no_generated_instance_yields_an_assignment_or_suggestion_that_breaks_an_exclusion(
    in_riverside, excluded, lifted, named, capacity, good_enough, gender_wish
):
    cast = in_riverside
    with transaction.atomic():
        # The fit varies: the supporters' genders are not known, so a wish for one lowers it.
        MatchingSettings.objects.update_or_create(organisation=cast.riverside, defaults={"good_enough": good_enough})
        Peer.objects.filter(pk__in=[cast.peers[p].pk for p in PEERS]).update(supporter_gender=gender_wish)
        for name in SUPPORTERS:
            supporter = cast.supporters[name]
            PeerSupporter.objects.filter(pk=supporter.pk).update(stage="active", capacity=capacity)
            SupporterDetails.objects.update_or_create(supporter=supporter, defaults={"organisation": cast.riverside})
            allow_alone(supporter, name != "rio_profile")
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
            has_peer_support = Assignment.objects.current().filter(peer=peer, kind=AssignmentKind.PEER_SUPPORT)
            for supporter_name in SUPPORTERS:
                supporter = cast.supporters[supporter_name]
                working_with = Assignment.objects.current().filter(worker=supporter.membership).count()
                with transaction.atomic():
                    try:
                        people.assign(
                            peer=peer, worker=supporter.membership, by=cast.cleo, kind=AssignmentKind.PEER_SUPPORT
                        )
                    except people.AssignmentError:
                        made = False
                    else:
                        made = True
                    transaction.set_rollback(True)
                if made:
                    assert not kept_apart(peer_name, supporter_name)
                    assert working_with < capacity, "assigned past their capacity"
                    assert supporter_name != "rio_profile" or found.wish.support_format == "group", "one-to-one alone"
                    fit = next(s.fit for s in found.suggested if s.supporter.pk == supporter.pk)
                    assert fit.score >= good_enough
                    assert not has_peer_support.exists(), "a second peer supporter"
                elif not kept_apart(peer_name, supporter_name) and not has_peer_support.exists():
                    # Refused for another reason: then the suggestions left them out too.
                    assert supporter.pk not in {s.supporter.pk for s in found.suggested}
        transaction.set_rollback(True)
