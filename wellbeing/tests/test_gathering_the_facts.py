"""The early warning's facts come from the contact log, safeguarding, absences and the supporter's own
check-ins and hard moments, for all of a supervisor's supervisees in the same few queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from absences.models import Absence
from conftest import assign, make_member, make_peer, make_supporter
from contacts.models import Contact
from organisations.models import Role
from organisations.tenancy import organisation_scope
from people.models import PeerSupporter
from safeguarding.models import AggressionRecord, Concern
from wellbeing import gather, services
from wellbeing import warning as w
from wellbeing.models import CheckIn, HardMoment

pytestmark = pytest.mark.django_db


def _contact(cast, worker, peer, *, minutes=60, kind="check_in", outside=(), days_ago=1):
    return Contact.objects.create(
        organisation=cast.riverside, peer=peer, worker=worker, how="phone", minutes=minutes, kind=kind,
        outside=list(outside), happened_at=timezone.now() - timedelta(days=days_ago),
    )  # fmt: skip


def _busy(cast, member, peer, *, n=1):
    today = timezone.localdate()
    for _ in range(n):
        _contact(cast, member, peer, minutes=300, kind="crisis", outside=["time"])
        Concern.objects.create(organisation=cast.riverside, peer=peer, raised_by=member, urgency="today")
        AggressionRecord.objects.create(organisation=cast.riverside, peer=peer, happened_on=today, description="—")
        HardMoment.objects.create(organisation=cast.riverside, member=member, words="—")
        CheckIn.objects.create(organisation=cast.riverside, member=member, score=70, suggests_talk=False)
        CheckIn.objects.create(organisation=cast.riverside, member=member, score=40, suggests_talk=True)
        Absence.objects.create(
            organisation=cast.riverside, member=member, starts_on=today - timedelta(days=200),
            ends_on=today - timedelta(days=199),
        )  # fmt: skip


def test_the_facts_of_a_busy_supporter(in_riverside):
    cast = in_riverside
    _contact(cast, cast.pat, cast.amara, minutes=30, days_ago=40)  # too long ago to count
    _busy(cast, cast.pat, cast.amara, n=2)
    Concern.objects.create(organisation=cast.riverside, peer=cast.bea, raised_by=cast.quinn, urgency="today")
    facts = gather.facts_for([cast.pat_profile], last_supervised={})[cast.pat.pk]
    assert facts.caseload == 1 and facts.capacity == 4
    assert facts.contact_minutes_4_weeks == 600 and facts.outside_agreed_4_weeks == 2 and facts.crises_4_weeks == 2
    assert facts.concerns_4_weeks == 2, "bea's concern is not on pat's caseload"
    assert facts.aggression_8_weeks == 2 and facts.hard_moments_4_weeks == 2
    assert facts.check_in_suggests_talk and facts.check_in_dropped  # 70 then 40: 30 points lower
    assert facts.last_supervised_on is None
    assert facts.last_day_off == timezone.localdate() - timedelta(days=199)
    assert not facts.only_supporter_here
    found = w.warn(facts)
    assert found.level == w.TALK
    assert {f.code for f in found.raised} == {
        w.CRISES, w.CONCERNS, w.AGGRESSION, w.HARD_MOMENTS, w.CHECK_IN, w.CHECK_IN_TREND, w.DAY_OFF,
    }  # fmt: skip


def test_supervision_comes_from_the_mapping_given(in_riverside):
    cast = in_riverside
    long_ago = timezone.localdate() - timedelta(days=60)
    facts = gather.facts_for([cast.pat_profile], last_supervised={cast.pat.pk: long_ago})[cast.pat.pk]
    assert facts.last_supervised_on == long_ago
    assert w.SUPERVISION in {f.code for f in w.warn(facts).raised}


def test_the_only_peer_supporter_here(in_harbour):
    cast = in_harbour
    facts = gather.facts_for([cast.hana_profile], last_supervised={})[cast.hana.pk]
    assert facts.only_supporter_here


def test_the_organisations_limits_are_used(in_riverside):
    cast = in_riverside
    _busy(cast, cast.pat, cast.amara)
    services.save_limits(by=cast.cleo, crises=5)
    found = gather.warnings_for([cast.pat_profile], last_supervised={})[cast.pat.pk]
    assert w.CRISES not in {f.code for f in found.raised}


def _queries(supporters) -> int:
    with CaptureQueriesContext(connection) as captured:
        gather.facts_for(supporters, last_supervised={})
    return len(captured.captured_queries)


def test_the_queries_do_not_grow_with_supervisees_or_rows(in_riverside):
    cast = in_riverside
    _busy(cast, cast.pat, cast.amara)
    one = _queries([cast.pat_profile])
    for i in range(6):
        member = make_member(cast.riverside, f"extra{i}", Role.PEER_SUPPORTER)
        make_supporter(member, supervisor=cast.sina)
        peer = make_peer(cast.riverside, f"Extra {i}", cast.user("cleo"))
        assign(peer, member)
        _busy(cast, member, peer, n=3)
    many = list(PeerSupporter.objects.filter(supervisor=cast.sina).select_related("membership"))
    assert len(many) == 7
    assert _queries(many) == one <= 9


def test_nothing_of_another_organisation_is_counted(cast):
    with organisation_scope(cast.harbour):
        _busy_harbour = Concern.objects.create(
            organisation=cast.harbour, peer=cast.zed, raised_by=cast.hana, urgency="today"
        )
        assert _busy_harbour.pk
    with organisation_scope(cast.riverside):
        facts = gather.facts_for([cast.pat_profile], last_supervised={})[cast.pat.pk]
    assert facts.concerns_4_weeks == 0


def test_time_since_supervision_comes_from_the_sessions_held(cast):
    """The supervisor's warning counts from the last supervision session held with them (a cancelled
    one does not count), read from the supervision app."""
    from supervision.choices import Status
    from supervision.models import Session, Supervisee

    def session(days_ago, status):
        held = Session.objects.create(
            organisation=cast.riverside, format="one_to_one", arranged="planned", approach="peer",
            recorded_by=cast.sina, held_on=timezone.localdate() - timedelta(days=days_ago), status=status,
        )  # fmt: skip
        Supervisee.objects.create(organisation=cast.riverside, session=held, supporter=cast.pat_profile, notes="—")

    with organisation_scope(cast.riverside):
        assert gather.last_supervised_for([cast.pat_profile]) == {}
        session(40, Status.HELD)
        session(3, Status.CANCELLED)
        last = gather.last_supervised_for([cast.pat_profile])
        found = gather.warnings_for([cast.pat_profile], last_supervised=last)[cast.pat.pk]
    assert last == {cast.pat.pk: timezone.localdate() - timedelta(days=40)}
    supervision = {f.code: f for f in found.factors}[w.SUPERVISION]
    assert supervision.recorded and supervision.value == 40
