"""The only code that changes supervision, and the questions other apps ask of it.

For the wellbeing early warning: ``last_supervised_on(memberships)`` (membership pk -> the day of the
last session held; one query). For the dashboards: ``overdue_supervisees(organisation)``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from access.policy import Do, can, visible_peers
from audit.log import audit
from audit.models import Action
from organisations.models import Membership, Organisation
from people.choices import SupporterStage
from people.models import Assignment, Peer, PeerSupporter

from . import schedule
from .choices import Format, Status, Topic
from .models import CaseloadNote, Frequency, Session, Supervisee

# Stages in which someone is due supervision (shadowing counts: they are already with peers).
SUPERVISED_STAGES = (SupporterStage.SHADOWING, SupporterStage.ACTIVE)


class SupervisionError(Exception):
    """Not this member's to record, or a line about a peer they do not see."""


@dataclass(frozen=True)
class Facts:
    """When and how a session was held (no words about anyone)."""

    format: str
    arranged: str
    approach: str
    held_on: date
    minutes: int
    status: str = Status.HELD
    external_supervisor: str = ""


@dataclass(frozen=True)
class WhatWasSaid:
    """About one supervisee: the notes, the topics (codes) and a line per peer of their caseload."""

    notes: str = ""
    topics: tuple[str, ...] = ()
    caseload: dict[int, str] = field(default_factory=dict)


# --- The caseload walked through. -----------------------------------------------------------------


def caseload_of(supporter: PeerSupporter, viewer: Membership | None) -> QuerySet[Peer]:
    """The supporter's current peers that ``viewer`` sees (``visible_peers``): never more than the
    peer's record would show them."""
    current = Assignment.objects.current().filter(worker_id=supporter.membership_id).values("peer_id")
    return visible_peers(viewer).filter(pk__in=current).order_by("chosen_name", "pk")


# --- Recording. -----------------------------------------------------------------------------------


def _check_recorder(by: Membership, supporters: Iterable[PeerSupporter]) -> None:
    if not can(by, Do.RECORD_SUPERVISION):
        raise SupervisionError("Only a supervisor records supervision.")
    for supporter in supporters:
        if supporter.supervisor_id != by.pk or supporter.organisation_id != by.organisation_id:
            raise SupervisionError("Only their own supervisor records a supporter's supervision.")


def _write_said(row: Supervisee, said: WhatWasSaid, by: Membership) -> None:
    allowed = set(caseload_of(row.supporter, by).values_list("pk", flat=True))
    if set(said.caseload) - allowed:
        raise SupervisionError("A line about a peer this supervisor does not see.")
    row.notes = said.notes
    row.topics = [code for code in Topic.values if code in said.topics]
    row.save()
    # Lines about peers no longer seen stay as they were written (and are shown to nobody who does not see them).
    existing = {note.peer_id: note for note in CaseloadNote.objects.filter(supervisee=row)}
    for peer_id, words in said.caseload.items():
        words = words.strip()
        note = existing.get(peer_id)
        if note is None and words:
            CaseloadNote.objects.create(
                organisation_id=row.organisation_id, supervisee=row, peer_id=peer_id, note=words
            )
        elif note is not None and not words:
            note.delete()
        elif note is not None and note.note != words:
            note.note = words
            note.save()


def _apply_facts(session: Session, facts: Facts, by: Membership) -> None:
    session.format, session.arranged, session.approach = facts.format, facts.arranged, facts.approach
    session.held_on, session.minutes, session.status = facts.held_on, facts.minutes, facts.status
    session.external_supervisor = facts.external_supervisor.strip()
    # An external supervisor is named; the member who records it is kept. Otherwise it is this member's.
    session.supervisor = None if session.external_supervisor else by


@transaction.atomic
def record_session(
    *, by: Membership, supporters: list[PeerSupporter], facts: Facts, said: dict[int, WhatWasSaid]
) -> Session:
    """A new session with these supervisees (one, or several for a group), and what was said of each."""
    if not supporters:
        raise SupervisionError("A session has someone in it.")
    _check_recorder(by, supporters)
    if len(supporters) > 1 and facts.format != Format.GROUP:
        raise SupervisionError("A one-to-one session has one supervisee.")
    session = Session(organisation_id=by.organisation_id, recorded_by=by)
    _apply_facts(session, facts, by)
    session.save()
    for supporter in supporters:
        row = Supervisee.objects.create(organisation_id=by.organisation_id, session=session, supporter=supporter)
        row.supporter = supporter
        _write_said(row, said.get(supporter.pk, WhatWasSaid()), by)
    audit(by.user, Action.CREATE, session)
    return session


