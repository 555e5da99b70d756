"""Retention: each kind of record goes when the organisation's period is over, and nothing before."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Invitation
from audit.models import AuditEvent
from contacts.models import Contact
from continuity.models import ClosingConversation, Cover
from intake.models import IntakeConversation
from organisations.tenancy import all_organisations, organisation_scope
from people.models import Assignment
from referrals.models import PartnerLink, Referral
from resilience import retention
from resilience.models import DEFAULT_DAYS
from safeguarding.models import Concern, ConcernAction

DAY = timedelta(days=1)


@pytest.fixture
def harbour(cast_with_support_rows):
    with organisation_scope(cast_with_support_rows.harbour):
        yield cast_with_support_rows


def _ago(days: int):
    return timezone.now() - timedelta(days=days)


def _counted(org) -> dict[str, str]:
    with all_organisations():
        return {
            e.record_id: e.reason
            for e in AuditEvent.objects.filter(organisation_id=org.pk, record_type="retention", actor=None)
        }


def test_a_private_note_goes_two_years_after_the_contact_and_not_a_day_before(harbour):
    kept = Contact.objects.get(peer=harbour.peers["yara"])
    old = Contact.objects.create(
        organisation=harbour.harbour, peer=kept.peer, assignment=kept.assignment, worker=kept.worker, how="phone",
        minutes=10, kind="check_in", happened_at=_ago(DEFAULT_DAYS["private_notes"] + 1), note="Long ago.",
    )  # fmt: skip
    Contact.objects.filter(pk=kept.pk).update(happened_at=_ago(DEFAULT_DAYS["private_notes"] - 1))

    assert retention.remove_what_is_due(harbour.harbour)["private_notes"] == 1

    assert Contact.objects.get(pk=old.pk).note == ""
    assert Contact.objects.get(pk=old.pk).minutes == 10  # the contact stays, counted
    assert Contact.objects.get(pk=kept.pk).note == "—"
    assert _counted(harbour.harbour)["private_notes"] == "1 past the retention period"


def test_a_closed_concern_keeps_its_codes_and_loses_its_words_after_six_years(harbour):
    recent = Concern.objects.get(peer=harbour.peers["zed"])  # closed just now
    old = Concern.objects.create(
        organisation=harbour.harbour, peer=recent.peer, raised_by=recent.raised_by, urgency="when_you_can",
        what_happened="Years ago.", peer_wishes="Their wish.", outcome="safe_now",
        closed_at=_ago(DEFAULT_DAYS["closed_concerns"] + 1),
    )  # fmt: skip
    ConcernAction.objects.create(
        organisation=harbour.harbour, concern=old, what="Call.", due_on=timezone.localdate(), added_by=recent.raised_by
    )
    still_open = Concern.objects.create(
        organisation=harbour.harbour, peer=recent.peer, raised_by=recent.raised_by, urgency="when_you_can",
        what_happened="Still open.", raised_at=_ago(5000),
    )  # fmt: skip

    assert retention.remove_what_is_due(harbour.harbour)["closed_concerns"] == 1

    old.refresh_from_db()
    assert (old.what_happened, old.peer_wishes, old.outcome) == ("", "", "safe_now")
    assert ConcernAction.objects.get(concern=old).what == ""
    assert Concern.objects.get(pk=recent.pk).what_happened == "—"
    assert Concern.objects.get(pk=still_open.pk).what_happened == "Still open."


def test_links_and_invitations_go_a_month_after_they_stopped_working(harbour):
    referral = Referral.objects.get(peer=harbour.peers["zed"])
    late = DEFAULT_DAYS["expired_links"] + 1
    used = PartnerLink.objects.create(
        organisation=harbour.harbour, referral=referral, token_hash="a" * 64, expires_at=_ago(-5), used_at=_ago(late)
    )
    expired = PartnerLink.objects.create(
        organisation=harbour.harbour, referral=referral, token_hash="b" * 64, expires_at=_ago(late)
    )
    recently = PartnerLink.objects.create(
        organisation=harbour.harbour, referral=referral, token_hash="c" * 64, expires_at=_ago(3)
    )
    open_link = PartnerLink.objects.create(
        organisation=harbour.harbour, referral=referral, token_hash="d" * 64, expires_at=_ago(-14)
    )
    hugo = harbour.user("hugo")
    old_invitation = Invitation.objects.create(
        organisation=harbour.harbour, email="x@h.test", role="staff", token_hash="e" * 64, invited_by=hugo,
        expires_at=_ago(late),
    )  # fmt: skip
    waiting = Invitation.objects.create(
        organisation=harbour.harbour, email="y@h.test", role="staff", token_hash="f" * 64, invited_by=hugo
    )

    assert retention.remove_what_is_due(harbour.harbour)["expired_links"] == 3

    left = set(PartnerLink.objects.values_list("pk", flat=True))
    assert used.pk not in left and expired.pk not in left and {recently.pk, open_link.pk} <= left
    assert not Invitation.objects.filter(pk=old_invitation.pk).exists()
    assert Invitation.objects.filter(pk=waiting.pk).exists()


def test_what_was_said_at_a_replaced_intake_goes_a_year_after_it_was_replaced(cast):
    amara = cast.peers["amara"]
    with organisation_scope(cast.riverside):
        first = IntakeConversation.objects.get(peer=amara)
        IntakeConversation.objects.filter(pk=first.pk).update(
            superseded_at=_ago(DEFAULT_DAYS["raw_story"] + 1), places_to_avoid="The market.", safe_to_come="yes"
        )
        second = IntakeConversation.objects.create(
            organisation=cast.riverside, peer=amara, safety_notes="Newer.", superseded_at=_ago(30)
        )
        current = IntakeConversation.objects.create(organisation=cast.riverside, peer=amara, safety_notes="Now.")

        assert retention.remove_what_is_due(cast.riverside)["raw_story"] == 1

        first.refresh_from_db()
        assert (first.safety_notes, first.places_to_avoid, first.safe_to_come) == ("", "", "yes")
        assert IntakeConversation.objects.get(pk=second.pk).safety_notes == "Newer."
        assert IntakeConversation.objects.get(pk=current.pk).safety_notes == "Now."


def test_what_was_said_when_a_support_ended_goes_a_year_after_it_ended(harbour):
    yara = harbour.peers["yara"]
    ended = ClosingConversation.objects.get(peer=yara).assignment  # ended 400 days ago
    Assignment.objects.filter(pk=ended.pk).update(reason="Moved away.")
    recent = Assignment.objects.create(
        organisation=harbour.harbour, peer=yara, worker=harbour.members["hana"], kind="peer_support",
        starts_on=timezone.localdate() - 300 * DAY, ends_on=timezone.localdate() - 200 * DAY, reason="Recent.",
        created_by=harbour.user("hugo"),
    )  # fmt: skip
    ClosingConversation.objects.create(
        organisation=harbour.harbour, peer=yara, assignment=recent, in_their_words="Thank you."
    )

    assert retention.remove_what_is_due(harbour.harbour)["ended_matches"] == 3  # words, cover message, reason

    assert ClosingConversation.objects.get(assignment=ended).in_their_words == ""
    assert Cover.objects.get(peer=yara).message == ""
    assert Assignment.objects.get(pk=ended.pk).reason == ""
    assert ClosingConversation.objects.get(assignment=recent).in_their_words == "Thank you."
    assert Assignment.objects.get(pk=recent.pk).reason == "Recent."
    assert Assignment.objects.get(peer=harbour.peers["zed"]).ends_on is None  # a current one is untouched


def test_the_organisation_sets_its_own_periods_and_another_organisation_is_untouched(cast_with_support_rows):
    c = cast_with_support_rows
    with organisation_scope(c.harbour):
        Contact.objects.filter(peer=c.peers["yara"]).update(happened_at=_ago(40))
        retention.set_periods(c.harbour, by=c.members["hugo"], private_notes=30)
    with organisation_scope(c.riverside):
        assert sum(retention.remove_what_is_due(c.riverside).values()) == 0
    with organisation_scope(c.harbour):
        assert Contact.objects.get(peer=c.peers["yara"]).note == "—"  # Riverside's run reached nothing of Harbour's
        retention.retention_task.enqueue(c.harbour.pk)  # the scheduled task (immediate in tests)
        assert Contact.objects.get(peer=c.peers["yara"]).note == ""
    assert _counted(c.riverside) == {}


def test_the_audit_says_how_many_never_which_or_what(harbour):
    Contact.objects.filter(peer=harbour.peers["yara"]).update(happened_at=_ago(DEFAULT_DAYS["private_notes"] + 1))
    retention.remove_what_is_due(harbour.harbour)
    with all_organisations():
        events = list(AuditEvent.objects.filter(record_type="retention"))
    assert {e.record_id for e in events} == {"private_notes", "ended_matches"}  # yara's ended support is due too
    for event in events:  # a kind and a number: no record, no words, nobody
        assert event.actor_id is None and re.fullmatch(r"\d+ past the retention period", event.reason)
