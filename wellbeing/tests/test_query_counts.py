"""Every wellbeing list asks the same number of questions whatever its rows."""

from __future__ import annotations

import pytest
from django.utils import timezone

from conftest import make_member, make_supporter, queries_asked
from organisations.models import Role
from organisations.tenancy import all_organisations
from wellbeing.models import CheckIn, DirectoryEntry, HardMoment

pytestmark = pytest.mark.django_db


def _grow(cast, start, stop):
    with all_organisations():
        for i in range(start, stop):
            CheckIn.objects.create(organisation=cast.riverside, member=cast.pat, score=60, share_with="supervisor")
            CheckIn.objects.create(
                organisation=cast.riverside, member=cast.rio, score=40, share_with="coach", coach=cast.pat
            )
            HardMoment.objects.create(organisation=cast.riverside, member=cast.pat, happened_on=timezone.localdate())
            member = make_member(cast.harbour if i % 2 else cast.riverside, f"listed{i}", Role.PEER_SUPPORTER)
            make_supporter(member)
            DirectoryEntry.objects.create(organisation=member.organisation, member=member, glad_to_talk_about="—")


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("pat", lambda cast: "/wellbeing/"),
        ("pat", lambda cast: "/wellbeing/shared-with-me/"),
        ("pat", lambda cast: "/wellbeing/directory/"),
        ("sina", lambda cast: f"/supporters/{cast.pat_profile.pk}/wellbeing/"),
    ],
)
def test_queries_do_not_grow_with_the_rows(cast, client_for, who, url):
    client = client_for(who)
    url = url(cast)
    _grow(cast, 0, 3)
    few, _ = queries_asked(client, url)
    _grow(cast, 3, 12)
    many, _ = queries_asked(client, url)
    print(f"\n{url}: {few} queries, then {many}")
    assert few == many
