"""The backup key split between trustees: any enough of the parts give it back, and a typo is caught."""

from __future__ import annotations

import io
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from resilience import shamir


@settings(max_examples=60, deadline=None)
@given(
    key=st.binary(min_size=32, max_size=32),
    shape=st.integers(min_value=1, max_value=6).flatmap(
        lambda needed: st.tuples(st.just(needed), st.integers(min_value=needed, max_value=7))
    ),
    data=st.data(),
)
def test_any_enough_parts_give_the_key_back(key, shape, data):
    needed, parts = shape
    split = shamir.split(key, needed, parts)
    chosen = data.draw(st.permutations(split)).copy()[:needed]
    assert shamir.join(chosen) == key


@settings(max_examples=40, deadline=None)
@given(secret=st.integers(min_value=0, max_value=shamir.PRIME - 1), needed=st.integers(min_value=2, max_value=5))
def test_fewer_parts_than_needed_do_not_give_the_secret(secret, needed):
    points = shamir.split_number(secret, needed, needed + 1)
    for fewer in itertools.combinations(points, needed - 1):
        assert shamir.join_numbers(list(fewer)) != secret  # (by chance: once in 2**521)


def test_two_of_three_and_the_typo_check():
    key = bytes(range(32))
    a, b, c = shamir.split(key, 2, 3)
    assert shamir.join([c, a]) == key
    with pytest.raises(shamir.BadPartError, match="More parts"):
        shamir.join([b])
    typo = a[:-6] + ("0" if a[-6] != "0" else "1") + a[-5:]
    with pytest.raises(shamir.BadPartError, match="typing mistake"):
        shamir.join([typo, b])
    with pytest.raises(shamir.BadPartError, match="twice"):
        shamir.join([a, a])


def test_the_command_splits_and_joins(settings, monkeypatch):
    from django.core.management import call_command

    from resilience.sealing import new_key

    settings.BACKUP_KEY = new_key()
    out = io.StringIO()
    call_command("backup_key", "split", "--parts", "3", "--needed", "2", stdout=out)
    parts = [line for line in out.getvalue().splitlines() if line.startswith(shamir.PREFIX)]
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{parts[2]}\n{parts[0]}\n\n"))
    joined = io.StringIO()
    call_command("backup_key", "join", stdout=joined)
    assert joined.getvalue().strip() == settings.BACKUP_KEY
