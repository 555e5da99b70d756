"""Erasure keeps of a concern only what the counts need (how soon, whether a report went to an
authority and which kind, the outcome, the months); everything else of safeguarding goes. The peer's
copy of their record holds all of it while it is there."""

from __future__ import annotations

import json
from datetime import timedelta

from django.utils import timezone

from contacts import services as contacts
from datarights.services import erase_peer
from datarights.tests.test_erasure_leaves_nothing import what_is_left
from organisations.tenancy import organisation_scope
from people.models import Assignment
from safeguarding import services
from safeguarding.models import (
    AggressionRecord,
    Concern,
    ConcernAction,
    ConcernRecipient,
    ConcernStep,
    SafetyFlag,
    Visit,
)

from .helpers import concern


def everything_about_amara(cast):
    c = concern(cast, urgency="today", what="Her old boss found her address.")
    services.take_concern(c, by=cast.sina)
    services.add_action(c, by=cast.sina, what="Call the housing office", due_on=timezone.localdate())
    services.record_telling(c, by=cast.sina, peer_told="no", not_told_why="Risky tonight.", peer_wishes="No police.")
    services.record_report(
        c, by=cast.sina, report="reported", authority="police", reported_on=timezone.localdate(), notes="Agreed."
    )
    services.record_outcome(c, by=cast.sina, outcome="safe_now", notes="Moved to a new place.")
    c.from_contact = contacts.log_contact(
        by=cast.pat, assignment=Assignment.objects.get(peer=cast.amara), entry=contacts.Entry("phone", 20, "check_in")
    )
    Concern.objects.filter(pk=c.pk).update(from_contact=c.from_contact)
    services.add_flag(cast.amara, by=cast.pat, kind="other", details="Not near the station.")
    services.record_aggression(cast.amara, by=cast.pat, happened_on=timezone.localdate(), description="Shouted.")
    services.check_in(cast.amara, by=cast.pat, where="14 Mill Lane", back_by=timezone.now() + timedelta(hours=1))
    return c


def test_the_peers_copy_holds_their_concerns_flags_and_visits(cast, client_for):
    with organisation_scope(cast.riverside):
        everything_about_amara(cast)
    body = client_for("cleo").get(f"/peers/{cast.amara.pk}/record.json").content.decode()
    record = json.loads(body)["safeguarding"]
    assert record["concerns"][0]["what_happened"] == "Her old boss found her address."
    assert record["concerns"][0]["your_wishes"] == "No police."
    assert record["concerns"][0]["actions"][0]["what"] == "Call the housing office"
    assert record["staff_safety_flags"][0]["details"] == "Not near the station."
    assert record["aggression_recorded"][0]["what_happened"] == "Shouted."
    assert record["visits"][0]["where"] == "14 Mill Lane"
    assert (
        "Her old boss found her address." in client_for("cleo").get(f"/peers/{cast.amara.pk}/record/").content.decode()
    )


def test_an_erased_peers_concerns_keep_only_the_counts(in_riverside):
    cast = in_riverside
    c = everything_about_amara(cast)
    erase_peer(cast.amara, by=cast.cleo)
    assert what_is_left(cast.amara) == []
    kept = Concern.objects.get(pk=c.pk)
    assert (kept.urgency, kept.report, kept.authority, kept.outcome) == ("today", "reported", "police", "safe_now")
    assert timezone.localtime(kept.raised_at).day == 1 and kept.from_contact is None and kept.raised_by is None
    for model in (ConcernRecipient, ConcernAction, ConcernStep, SafetyFlag, AggressionRecord, Visit):
        assert not model.objects.exists(), model.__name__