@transaction.atomic
def update_session(row: Supervisee, *, by: Membership, facts: Facts, said: WhatWasSaid) -> Session:
    """Change a session (held after all, cancelled, its length) and what was said of this supervisee."""
    _check_recorder(by, [row.supporter])
    session = Session.objects.select_for_update().get(pk=row.session_id)
    if session.format == Format.GROUP:
        facts = Facts(**{**facts.__dict__, "format": Format.GROUP})
    _apply_facts(session, facts, by)
    session.save()
    _write_said(row, said, by)
    audit(by.user, Action.UPDATE, session)
    return session


@transaction.atomic
def add_reflection(row: Supervisee, *, by: Membership, words: str) -> None:
    """The supervisee's own reflection on a session they had (only theirs to write)."""
    if not can(by, Do.REFLECT_ON_SUPERVISION) or row.supporter.membership_id != by.pk:
        raise SupervisionError("Only the supervisee adds their own reflection.")
    Supervisee.objects.filter(pk=row.pk).update(reflection=words.strip())
    audit(by.user, Action.UPDATE, row.session)


# --- How often. -----------------------------------------------------------------------------------


def _schedule_of(row: Frequency | None) -> schedule.Schedule:
    if row is None:
        return schedule.DEFAULT
    return schedule.Schedule(row.first_every, row.first_weeks, row.then_every, row.then_weeks, row.after_every)


def schedules_for(organisation_id: int, supporters: Iterable[PeerSupporter]) -> dict[int, schedule.Schedule]:
    """Each supporter's schedule: their own, or the organisation's default (one query)."""
    ids = [s.pk for s in supporters]
    rows = list(
        Frequency.objects.filter(Q(supporter__isnull=True) | Q(supporter_id__in=ids), organisation_id=organisation_id)
    )
    default = _schedule_of(next((r for r in rows if r.supporter_id is None), None))
    own = {r.supporter_id: _schedule_of(r) for r in rows if r.supporter_id is not None}
    return {pk: own.get(pk, default) for pk in ids}


def frequency_row(organisation: Organisation, supporter: PeerSupporter | None) -> Frequency | None:
    return Frequency.objects.filter(organisation=organisation, supporter=supporter).first()


@transaction.atomic
def set_frequency(
    *, organisation: Organisation, supporter: PeerSupporter | None, by: Membership, plan: schedule.Schedule, reason: str
) -> Frequency:
    """The organisation's default (``supporter`` None, ``Do.MANAGE_SUPERVISION``) or one supervisee's
    schedule, with why it changed (``Do.SET_SUPERVISION_FREQUENCY``)."""
    needs = Do.MANAGE_SUPERVISION if supporter is None else Do.SET_SUPERVISION_FREQUENCY
    if not can(by, needs) or by.organisation_id != organisation.pk:
        raise SupervisionError("Not yours to change.")
    row, _created = Frequency.objects.update_or_create(
        organisation=organisation,
        supporter=supporter,
        defaults={**plan.__dict__, "reason": reason.strip(), "set_by": by.user},
    )
    audit(by.user, Action.UPDATE, supporter if supporter is not None else row)
    return row


# --- Due and overdue. -----------------------------------------------------------------------------


def last_supervised_on(memberships: Iterable[Membership]) -> dict[int, date]:
    """Membership pk -> the day of their last supervision session held (one query; none: absent)."""
    ids = [m.pk for m in memberships]
    if not ids:
        return {}
    rows = (
        Supervisee.objects.filter(supporter__membership_id__in=ids, session__status=Status.HELD)
        .values("supporter__membership_id")
        .annotate(last=Max("session__held_on"))
        .values_list("supporter__membership_id", "last")
    )
    return dict(rows)


@dataclass(frozen=True)
class Due:
    supporter: PeerSupporter
    last_held: date | None
    due_on: date
    days_overdue: int

    @property
    def is_overdue(self) -> bool:
        return self.days_overdue > 0


def _started_on(supporter: PeerSupporter) -> date:
    if supporter.started_on is not None:
        return supporter.started_on
    return timezone.localdate(supporter.membership.created_at)


