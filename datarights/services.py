"""A peer's data rights: a copy of everything we hold, and erasure that keeps the counts.

Erasure follows pretix's shredder: identity and every narrative field go; what past reports
count (that a person was supported, when, with which needs, under which consent) stays, with
nothing that points back to them.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from agreements.choices import Channel
from agreements.models import SupportAgreement
from agreements.services import agreements_of
from audit.log import audit
from audit.models import TRIED_FROM_ELSEWHERE, Action, AuditEvent
from batches import services as batches
from consent.models import ConsentRecord
from contacts import services as contacts
from contacts.models import Contact
from continuity import services as continuity
from diary import services as diary
from goals import services as goals
from goals.models import Goal
from intake.models import Arrival, IntakeConversation, WaitingStatus
from intake.services import record_of as intake_record_of
from matching import services as matching
from offers import services as offers
from organisations.models import Membership
from people.choices import SupportMode
from people.models import Assignment, ContactMethod, Need, Peer
from referrals import services as referrals
from referrals.models import Referral
from resilience import ledger
from safeguarding import services as safeguarding
from safeguarding.models import Concern
from supervision import services as supervision

ERASED_NAME = "—"


def _choice(obj, field: str) -> Any:
    value = getattr(obj, field)
    return {"value": value, "label": str(getattr(obj, f"get_{field}_display")())} if value else None


def peer_record(peer: Peer) -> dict[str, Any]:
    """Everything we hold about one peer, in plain data (the JSON download and the HTML page)."""
    consents = (
        ConsentRecord.objects.filter(peer=peer)
        .select_related("text", "limits_explained_by", "recorded_by")
        .prefetch_related("partners")
        .order_by("given_at")
    )
    assignments = Assignment.objects.filter(peer=peer).select_related("worker__user").order_by("starts_on")
    # Who in this organisation opened or tried the record; attempts from outside it are in the
    # admins' audit log, and name people of another organisation.
    opened = (
        AuditEvent.objects.filter(organisation_id=peer.organisation_id, record_type="peer", record_id=str(peer.pk))
        .exclude(action=Action.DENIED, reason=TRIED_FROM_ELSEWHERE)
        .select_related("actor")
        .with_actor_here()  # an erased supporter whose account another organisation keeps: not named
    )
    return {
        "about": {
            "chosen_name": peer.chosen_name,
            "pronouns": peer.pronouns,
            "age_band": _choice(peer, "age_band"),
            "gender": _choice(peer, "gender"),
            "gender_in_own_words": peer.gender_in_own_words,
            "languages": peer.language_names(),
            "country_of_origin": peer.country_of_origin,
            "registered_on": peer.created_at.isoformat(),
        },
        "safety_and_contact": {
            "safe_times": peer.safe_times,
            "code_word": peer.code_word,
            "safety_notes": peer.safety_notes,
            "contact_methods": [
                {
                    "channel": str(m.get_channel_display()),
                    "detail": m.detail,
                    "safe_to_use": m.is_safe,
                    "leave_a_message": str(m.get_leave_message_display()),
                }
                for m in ContactMethod.objects.filter(peer=peer)
            ],
        },
        "needs": {
            "areas": [str(n.get_domain_display()) for n in peer.needs.all()],
            "notes": peer.needs_notes,
        },
        "preferences": {
            "one_to_one_or_group": _choice(peer, "support_format"),
            "ways_of_meeting": [
                str(SupportMode(mode).label) for mode in peer.support_modes if mode in SupportMode.values
            ],
            "how_often": _choice(peer, "frequency"),
            "supporter_gender": _choice(peer, "supporter_gender"),
            "supporter_language": _choice(peer, "supporter_language"),
            "supporter_culture": peer.supporter_culture,
            "main_need": _choice(peer, "primary_need"),
        },
        "consent": [
            {
                "text": {
                    "title": c.text.title,
                    "version": c.text.version,
                    "language": c.text.language,
                    "body": c.text.body,
                },
                "given_on": c.given_at.isoformat(),
                "agreed": {
                    p: getattr(c, p)
                    for p in ("take_part", "store_data", "share_with_partners", "follow_up", "stories", "reports")
                },
                "named_partners": [p.name for p in c.partners.all()],
                "limits_explained_by": str(c.limits_explained_by) if c.limits_explained_by else None,
                "limits_explained_on": c.limits_explained_at.isoformat(),
                "withdrawn_on": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
                "superseded_on": c.superseded_at.isoformat() if c.superseded_at else None,
            }
            for c in consents
        ],
        "who_works_with_them": [
            {
                "with": str(a.worker.user) if a.worker else None,
                "kind": str(a.get_kind_display()),
                "from": a.starts_on.isoformat(),
                "until": a.ends_on.isoformat() if a.ends_on else None,
                "reason": a.reason,
            }
            for a in assignments
        ],
        "offers_of_a_peer_supporter": offers.offers_in_record(peer),
        "finding_a_peer_supporter": matching.record_of(peer),
        "support_agreements": [
            {
                "with": str(a.assignment.worker.user) if a.assignment and a.assignment.worker else None,
                "version": a.version,
                "agreed_on": a.agreed_on.isoformat(),
                "how_often": _choice(a, "how_often"),
                "ways_of_being_in_touch": [str(Channel(c).label) for c in a.channels if c in Channel.values],
                "ways_never_used": [str(Channel(c).label) for c in a.never_channels if c in Channel.values],
                "being_in_touch_notes": a.contact_notes,
                "contact_hours": a.contact_hours,
                "out_of_hours": a.out_of_hours,
                "agreed_times": list(a.agreed_times),
                "supporter_draws_on_own_story": _choice(a, "supporter_story"),
                "talking_about_their_experience": _choice(a, "peer_experience"),
                "information_sharing_threshold": a.threshold.body if a.threshold else None,
                "sharing_notes": a.sharing_notes,
                "crisis_contact": a.crisis_contact,
                "review_on": a.review_on.isoformat(),
                "other_notes": a.other_notes,
                "recorded_by": str(a.recorded_by) if a.recorded_by else None,
                "recorded_on": a.recorded_at.isoformat(),
            }
            for a in agreements_of(peer)
        ],
        "intake": intake_record_of(peer),
        "meetings_and_appointments": diary.record_of(peer),
        "plan_and_goals": goals.record_of(peer),
        "contacts": contacts.contacts_of(peer),
        "endings_and_cover": continuity.record_of(peer),
        "safeguarding": safeguarding.record_of(peer),
        "referrals": referrals.record_of(peer),
        "noted_in_supervision": supervision.record_of(peer),
        "who_opened_the_record": [
            {
                "who": str(e.actor) if e.actor_here else None,  # type: ignore[attr-defined]  # (with_actor_here)
                "when": e.at.isoformat(),
                "what": str(e.get_action_display()),
            }
            for e in opened
        ],
    }


@transaction.atomic
def export_peer_record(peer: Peer, *, by: Membership, fmt: str) -> dict[str, Any]:
    audit(by.user, Action.EXPORT, peer, reason=fmt)
    return peer_record(peer)


# What an erased record keeps, field by field: only what the counts need. Every other text, choice
# or list field of the peer and of their rows is emptied (a field added later is erased unless it is
# named here), every person a row points to is forgotten, and every date is kept to its month.
KEPT_FOR_COUNTS: dict[type[models.Model], set[str]] = {
    Peer: {"age_band", "primary_need", "support_format", "support_modes", "frequency", "supporter_gender"},
    Need: {"domain"},
    Assignment: {"kind"},
    ConsentRecord: set(),
    SupportAgreement: set(),  # the version and its months; nothing that was agreed, nor with whom
    # What needed to come first and whether they wanted a peer supporter; how they came to us.
    IntakeConversation: {"needs_first", "wants_peer_support"},
    Arrival: {"route"},
    # Each goal's area of life, kind (a basic need or longer-term) and where it is; its words go.
    Goal: {"domain", "kind", "status"},
    # How, what kind and which needs (how long and the goods given are numbers and the
    # organisation's own list, kept as they are); not who, not the note, not whether it was agreed.
    Contact: {"how", "kind", "needs"},
    # How soon it was needed, whether a report went to an authority and which kind, the outcome (codes).
    Concern: {"urgency", "report", "authority", "outcome"},
    # How each referral went (where it got to, the outcome, whether it was a warm handoff), to the month.
    Referral: {"status", "outcome", "warm_handoff", "sharing_ended_because"},
}
# The rows of an erased peer that point to the organisation's own records, not to people: kept.
KEPT_LINKS = {"organisation", "peer", "text"}


def month_of(moment: datetime) -> datetime:
    """The first moment of ``moment``'s month, in the organisation's time zone."""
    local = timezone.localtime(moment)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def month_of_day(day: date) -> date:
    return day.replace(day=1)


def erased_values(obj: models.Model, kept: set[str] | None = None, links: set[str] = KEPT_LINKS) -> dict[str, Any]:
    """The values that erase ``obj``'s fields, keeping only those the counts need (coarsened).

    ``kept`` (by default the peer's ``KEPT_FOR_COUNTS``) and ``links`` are kept as they are; every
    other pointer is emptied, every text emptied and every date kept to its month.
    """
    kept = KEPT_FOR_COUNTS[type(obj)] if kept is None else kept
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        name, value = field.name, getattr(obj, field.attname)
        if field.primary_key or name in kept or name in links:
            continue
        if isinstance(field, models.DateTimeField):
            values[name] = month_of(value) if value is not None else None
        elif isinstance(field, models.DateField):
            values[name] = month_of_day(value) if value is not None else None
        elif isinstance(field, models.ForeignKey):
            values[field.attname] = None
        elif isinstance(field, models.JSONField) or (isinstance(field, models.Field) and field.get_default() == []):
            values[name] = []
        elif isinstance(field, models.CharField | models.TextField):
            values[name] = ""
    return values


def write_as_is(obj: models.Model, values: dict[str, Any]) -> None:
    """Save the values as they are (``update`` skips auto_now, which would write the exact time)."""
    type(obj)._default_manager.filter(pk=obj.pk).update(**values)


@transaction.atomic
def erase_peer(peer: Peer, *, by: Membership) -> Peer:
    """Remove identity, every narrative field and every pointer to a person; keep what reports count.

    Kept (see KEPT_FOR_COUNTS and ARCHITECTURE.md): the organisation; the months they were registered
    and erased; age band, main need, areas of need and support preferences (categories); each consent
    record's answers, the text version agreed to and its months; each assignment's kind and months.
    Removed: the name and every other field, every contact method, the named partners, and who
    registered them, worked with them, explained the limits or recorded consent.
    """
    peer.refresh_from_db()  # erase what is stored, not what this copy last saw
    matching.forget(peer, by=by)  # first, while their periods of support still say with whom
    referrals.forget_peer(peer, by=by)  # every partner link stops, and the partners are told
    now = timezone.now()
    today = timezone.localdate()
    values = erased_values(peer)
    values.update(chosen_name=ERASED_NAME, erased_at=month_of(now))
    write_as_is(peer, values)
    ContactMethod.objects.filter(peer=peer).delete()
    for assignment in Assignment.objects.filter(peer=peer):
        values = erased_values(assignment)
        # Support ends with erasure: an open or future end becomes this month (never before its start).
        ends_on = min(assignment.ends_on or today, today)
        values["ends_on"] = max(month_of_day(ends_on), month_of_day(assignment.starts_on))
        write_as_is(assignment, values)
    for record in ConsentRecord.objects.filter(peer=peer):
        write_as_is(record, erased_values(record))
        record.partners.clear()
    for need in Need.objects.filter(peer=peer):
        write_as_is(need, erased_values(need))
    for agreement in SupportAgreement.objects.filter(peer=peer):
        write_as_is(agreement, erased_values(agreement))
    for row in [*IntakeConversation.objects.filter(peer=peer), *Arrival.objects.filter(peer=peer)]:
        write_as_is(row, erased_values(row))
    WaitingStatus.objects.filter(peer=peer).delete()
    goals.forget_peer(peer)  # the steps and progress of their goals: nothing in them is counted
    for goal in Goal.objects.filter(peer=peer):
        write_as_is(goal, erased_values(goal))
    for contact in Contact.objects.filter(peer=peer):
        write_as_is(contact, erased_values(contact))
    contacts.forget_peer(peer)  # drafts about them, drifting away and coming back
    for referral in Referral.objects.filter(peer=peer):
        write_as_is(referral, erased_values(referral))
    offers.forget_peer(peer)  # offers and their steps: nothing in them is counted
    batches.forget_peer(peer)  # their places in batches, and pins or forbids about them
    diary.forget_peer(peer)  # meetings and appointments: when, where and with whom is not counted
    continuity.forget_peer(peer)  # closing conversations and cover notes; the covers are assignments
    supervision.forget_peer(peer)  # the lines about them in their supporter's supervision
    safeguarding.forget_peer(peer)  # who concerns reached, their actions and steps; flags, aggression, visits
    for concern in Concern.objects.filter(peer=peer):
        write_as_is(concern, erased_values(concern))
    audit(by.user, Action.ERASE, peer)
    peer.refresh_from_db()
    # Ids and the month only, in a file apart from the database, so that a restore cannot bring them back.
    transaction.on_commit(partial(ledger.record_erasure, peer.pk, peer.organisation_id, by.pk, peer.erased_at))
    return peer
