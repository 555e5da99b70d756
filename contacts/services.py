"""Logging contacts, keeping drafts, marking drifting away and coming back, and what the contact log
adds up to: hours per week, contacts outside what was agreed, and who has not been heard from.

The only code that changes the contact log's rows. ``hours_by_week`` and ``outside_agreement`` are
what the workforce issue's wellbeing signals read; they return plain data and name no peer.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from access.policy import ORGANISATION_WIDE, Do, can, visible_peers
from agreements.models import SupportAgreement
from audit.log import audit
from audit.models import Action
from organisations.models import Membership, Organisation, Role
from people.choices import NeedDomain
from people.models import Assignment, AssignmentKind, ContactMethod, Peer

from . import rules
from .choices import DEFAULT_QUIET_WEEKS, Engagement, How, Kind
from .models import Contact, ContactDraft, ContactGoods, ContactSettings, EngagementMark, GoodsKind

LONGEST_MINUTES = 24 * 60
NOTE_LENGTH = 4000


class ContactError(ValueError):
    pass


@dataclass(frozen=True)
class Entry:
    """What was logged, as the form (or the demo, or a command) gives it."""

    how: str
    minutes: int
    kind: str
    happened_at: datetime | None = None
    needs: tuple[str, ...] = ()
    goods: Mapping[int, int] = field(default_factory=dict)  # goods kind id -> how many
    note: str = ""


def check_entry(entry: Entry, organisation_id: int) -> None:
    if entry.how not in How.values or entry.kind not in Kind.values:
        raise ContactError(_("Choose from the answers offered."))
    if not 1 <= entry.minutes <= LONGEST_MINUTES:
        raise ContactError(_("How long it took is between 1 minute and a day."))
    if not set(entry.needs) <= set(NeedDomain.values):
        raise ContactError(_("Choose from the needs offered."))
    if entry.happened_at is not None and entry.happened_at > timezone.now() + timedelta(minutes=5):
        raise ContactError(_("This is in the future. When were you in touch?"))
    if len(entry.note) > NOTE_LENGTH:
        raise ContactError(_("The note is too long."))
    if any(not 0 < n <= 1000 for n in entry.goods.values()):
        raise ContactError(_("How many is a number from 1 to 1000."))
    if entry.goods:
        known = GoodsKind.objects.filter(organisation_id=organisation_id, pk__in=list(entry.goods)).count()
        if known != len(entry.goods):
            raise ContactError(_("Choose from the goods and services offered."))


def agreement_in_force(assignment: Assignment) -> SupportAgreement | None:
    if assignment.kind != AssignmentKind.PEER_SUPPORT:
        return None
    return (
        SupportAgreement.objects.filter(assignment=assignment)
        .only("pk", "assignment_id", "version", "channels", "never_channels", "agreed_times")
        .first()
    )


def outside_what_was_agreed(assignment: Assignment | None, how: str, moment: datetime) -> list[str]:
    agreement = agreement_in_force(assignment) if assignment is not None else None
    if agreement is None:
        return []
    return rules.outside_reasons(
        how,
        timezone.localtime(moment),
        channels=agreement.channels,
        never_channels=agreement.never_channels,
        agreed_times=agreement.agreed_times,
    )


@transaction.atomic
def log_contact(*, by: Membership, assignment: Assignment | None, entry: Entry) -> Contact:
    """Log a contact on ``assignment`` (one of ``by``'s own, current) or, with none, a one-off contact
    with someone who has no record. The member's draft for it is discarded in the same transaction.
    """
    if not can(by, Do.LOG_CONTACTS):
        raise ContactError(_("Your role does not log contacts."))
    if assignment is not None:
        if assignment.worker_id != by.pk or not assignment.is_current:
            raise ContactError(_("Contacts are logged by the person working with the peer, while the support goes on."))
        if assignment.organisation_id != by.organisation_id:
            raise ContactError(_("That support belongs to another organisation."))
        if assignment.peer.erased_at is not None:
            raise ContactError(_("This record has been erased."))
    check_entry(entry, by.organisation_id)
    happened_at = entry.happened_at or timezone.now()
    contact = Contact.objects.create(
        organisation_id=by.organisation_id,
        peer_id=assignment.peer_id if assignment else None,
        assignment=assignment,
        worker=by,
        happened_at=happened_at,
        how=entry.how,
        minutes=entry.minutes,
        kind=entry.kind,
        needs=[code for code in NeedDomain.values if code in set(entry.needs)],
        note=entry.note,
        outside=outside_what_was_agreed(assignment, entry.how, happened_at),
    )
    ContactGoods.objects.bulk_create(
        [
            ContactGoods(organisation_id=by.organisation_id, contact=contact, kind_id=kind, quantity=n)
            for kind, n in sorted(entry.goods.items())
        ]
    )
    ContactDraft.objects.filter(member=by, assignment=assignment).delete()
    audit(by.user, Action.CREATE, contact, reason="one-off" if assignment is None else "")
    return contact


# --- Drafts: nothing typed is lost ----------------------------------------------------------------

DRAFT_FIELDS = ("happened_at", "how", "length", "other_minutes", "kind", "note")
DRAFT_LISTS = ("needs",)


def draft_fields_from(data) -> dict[str, object]:
    """The log form's fields from a POST (only those, each cut to a sane length)."""
    fields: dict[str, object] = {}
    for name in DRAFT_FIELDS:
        value = data.get(name)
        if value:
            fields[name] = str(value)[: NOTE_LENGTH if name == "note" else 40]
    for name in DRAFT_LISTS:
        values = [str(v)[:40] for v in data.getlist(name)][:20]
        if values:
            fields[name] = values
    for key in data:
        if key.startswith("goods-") and key[6:].isdigit() and len(key) < 20 and data.get(key):
            fields[key] = str(data.get(key))[:6]
    return fields


def save_draft(*, member: Membership, assignment: Assignment | None, fields: dict) -> ContactDraft | None:
    """Keep what was typed (encrypted), replacing the member's earlier draft for the same assignment.
    Nothing typed yet (or everything removed): no draft. Not audited: it is not a record yet.
    """
    with transaction.atomic():
        drafts = ContactDraft.objects.select_for_update().filter(member=member, assignment=assignment)
        draft = drafts.first()
        if not fields.get("note") and not any(k.startswith("goods-") for k in fields) and not fields.get("needs"):
            # The choices alone have defaults: nothing worth offering back.
            drafts.delete()
            return None
        if draft is None:
            return ContactDraft.objects.create(
                organisation_id=member.organisation_id, member=member, assignment=assignment, fields=fields
            )
        drafts.exclude(pk=draft.pk).delete()
        draft.fields = fields
        draft.save(update_fields=["fields", "updated_at"])
        return draft


def draft_for(member: Membership, assignment: Assignment | None) -> ContactDraft | None:
    return ContactDraft.objects.filter(member=member, assignment=assignment).first()


def drafts_of(member: Membership) -> QuerySet[ContactDraft]:
    """The member's drafts on supports that still go on (and one-off ones), newest first."""
    current = Assignment.objects.current().filter(worker=member, peer__erased_at__isnull=True)
    return (
        ContactDraft.objects.filter(member=member)
        .filter(Q(assignment__isnull=True) | Q(assignment__in=current))
        .select_related("assignment__peer")
    )


def discard_draft(member: Membership, assignment_id: int | None) -> None:
    drafts = ContactDraft.objects.filter(member=member)
    drafts = (
        drafts.filter(assignment__isnull=True) if assignment_id is None else drafts.filter(assignment_id=assignment_id)
    )
    drafts.delete()


# --- Drifting away and coming back ----------------------------------------------------------------


@transaction.atomic
def mark_engagement(*, by: Membership, assignment: Assignment, status: str) -> EngagementMark:
    """A supporter says a peer drifted away, or is back in touch. Nothing is closed or ended."""
    if status not in Engagement.values:
        raise ContactError(_("Choose from the answers offered."))
    if assignment.worker_id != by.pk or not assignment.is_current:
        raise ContactError(_("Only the person working with the peer marks this."))
    mark = EngagementMark.objects.create(
        organisation_id=by.organisation_id,
        peer_id=assignment.peer_id,
        assignment=assignment,
        status=status,
        marked_by=by.user,
    )
    audit(by.user, Action.CREATE, mark, reason=status)
    return mark


def engagement_of(peer: Peer) -> EngagementMark | None:
    return EngagementMark.objects.filter(peer=peer).first()


# --- The organisation's settings and its goods ----------------------------------------------------


def quiet_weeks(organisation_id: int) -> int:
    found = ContactSettings.objects.filter(organisation_id=organisation_id).values_list("quiet_weeks", flat=True)
    return next(iter(found), DEFAULT_QUIET_WEEKS)


@transaction.atomic
def set_quiet_weeks(organisation: Organisation, *, weeks: int, by: Membership) -> ContactSettings:
    if not 1 <= weeks <= 52:
        raise ContactError(_("Between 1 and 52 weeks."))
    found, _created = ContactSettings.objects.update_or_create(
        organisation=organisation, defaults={"quiet_weeks": weeks}
    )
    audit(by.user, Action.UPDATE, found, reason=f"{weeks} weeks")
    return found


@transaction.atomic
def add_goods_kind(organisation: Organisation, *, name: str, by: Membership) -> GoodsKind:
    name = " ".join(name.split())[:80]
    if not name:
        raise ContactError(_("Give it a name."))
    if GoodsKind.objects.filter(organisation=organisation, name__iexact=name).exists():
        raise ContactError(_("That one is on the list already."))
    kind = GoodsKind.objects.create(organisation=organisation, name=name)
    audit(by.user, Action.CREATE, kind)
    return kind


@transaction.atomic
def set_goods_offered(kind: GoodsKind, *, offered: bool, by: Membership) -> None:
    GoodsKind.objects.filter(pk=kind.pk).update(is_active=offered)
    audit(by.user, Action.UPDATE, kind, reason="offered" if offered else "no longer offered")


def goods_offered(organisation_id: int) -> list[GoodsKind]:
    return list(GoodsKind.objects.filter(organisation_id=organisation_id, is_active=True).only("pk", "name"))


# --- What the log adds up to (the workforce issue's wellbeing signals read these) -----------------


@dataclass(frozen=True)
class WeekHours:
    starts_on: date  # a Monday
    minutes: int
    contacts: int

    @property
    def hours(self) -> float:
        return round(self.minutes / 60, 1)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def hours_by_week(membership: Membership, weeks: int) -> list[WeekHours]:
    """The time ``membership`` spent in contacts (one-off ones too), per week (Monday to Sunday), for
    the last ``weeks`` weeks including this one, oldest first; a week with none says 0. One query.
    """
    weeks = max(1, min(weeks, 260))
    first = week_start(timezone.localdate()) - timedelta(weeks=weeks - 1)
    since = timezone.make_aware(datetime.combine(first, datetime.min.time()))
    rows = Contact.objects.filter(worker=membership, happened_at__gte=since).values_list("happened_at", "minutes")
    totals: dict[date, list[int]] = {first + timedelta(weeks=i): [0, 0] for i in range(weeks)}
    for moment, minutes in rows:
        monday = week_start(timezone.localtime(moment).date())
        if monday in totals:
            totals[monday][0] += minutes
            totals[monday][1] += 1
    return [WeekHours(day, minutes, count) for day, (minutes, count) in totals.items()]


@dataclass(frozen=True)
class OutsideContact:
    happened_at: datetime
    how: str
    reasons: tuple[str, ...]


def outside_agreement(membership: Membership, since: datetime | date) -> list[OutsideContact]:
    """The contacts ``membership`` logged since ``since`` that were outside what was agreed with the
    peer (a way or a time not agreed), newest first. No peer is named. One query.
    """
    if not isinstance(since, datetime):
        since = timezone.make_aware(datetime.combine(since, datetime.min.time()))
    rows = (
        Contact.objects.filter(worker=membership, happened_at__gte=since)
        .exclude(outside=[])
        .values_list("happened_at", "how", "outside")
    )
    return [OutsideContact(moment, how, tuple(reasons)) for moment, how, reasons in rows if reasons]


# --- Not heard from -------------------------------------------------------------------------------


def quiet_assignments(membership: Membership, *, weeks: int | None = None) -> QuerySet[Assignment]:
    """The current supports of the peers this member looks after (their own; a supervisor's
    supervisees' too; everyone's for coordinators and admins) with no contact for ``weeks`` weeks
    (the organisation's setting), counted from the last contact with the peer, or from when the
    support began. Each has ``last_contact``, ``quiet_since`` and ``engagement`` (the latest mark),
    longest silence first. Silence closes nothing: this only helps someone reach out.
    """
    if not can(membership, Do.SEE_CONTACTS):
        return Assignment.objects.none()
    weeks = weeks or quiet_weeks(membership.organisation_id)
    cutoff = timezone.now() - timedelta(weeks=weeks)
    assignments = Assignment.objects.current().filter(
        kind=AssignmentKind.PEER_SUPPORT, worker__isnull=False, peer__in=visible_peers(membership)
    )
    if membership.role == Role.SUPERVISOR:
        assignments = assignments.filter(Q(worker=membership) | Q(worker__supporter_profile__supervisor=membership))
    elif membership.role not in ORGANISATION_WIDE:
        assignments = assignments.filter(worker=membership)
    last = Contact.objects.filter(peer=OuterRef("peer_id")).order_by().values("peer_id").annotate(m=Max("happened_at"))
    mark = EngagementMark.objects.filter(peer=OuterRef("peer_id")).order_by("-created_at", "-pk").values("status")[:1]
    return (
        assignments.annotate(last_contact=Subquery(last.values("m")), engagement=Subquery(mark))
        .filter(Q(last_contact__lt=cutoff) | Q(last_contact__isnull=True, starts_on__lt=cutoff.date()))
        .select_related("peer", "worker__user")
        .order_by("last_contact", "starts_on", "pk")
    )


def safe_ways(peers: Sequence[Peer]) -> dict[int, list[ContactMethod]]:
    """Only the ways of reaching each peer that they marked safe (one query)."""
    found: dict[int, list[ContactMethod]] = {p.pk: [] for p in peers}
    for method in ContactMethod.objects.filter(peer__in=[p.pk for p in peers], is_safe=True).order_by("pk"):
        found[method.peer_id].append(method)
    return found


# --- The peer's own copy and the counts -----------------------------------------------------------


def contacts_of(peer: Peer) -> list[dict]:
    """Every contact with this peer, oldest first (their copy of their record)."""
    goods: dict[int, list[str]] = {}
    for contact_id, name, n in ContactGoods.objects.filter(contact__peer=peer).values_list(
        "contact_id", "kind__name", "quantity"
    ):
        goods.setdefault(contact_id, []).append(f"{n} × {name}")
    needs = dict(NeedDomain.choices)
    return [
        {
            "when": c.happened_at.isoformat(),
            "with": str(c.worker.user) if c.worker else None,
            "how": str(c.get_how_display()),
            "minutes": c.minutes,
            "kind": str(c.get_kind_display()),
            "needs": [str(needs.get(code, code)) for code in c.needs],
            "goods_and_services": goods.get(c.pk, []),
            "note": c.note,
        }
        for c in Contact.objects.filter(peer=peer).select_related("worker__user").order_by("happened_at", "pk")
    ] + [
        {"marked": str(m.get_status_display()), "on": m.marked_on.isoformat()}
        for m in EngagementMark.objects.filter(peer=peer).order_by("created_at", "pk")
    ]


def forget_peer(peer: Peer) -> None:
    """Erasure: the drafts about them and their drifting-away marks go; contacts are erased by
    ``datarights.services.erase_peer`` to what the counts need."""
    ContactDraft.objects.filter(assignment__peer=peer).delete()
    EngagementMark.objects.filter(peer=peer).delete()


def counted_contacts(organisation_id: int, since: datetime) -> QuerySet[Contact]:
    """Contacts that may be counted: one-off ones (nobody's record) and those with peers who agreed
    to be counted in reports (erased ones too: their contacts keep what the counts need)."""
    from consent.models import Purpose
    from consent.services import peers_who_agreed_to

    agreed = peers_who_agreed_to(Purpose.REPORTS, include_erased=True)
    return Contact.objects.filter(organisation_id=organisation_id, happened_at__gte=since).filter(
        Q(peer__isnull=True) | Q(peer__in=agreed)
    )


def contact_figures(organisation_id: int, weeks: int = 12) -> dict[str, object]:
    """The figures page's contacts, the last ``weeks`` weeks: small numbers suppressed (home.figures)."""
    from home.figures import Figure, _breakdown

    counts = contact_counts(organisation_id, timezone.now() - timedelta(weeks=weeks))
    return {
        "weeks": weeks,
        "total": Figure(_("Contacts"), counts["total"]),
        "one_off": Figure(_("One-off contacts"), counts["one_off"]),
        "hours": counts["hours"],
        "by_kind": _breakdown(counts["by_kind"], Kind.choices),
        "by_how": _breakdown(counts["by_how"], How.choices),
        "goods": [Figure(name, n) for name, n in sorted(counts["goods"].items())],
    }


def contact_counts(organisation_id: int, since: datetime) -> dict[str, Any]:
    """Counts only (evaluators): contacts by kind and by how, one-off ones, hours, goods given."""
    contacts = counted_contacts(organisation_id, since)
    totals = contacts.aggregate(n=Count("pk"), minutes=Sum("minutes"), one_off=Count("pk", filter=Q(peer__isnull=True)))
    return {
        "total": totals["n"],
        "one_off": totals["one_off"],
        "hours": round((totals["minutes"] or 0) / 60),
        "by_kind": dict(contacts.order_by().values_list("kind").annotate(n=Count("pk"))),
        "by_how": dict(contacts.order_by().values_list("how").annotate(n=Count("pk"))),
        "goods": dict(
            ContactGoods.objects.filter(contact__in=contacts)
            .order_by()
            .values_list("kind__name")
            .annotate(n=Sum("quantity"))
        ),
    }
