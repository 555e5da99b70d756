"""Which values can be a record's id, and that the holder hears of each person who tried."""

import pytest

from access.lookups import LARGEST_ID, record_id_or_none
from audit.models import TRIED_FROM_ELSEWHERE, Action, AuditEvent
from conftest import make_member


@pytest.mark.parametrize(
    ("value", "expected"),
    [("12", 12), (1, 1), (LARGEST_ID, LARGEST_ID), (0, None), (-3, None), (LARGEST_ID + 1, None), ("abc", None)],
)
def test_only_a_whole_number_from_one_to_the_largest_bigint_is_an_id(value, expected):
    assert record_id_or_none(value) == expected


def test_the_holder_hears_of_each_person_who_tried_even_when_another_tried_the_same_record(cast, client_for):
    cast.members["hal"] = make_member(cast.harbour, "hal", "coordinator")
    for name in ("hugo", "hal"):
        assert client_for(name).get(f"/peers/{cast.amara.pk}/").status_code == 404
    copies = AuditEvent.objects.filter(organisation=cast.riverside, action=Action.DENIED, reason=TRIED_FROM_ELSEWHERE)
    assert sorted(copies.values_list("actor__display_name", flat=True)) == ["Hal", "Hugo"]