def due_for(supporters: list[PeerSupporter], today: date | None = None) -> list[Due]:
    """When each supporter (loaded with their membership, or annotated with ``last_held`` as
    ``supervised_supporters`` does) is next due supervision: two queries (one when annotated)."""
    if not supporters:
        return []
    today = today or timezone.localdate()
    plans = schedules_for(supporters[0].organisation_id, supporters)
    annotated = all(hasattr(s, "last_held") for s in supporters)
    last = {} if annotated else last_supervised_on([s.membership for s in supporters])
    found = []
    for supporter in supporters:
        held = supporter.last_held if annotated else last.get(supporter.membership_id)  # type: ignore[attr-defined]
        due = schedule.next_due(plans[supporter.pk], _started_on(supporter), held)
        found.append(Due(supporter, held, due, schedule.days_overdue(due, today)))
    return found


def supervised_supporters(organisation: Organisation | int, supervisor: Membership | None = None):
    organisation_id = organisation.pk if isinstance(organisation, Organisation) else organisation
    supporters = PeerSupporter.objects.filter(
        organisation_id=organisation_id, stage__in=SUPERVISED_STAGES, membership__is_active=True
    ).select_related("membership__user")
    held = Supervisee.objects.filter(supporter=OuterRef("pk"), session__status=Status.HELD)
    supporters = supporters.annotate(
        last_held=Subquery(held.order_by("-session__held_on").values("session__held_on")[:1])
    )
    if supervisor is not None:
        supporters = supporters.filter(supervisor=supervisor)
    return supporters


def overdue_supervisees(organisation: Organisation | int, *, supervisor: Membership | None = None) -> list[Due]:
    """The supporters (shadowing or active) whose supervision is overdue, longest overdue first; only
    a supervisor's own supervisees when ``supervisor`` is given. Two queries."""
    dues = due_for(list(supervised_supporters(organisation, supervisor)))
    return sorted((d for d in dues if d.is_overdue), key=lambda d: (-d.days_overdue, d.supporter.pk))


# --- What recurs. ---------------------------------------------------------------------------------


def topic_counts(rows: Iterable[Supervisee]) -> list[tuple[str, int]]:
    """How often each topic came up in these sessions held, most often first (counts, no words)."""
    counted = Counter(code for row in rows if row.session.status == Status.HELD for code in row.topics)
    labels = dict(Topic.choices)
    return [(str(labels[code]), n) for code, n in counted.most_common() if code in labels]


# --- A peer's data rights. ------------------------------------------------------------------------


def record_of(peer: Peer) -> list[dict]:
    """For the peer's copy of their record: each line about them in a supervision, and its day."""
    notes = CaseloadNote.objects.filter(peer=peer).select_related("supervisee__session").order_by("pk")
    return [{"on": n.supervisee.session.held_on.isoformat(), "note": n.note} for n in notes]


def forget_peer(peer: Peer) -> None:
    """Erasure: the lines about them in supervision go (nothing in them is counted)."""
    CaseloadNote.objects.filter(peer=peer).delete()


# --- The coordinator's dashboard: the organisation's overdue, kept briefly. -----------------------

# As the dashboard's other organisation-wide counts (home/dashboards.py): kept this many seconds per
# organisation and day, forgotten at once when a session, a frequency or a supporter changes (signals.py).
KEPT_SECONDS = 30


@dataclass(frozen=True)
class OverdueLine:
    supporter_id: int
    name: str
    due_on: date
    days_overdue: int


def _kept_key(organisation: Organisation) -> str:
    # created_at too: an organisation made again with the same id (tests) does not inherit the list.
    made = organisation.created_at.timestamp()
    return f"supervision:overdue:{organisation.pk}:{made:.6f}:{timezone.localdate().isoformat()}"


def organisation_overdue(organisation: Organisation) -> list[OverdueLine]:
    """``overdue_supervisees`` of the whole organisation as plain lines, kept briefly."""
    from django.core.cache import cache

    key = _kept_key(organisation)
    kept = cache.get(key)
    if kept is None:
        kept = [
            OverdueLine(d.supporter.pk, d.supporter.membership.user.display_name, d.due_on, d.days_overdue)
            for d in overdue_supervisees(organisation)
        ]
        cache.set(key, kept, KEPT_SECONDS)
    return kept


def forget_overdue(organisation_id: int) -> None:
    from django.core.cache import cache

    organisation = Organisation.objects.filter(pk=organisation_id).only("pk", "created_at").first()
    if organisation is not None:
        cache.delete(_kept_key(organisation))
