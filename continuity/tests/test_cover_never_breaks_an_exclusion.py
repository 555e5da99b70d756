"""Hypothesis over generated exclusions, keep-away places and a coordinator's choices: whatever is
picked, no cover is saved for a pair the pairing check keeps apart, and a refusal saves nothing.

Each example records its own exclusions and places in the cast's organisation (rolled back after). The
oracle is written from the generated facts, not from matching's code.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from absences import services as absences
from conftest import assign
from continuity import services
from continuity.models import Cover
from matching import services as matching
from people.models import Assignment, AssignmentKind

PEERS = ["amara", "dee", "fay"]  # pat supports them all while away (fay also has rio)
SUPPORTERS = ["quinn_profile", "rio_profile", "hana_profile"]  # hana is of another organisation
PLACES = ["Mill Road", "mill  road", "The Docks", "Eastgate"]

pairs = st.sets(st.tuples(st.sampled_from(PEERS), st.sampled_from(SUPPORTERS[:2])), max_size=4)
places = st.dictionaries(st.sampled_from(PEERS + SUPPORTERS[:2]), st.sampled_from(PLACES), max_size=4)
picks = st.dictionaries(st.sampled_from(PEERS), st.none() | st.sampled_from(SUPPORTERS), max_size=3)


def same_place(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(excluded=pairs, lifted=pairs, named=places, chosen=picks, rounds=st.integers(1, 2))
def test_whatever_the_coordinator_picks_no_cover_pair_kept_apart_is_saved(
    in_riverside, excluded, lifted, named, chosen, rounds
):
    cast = in_riverside
    today = timezone.localdate()
    with transaction.atomic():
        for name in ("dee", "fay"):
            assign(cast.peers[name], cast.pat)
        absence = absences.record_absence(
            member=cast.pat, by=cast.cleo, starts_on=today, ends_on=today + timedelta(days=6), kind="away"
        )
        for peer_name, supporter_name in excluded:
            exclusion = matching.record_exclusion(
                first=cast.peers[peer_name], second=cast.supporters[supporter_name], by=cast.cleo, reason="not_said"
            )
            if (peer_name, supporter_name) in lifted:
                matching.lift_exclusion(exclusion, by=cast.cleo, reason="checked")
        everyone = cast.peers | cast.supporters
        for name, place in named.items():
            matching.add_keep_away(everyone[name], kind="area", words=place, by=cast.cleo)

        def kept_apart(peer_name: str, supporter_name: str) -> bool:
            if supporter_name == "hana_profile":  # another organisation: never
                return True
            if (peer_name, supporter_name) in excluded - lifted:
                return True
            a, b = named.get(peer_name), named.get(supporter_name)
            return a is not None and b is not None and same_place(a, b)

        supports = {
            name: Assignment.objects.get(peer=cast.peers[name], worker=cast.pat, kind=AssignmentKind.PEER_SUPPORT)
            for name in PEERS
        }
        for _ in range(rounds):  # choosing again replaces: the second round must keep the rule too
            before = set(Cover.objects.values_list("pk", flat=True))
            wanted = {supports[p].pk: (cast.supporters[s] if s is not None else None) for p, s in chosen.items()}
            try:
                services.arrange_cover(absence, picks=wanted, by=cast.cleo)
            except services.CoverNotAvailableError:
                assert any(s is not None and kept_apart(p, s) for p, s in chosen.items())
                assert set(Cover.objects.values_list("pk", flat=True)) == before, "a refusal saved something"
            else:
                assert not any(s is not None and kept_apart(p, s) for p, s in chosen.items())
            chosen = {p: s for p, s in chosen.items() if s is None or not kept_apart(p, s)}
        names = {cast.supporters[s].membership_id: s for s in SUPPORTERS}
        peer_names = {cast.peers[p].pk: p for p in PEERS}
        for cover in Cover.objects.select_related("assignment"):
            assert cover.assignment.kind == AssignmentKind.COVER
            assert not kept_apart(peer_names[cover.peer_id], names[cover.assignment.worker_id])
        for row in services.cover_plan(absence):
            for option in row.options:
                supporter_name = next(n for n in SUPPORTERS if cast.supporters[n].pk == option.pk)
                assert not kept_apart(peer_names[row.peer.pk], supporter_name), "a pair kept apart was proposed"
        transaction.set_rollback(True)
