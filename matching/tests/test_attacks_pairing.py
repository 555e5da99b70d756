"""An attacker's pass over the pairing check: paths that put together two people kept apart."""

from __future__ import annotations

from conftest import make_peer
from matching import core, rules, services
from matching.keepaway import digests
from matching.models import Exclusion, KeepAway, SupporterDetails

from .test_rules import exclude, keep_away


def _once_a_peer(cast, supporter, record):
    SupporterDetails.objects.update_or_create(
        supporter=supporter, defaults={"organisation": cast.riverside, "former_peer": record}
    )


def test_an_exclusion_recorded_on_a_supporters_own_former_record_still_keeps_them_apart(in_riverside):
    """Quinn was once a peer here (Old Quinn), kept from Dee then; as a supporter, Quinn is kept from Dee too."""
    cast = in_riverside
    old_quinn = make_peer(cast.riverside, "Old Quinn", cast.user("cleo"))
    exclude(cast, old_quinn, cast.dee)
    assert rules.may_pair(cast.dee, cast.quinn_profile)  # nothing links them yet
    _once_a_peer(cast, cast.quinn_profile, old_quinn)
    assert not rules.may_pair(cast.dee, cast.quinn_profile)
    assert not rules.may_pair(cast.quinn_profile, cast.dee)
    assert (cast.dee.pk, cast.quinn_profile.pk) in rules.blocked_pairs([cast.dee, cast.amara], [cast.quinn_profile])
    assert rules.may_pair(cast.amara, cast.quinn_profile)


def test_a_place_kept_away_from_on_a_supporters_former_record_still_keeps_them_apart(in_riverside):
    cast = in_riverside
    old_quinn = make_peer(cast.riverside, "Old Quinn", cast.user("cleo"))
    keep_away(cast, old_quinn, "The Anchor bar")
    keep_away(cast, cast.dee, "the anchor BAR")
    _once_a_peer(cast, cast.quinn_profile, old_quinn)
    assert not rules.may_pair(cast.dee, cast.quinn_profile)
    assert rules.blocked_pairs([cast.dee], [cast.quinn_profile]) == {(cast.dee.pk, cast.quinn_profile.pk)}


def test_erasing_the_former_record_keeps_its_exclusions_and_places_on_the_supporter(in_riverside):
    cast = in_riverside
    old_quinn = make_peer(cast.riverside, "Old Quinn", cast.user("cleo"))
    exclude(cast, old_quinn, cast.dee)
    keep_away(cast, old_quinn, "The Anchor bar")
    keep_away(cast, cast.fay, "THE anchor-bar.")
    _once_a_peer(cast, cast.quinn_profile, old_quinn)
    from datarights.services import erase_peer

    erase_peer(old_quinn, by=cast.cleo)
    assert not Exclusion.objects.filter(peer=old_quinn).exists()
    assert not KeepAway.objects.filter(peer=old_quinn).exists()
    assert not rules.may_pair(cast.dee, cast.quinn_profile)
    assert not rules.may_pair(cast.fay, cast.quinn_profile)


def test_a_lifted_automatic_exclusion_does_not_lift_one_recorded_on_the_former_record(in_riverside):
    cast = in_riverside
    old_quinn = make_peer(cast.riverside, "Old Quinn", cast.user("cleo"))
    exclude(cast, old_quinn, cast.dee)
    _once_a_peer(cast, cast.quinn_profile, old_quinn)
    services.lift_automatic_exclusion(supporter=cast.quinn_profile, peer=cast.dee, by=cast.cleo, reason="ok")
    assert not rules.may_pair(cast.dee, cast.quinn_profile)


def test_the_pure_rule_reads_a_former_records_exclusions_and_places():
    supporter, former, peer = (core.SUPPORTER, 1), (core.PEER, 10), (core.PEER, 20)
    facts = core.PairingFacts(
        organisation={supporter: 1, peer: 1},
        exclusions=frozenset({frozenset({former, peer})}),
        former_peer={1: 10},
    )
    assert not core.allowed(supporter, peer, facts)
    assert core.blocked([20], [1], facts) == {(20, 1)}
    facts = core.PairingFacts(
        organisation={supporter: 1, peer: 1},
        keep_away={former: frozenset({"x"}), peer: frozenset({"x"})},
        former_peer={1: 10},
    )
    assert not core.allowed(supporter, peer, facts)


def test_a_shared_place_is_found_whatever_letters_without_accents_are_typed_with(in_riverside):
    for one, other in [
        ("Łódź market", "lodz market"),
        ("Ørestad", "orestad"),
        ("Cœur de Ville", "coeur de ville"),
        ("Æbleby", "aebleby"),
        ("Đakovo", "dakovo"),
        ("Straße 9", "strasse 9"),
        ("Ho\u200btel Ritz", "hotel ritz"),  # a zero-width space pasted in
        ("Hotel\u00adRitz", "hotelritz"),  # a soft hyphen
    ]:
        assert digests(one) == digests(other), (one, other)


def test_a_lift_given_for_one_former_record_does_not_hold_once_another_record_is_linked(in_riverside):
    """Rio's link was set to the wrong record, the automatic exclusion from Amara lifted on that basis,
    then the link corrected to Rio's real former record, which went through the program with Amara."""
    from datetime import timedelta

    from django.utils import timezone

    from people.models import Assignment, AssignmentKind

    cast = in_riverside
    today = timezone.localdate()
    wrong, right = (make_peer(cast.riverside, name, cast.user("cleo")) for name in ("Wrong", "Old Rio"))
    for record in (wrong, right):
        Assignment.objects.create(
            organisation=cast.riverside,
            peer=record,
            worker=cast.pat,
            kind=AssignmentKind.PEER_SUPPORT,
            starts_on=today - timedelta(days=30),
            ends_on=today,
        )
    services.save_supporter_details(cast.rio_profile, by=cast.cleo, fields={"former_peer": wrong})
    assert not rules.may_pair(cast.amara, cast.rio_profile)
    services.lift_automatic_exclusion(supporter=cast.rio_profile, peer=cast.amara, by=cast.cleo, reason="fine")
    assert rules.may_pair(cast.amara, cast.rio_profile)
    services.save_supporter_details(cast.rio_profile, by=cast.cleo, fields={"former_peer": right})
    assert not rules.may_pair(cast.amara, cast.rio_profile)
    # Saving other details with the same link keeps the lifts given for it.
    services.lift_automatic_exclusion(supporter=cast.rio_profile, peer=cast.amara, by=cast.cleo, reason="fine")
    services.save_supporter_details(cast.rio_profile, by=cast.cleo, fields={"former_peer": right, "age_band": ""})
    assert rules.may_pair(cast.amara, cast.rio_profile)
