"""The suggestions' cheap loaders give the same answers as reading everything, and the pages stay cheap.

``profiles.offers_for`` opens a supporter's encrypted lived experience and culture only when the fit
will weigh them; the ranking must be the one the full loader (``supporter_offers``, every field of
every supporter opened) gives, and ``core.hard_reason``, which decides, must read nothing encrypted.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from competence.testing import allow_alone
from conftest import make_member, make_supporter, queries_asked
from matching import core, profiles, services
from matching.candidates import candidates, parse_each
from matching.models import SupporterDetails
from matching.rules import blocked_pairs
from matching.tests.test_core import offer_st, wish_st
from organisations.models import Role
from organisations.tenancy import all_organisations, organisation_scope
from people.models import Peer, PeerSupporter

cultures = st.sampled_from(["", "West African", "someone from Romania", "Eritrean community"])


@settings(max_examples=300)
@given(wish_st, offer_st, st.frozensets(st.sampled_from(["trafficking", "mental_health"])), cultures)
def test_the_hard_reasons_read_nothing_encrypted(peer, supporter, lived, culture):
    opened = replace(supporter, lived_experience=lived, culture=culture)
    sealed = replace(supporter, lived_experience=frozenset(), culture="")
    assert core.hard_reason(peer, opened) == core.hard_reason(peer, sealed)


@given(st.lists(st.one_of(st.none(), st.lists(st.text(max_size=3), max_size=3)), max_size=5))
def test_json_columns_parsed_in_one_go_are_parsed_as_one_by_one(values):
    import json

    texts = [None if v is None else json.dumps(v) for v in values]
    assert parse_each(texts) == values


def _ready(cast, n: int):
    """n more supporters, of every kind the ranking tells apart: full, not allowed alone, other languages..."""
    made = []
    for i in range(n):
        member = make_member(cast.riverside, f"cand{PeerSupporter.objects.count()}", Role.PEER_SUPPORTER)
        supporter = make_supporter(member, capacity=i % 3)
        PeerSupporter.objects.filter(pk=supporter.pk).update(
            stage="active" if i % 4 else "recruited",
            languages=[["en"], ["ro"], ["en", "fr"]][i % 3],
            lived_experience=[["trafficking"], ["mental_health"], []][i % 3],
            gender=["woman", "man", ""][i % 3],
        )
        SupporterDetails.objects.create(
            organisation=cast.riverside,
            supporter=supporter,
            culture=["West African", "", "Romanian"][i % 3],
            availability=["mon_morning", "tue_evening"][: i % 3],
            support_modes=["online"] if i % 2 else [],
        )
        allow_alone(supporter, bool(i % 2))
        made.append(supporter)
    return made


@pytest.mark.parametrize("culture", ["", "someone who knows West African culture"])
def test_the_ranking_from_the_cheap_loader_is_the_ranking_from_everything_opened(in_riverside, culture):
    cast = in_riverside
    _ready(cast, 12)
    services.record_exclusion(first=cast.dee, second=cast.quinn_profile, by=cast.cleo, reason="not_said")
    Peer.objects.filter(pk=cast.dee.pk).update(languages=["en"], supporter_culture=culture, primary_need="trauma")
    dee = Peer.objects.get(pk=cast.dee.pk)
    wish = profiles.peer_wish(dee)
    settings_ = profiles.settings_for(cast.riverside)

    found = candidates(cast.riverside)
    blocked = {s for _p, s in blocked_pairs([dee], found)}
    cheap = profiles.offers_for(wish, found, blocked)

    everyone = list(profiles.candidate_supporters(cast.riverside))
    assert [s.pk for s in everyone] == [c.pk for c in found]
    assert {s for _p, s in blocked_pairs([dee], everyone)} == blocked == {cast.quinn_profile.pk}
    full = profiles.supporter_offers(everyone, with_culture=True)

    assert core.rank(wish, cheap, blocked, settings_.good_enough, settings_.weights) == core.rank(
        wish, full, blocked, settings_.good_enough, settings_.weights
    )
    # Every offer the fit weighs is the full one; the others differ at most in what stayed sealed.
    for c, f in zip(cheap, full, strict=True):
        if f.supporter_id not in blocked and core.hard_reason(wish, f) is None:
            assert c == (f if culture else replace(f, culture=""))
        else:
            assert c == replace(f, lived_experience=frozenset(), culture="")


def test_only_the_supporters_whose_fit_is_weighed_are_decrypted(in_riverside, monkeypatch):
    cast = in_riverside
    _ready(cast, 12)
    Peer.objects.filter(pk=cast.dee.pk).update(languages=["en"], supporter_culture="West African")
    opened = []
    real = profiles._opened
    monkeypatch.setattr(profiles, "_opened", lambda *a: opened.append(a[1]) or real(*a))
    found = services.suggest_for(Peer.objects.get(pk=cast.dee.pk))
    weighed = len(found.suggested) + sum(o.reason == core.LeftOut.BELOW_GOOD_ENOUGH for o in found.left_out)
    assert opened.count("lived_experience") == weighed < len(found.suggested) + len(found.left_out)


N = 4


def _grow_supporters(cast, start, stop):
    with organisation_scope(cast.riverside):
        for supporter in _ready(cast, stop - start):
            services.add_keep_away(supporter, kind="area", words=f"Place {supporter.pk}", by=cast.cleo)
            services.record_exclusion(first=cast.bea, second=supporter, by=cast.cleo, reason="not_said")


PAGES = [
    # One more than before levels: who may work one-to-one alone (competence.services.facts_for).
    pytest.param(lambda cast: f"/peers/{cast.dee.pk}/suggestions/", 14, id="suggestions"),  # 15 beside a former peer
    pytest.param(lambda cast: f"/peers/{cast.dee.pk}/suggestions/?staff=1", 14, id="suggestions, trying staff"),
    pytest.param(lambda cast: f"/peers/{cast.dee.pk}/offers/", 6, id="a peer's offers"),
]


@pytest.mark.parametrize(("url", "ceiling"), PAGES)
def test_the_matching_pages_ask_the_same_few_questions_for_three_times_the_supporters(
    request, cast, client_for, url, ceiling
):
    client = client_for("cleo")
    url = url(cast)
    with all_organisations():
        _grow_supporters(cast, 0, N)
    at_n, _ = queries_asked(client, url)
    with all_organisations():
        _grow_supporters(cast, N, 3 * N)
    at_3n, body = queries_asked(client, url)
    print(f"\n{request.node.callspec.id}: {url} {at_n} queries with {N} more supporters, {at_3n} with {3 * N}")
    assert body.count(">Cand") >= 3 * N, "the page did not show the supporters it was measured with"
    assert at_n == at_3n, f"{url} asks more questions as supporters grow: {at_n} -> {at_3n}"
    assert at_3n <= ceiling, f"{url} now asks {at_3n} questions; it asked {ceiling}"
