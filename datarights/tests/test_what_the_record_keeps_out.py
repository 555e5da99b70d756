"""What a peer's copy of their record leaves out, and what erasure leaves of a moment in time."""

from datetime import datetime
from zoneinfo import ZoneInfo

from audit.log import audit
from audit.models import TRIED_FROM_ELSEWHERE, Action
from datarights.services import erase_peer, month_of, peer_record
from organisations.tenancy import all_organisations, organisation_scope


def test_a_moment_is_kept_as_the_very_start_of_its_month_in_the_organisations_time_zone(settings):
    london = ZoneInfo(settings.TIME_ZONE)
    moment = datetime(2026, 7, 19, 23, 41, 7, 123456, tzinfo=ZoneInfo("UTC"))  # 20 July 00:41 in London
    assert month_of(moment) == datetime(2026, 7, 1, 0, 0, 0, 0, tzinfo=london)


def test_an_erased_peer_keeps_no_time_of_day(cast):
    with organisation_scope(cast.riverside):
        peer = erase_peer(cast.amara, by=cast.cleo)
        peer.refresh_from_db()
    for moment in (peer.created_at, peer.erased_at):
        local = moment.astimezone(ZoneInfo("Europe/London"))
        assert (local.day, local.hour, local.minute, local.second, local.microsecond) == (1, 0, 0, 0, 0)


def test_the_copy_lists_who_opened_it_here_not_another_organisations_entries_nor_probes_from_outside(cast):
    with all_organisations():
        # A Harbour record that happens to have the same number, and Harbour's coordinator probing ours.
        audit(cast.user("hugo"), Action.VIEW, organisation=cast.harbour, record_type="peer", record_id=cast.amara.pk)
    with organisation_scope(cast.riverside):
        audit(cast.user("pat"), Action.VIEW, cast.amara)
        audit(
            cast.user("hugo"),
            Action.DENIED,
            organisation=cast.riverside,
            record_type="peer",
            record_id=cast.amara.pk,
            reason=TRIED_FROM_ELSEWHERE,
        )
        record = peer_record(cast.amara)
    assert [entry["who"] for entry in record["who_opened_the_record"]] == ["Pat"]
