"""Endings and cover on a peer's record ask the same questions however many there are."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from conftest import queries_asked
from continuity.models import ClosingConversation, Cover
from organisations.tenancy import organisation_scope
from people.models import Assignment, AssignmentKind


def past_supports_and_covers(cast, start: int, stop: int) -> None:
    today = timezone.localdate()
    support = Assignment.objects.get(peer=cast.amara, worker=cast.pat)
    for n in range(start, stop):
        began = today - timedelta(days=400 - n * 10)
        ended = Assignment.objects.create(
            organisation=cast.riverside, peer=cast.amara, worker=cast.rio, kind=AssignmentKind.PEER_SUPPORT,
            starts_on=began, ends_on=began + timedelta(days=5), ending_reason="moving_on",
        )  # fmt: skip
        ClosingConversation.objects.create(
            organisation=cast.riverside, peer=cast.amara, assignment=ended, had_on=ended.ends_on,
            in_their_words=f"Words {n}",
        )  # fmt: skip
        cover = Assignment.objects.create(
            organisation=cast.riverside, peer=cast.amara, worker=cast.quinn, kind=AssignmentKind.COVER,
            starts_on=today + timedelta(days=n), ends_on=today + timedelta(days=n + 1),
        )  # fmt: skip
        Cover.objects.create(organisation=cast.riverside, peer=cast.amara, assignment=cover, covers=support)


def test_the_record_asks_as_many_questions_for_many_endings_and_covers_as_for_few(cast, client_for):
    client = client_for("cleo")
    url = f"/peers/{cast.amara.pk}/"
    with organisation_scope(cast.riverside):
        past_supports_and_covers(cast, 0, 2)
    at_n, _ = queries_asked(client, url)
    with organisation_scope(cast.riverside):
        past_supports_and_covers(cast, 2, 6)
    at_3n, body = queries_asked(client, url)
    assert "Words 5" in body and body.count("covers from") == 6
    assert at_n == at_3n, f"{at_n} -> {at_3n}"
