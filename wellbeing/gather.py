"""The early warning's facts for many peer supporters at once, in a bounded number of queries
(whatever the number of supporters, peers, contacts or check-ins), for ``warning.warn``.

Time since supervision comes from the supervision app (``last_supervised_for``, one query); the
callers pass it in as ``last_supervised``, so the facts can be built without it in tests.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

from django.db.models import Count, Max, Q, Sum
from django.utils import timezone

from absences.models import Absence
from contacts.models import Contact
from people.choices import SupporterStage
from people.models import Assignment, AssignmentKind, PeerSupporter
from safeguarding.models import AggressionRecord, Concern
from supervision.services import last_supervised_on

from . import warning
from .models import CheckIn, HardMoment, WarningSettings

CHECK_INS_LOOKED_AT = timedelta(days=120)  # the last two check-ins within this are compared


def last_supervised_for(supporters: Iterable[PeerSupporter]) -> dict[int, date]:
    """When each was last supervised (membership id → day), from the supervision app: one query."""
    return last_supervised_on([s.membership for s in supporters])


def limits_for(organisation_id: int) -> warning.Limits:
    """The organisation's limits, or the defaults when it has set none. One query."""
    row = WarningSettings.objects.filter(organisation_id=organisation_id).first()
    if row is None:
        return warning.Limits()
    return warning.Limits(**{name: getattr(row, name) for name in WarningSettings.LIMIT_FIELDS})


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def facts_for(
    supporters: Iterable[PeerSupporter],
    *,
    last_supervised: Mapping[int, date],
    limits: warning.Limits | None = None,
    today: date | None = None,
) -> dict[int, warning.Facts]:
    """The facts of each supporter, keyed by their membership id. Eight queries for any number."""
    supporters = list(supporters)
    if not supporters:
        return {}
    today = today or timezone.localdate()
    limits = limits or warning.Limits()
    members = [s.membership_id for s in supporters]
    organisation_id = supporters[0].organisation_id
    four_weeks, eight_weeks = today - timedelta(weeks=4), today - timedelta(weeks=8)

    caseload: dict[int, set[int]] = defaultdict(set)
    for worker_id, peer_id in (
        Assignment.objects.current(today)
        .filter(worker_id__in=members, kind=AssignmentKind.PEER_SUPPORT)
        .values_list("worker_id", "peer_id")
    ):
        caseload[worker_id].add(peer_id)
    caseload_peers = set().union(*caseload.values()) if caseload else set()

    contacts = {
        row["worker_id"]: row
        for row in Contact.objects.filter(worker_id__in=members, happened_at__gte=_start_of(four_weeks))
        .values("worker_id")
        .annotate(
            minutes=Sum("minutes"),
            outside=Count("pk", filter=~Q(outside=[])),
            crises=Count("pk", filter=Q(kind="crisis")),
        )
    }

    concerns_on: dict[int, int] = defaultdict(int)
    for peer_id in Concern.objects.filter(peer_id__in=caseload_peers, raised_at__gte=_start_of(four_weeks)).values_list(
        "peer_id", flat=True
    ):
        concerns_on[peer_id] += 1

    aggression: dict[int, set[int]] = defaultdict(set)
    workers_of: dict[int, set[int]] = defaultdict(set)
    for worker_id, peers in caseload.items():
        for peer_id in peers:
            workers_of[peer_id].add(worker_id)
    for pk, peer_id, recorded_by in AggressionRecord.objects.filter(
        Q(peer_id__in=caseload_peers) | Q(recorded_by_id__in=members), happened_on__gte=eight_weeks
    ).values_list("pk", "peer_id", "recorded_by_id"):
        for member in workers_of[peer_id] | ({recorded_by} & set(members)):
            aggression[member].add(pk)

    hard = dict(
        HardMoment.objects.filter(member_id__in=members, counts=True, happened_on__gte=four_weeks)
        .values("member_id")
        .annotate(n=Count("pk"))
        .values_list("member_id", "n")
    )

    check_ins: dict[int, list[CheckIn]] = defaultdict(list)
    for check_in in (
        CheckIn.objects.filter(member_id__in=members, filed_at__gte=_start_of(today - CHECK_INS_LOOKED_AT))
        .only("member_id", "filed_at", "suggests_talk", "score")
        .order_by("member_id", "-filed_at", "-pk")
    ):
        if len(check_ins[check_in.member_id]) < 2:
            check_ins[check_in.member_id].append(check_in)

    days_off = dict(
        Absence.objects.filter(member_id__in=members, starts_on__lte=today)
        .values("member_id")
        .annotate(last=Max("ends_on"))
        .values_list("member_id", "last")
    )

    supporting_here = PeerSupporter.objects.filter(organisation_id=organisation_id, stage=SupporterStage.ACTIVE).count()

    facts = {}
    for supporter in supporters:
        member = supporter.membership_id
        row = contacts.get(member, {})
        latest = check_ins[member][:1]
        dropped = False
        if len(check_ins[member]) == 2:
            now_score, before = check_ins[member][0].score, check_ins[member][1].score
            dropped = now_score is not None and before is not None and before - now_score >= limits.check_in_drop
        last_off = days_off.get(member)
        facts[member] = warning.Facts(
            today=today,
            caseload=len(caseload[member]),
            capacity=supporter.capacity,
            contact_minutes_4_weeks=row.get("minutes") or 0,
            outside_agreed_4_weeks=row.get("outside") or 0,
            crises_4_weeks=row.get("crises") or 0,
            concerns_4_weeks=sum(concerns_on[peer] for peer in caseload[member]),
            aggression_8_weeks=len(aggression[member]),
            group_sessions_a_week=None,  # no groups app yet
            hard_moments_4_weeks=hard.get(member, 0),
            last_check_in_on=timezone.localtime(latest[0].filed_at).date() if latest else None,
            check_in_suggests_talk=bool(latest and latest[0].suggests_talk),
            check_in_dropped=dropped,
            last_supervised_on=last_supervised.get(member),
            last_day_off=min(last_off, today) if last_off else None,
            working_since=supporter.started_on,
            only_supporter_here=supporter.stage == SupporterStage.ACTIVE and supporting_here == 1,
        )
    return facts


def warnings_for(
    supporters: Iterable[PeerSupporter], *, last_supervised: Mapping[int, date], today: date | None = None
) -> dict[int, warning.Warning]:
    """The warning of each supporter (by membership id), under their organisation's limits."""
    supporters = list(supporters)
    if not supporters:
        return {}
    limits = limits_for(supporters[0].organisation_id)
    facts = facts_for(supporters, last_supervised=last_supervised, limits=limits, today=today)
    return {member: warning.warn(f, limits) for member, f in facts.items()}
