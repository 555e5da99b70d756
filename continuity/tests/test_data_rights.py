"""The peer's copy of their record holds their endings and covers; erasure leaves none of it."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from absences import services as absences
from conftest import assign
from continuity import services
from continuity.models import ClosingConversation, Cover
from datarights.services import erase_peer, peer_record
from people.models import Assignment, AssignmentKind, ContactMethod

TODAY = timezone.localdate


def with_an_ending_and_a_cover(cast):
    """amara: a support with rio that ended (closing conversation), and pat away with quinn covering."""
    old = assign(cast.amara, cast.rio)
    Assignment.objects.filter(pk=old.pk).update(starts_on=TODAY() - timedelta(days=90))
    old.refresh_from_db()
    services.plan_ending(old, by=cast.cleo, on=TODAY(), reason="supporter_leaving")
    services.record_closing_conversation(
        old, by=cast.cleo, had_on=TODAY(), in_their_words="secret-words", if_they_come_back="secret-wish"
    )
    absence = absences.record_absence(
        member=cast.pat, by=cast.cleo, starts_on=TODAY(), ends_on=TODAY() + timedelta(days=4), kind="ill"
    )
    support = Assignment.objects.get(peer=cast.amara, worker=cast.pat)
    services.arrange_cover(absence, picks={support.pk: cast.quinn_profile}, by=cast.cleo)
    method = ContactMethod.objects.create(organisation=cast.riverside, peer=cast.amara, channel="text", is_safe=True)
    services.record_told(Cover.objects.get(), by=cast.cleo, method=method, language="en")


def test_their_copy_holds_their_endings_closing_conversations_and_covers(in_riverside):
    cast = in_riverside
    with_an_ending_and_a_cover(cast)
    record = peer_record(cast.amara)["endings_and_cover"]
    (ending,) = record["endings"]
    assert ending["why"] == "The peer supporter is leaving" and ending["with"] == str(cast.user("rio"))
    assert ending["closing_conversation"]["in_their_words"] == "secret-words"
    (cover,) = record["cover_while_their_peer_supporter_was_away"]
    assert (cover["cover"], cover["for"]) == (str(cast.user("quinn")), str(cast.user("pat")))
    assert "Quinn" in cover["what_they_were_told"] and cover["told_by_way_of"] == "Text message"


def test_erasure_leaves_no_closing_conversation_no_cover_note_and_no_reason_for_an_ending(in_riverside):
    cast = in_riverside
    with_an_ending_and_a_cover(cast)
    erase_peer(cast.amara, by=cast.cleo)
    assert not ClosingConversation.objects.exists() and not Cover.objects.exists()
    kinds = sorted(Assignment.objects.filter(peer=cast.amara).values_list("kind", "worker", "ending_reason"))
    assert kinds == [(AssignmentKind.COVER, None, ""), (AssignmentKind.PEER_SUPPORT, None, ""),
                     (AssignmentKind.PEER_SUPPORT, None, "")]  # fmt: skip
    with connection.cursor() as cursor:
        for table in ("continuity_closingconversation", "continuity_cover"):
            # Raw, past the organisation's scope: only another organisation's (zed's, in the cast) is left.
            cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE peer_id = %s", [cast.amara.pk])  # noqa: S608
            assert cursor.fetchone() == (0,)
    assert peer_record(cast.amara)["endings_and_cover"]["cover_while_their_peer_supporter_was_away"] == []
