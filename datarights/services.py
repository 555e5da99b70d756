"""A peer's data rights: a copy of everything we hold, and erasure that keeps the counts.

Erasure follows pretix's shredder: identity and every narrative field go; what past reports
count (that a person was supported, when, with which needs, under which consent) stays, with
nothing that points back to them.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from audit.log import audit
from audit.models import TRIED_FROM_ELSEWHERE, Action, AuditEvent
from consent.models import ConsentRecord
from organisations.models import Membership
from people.choices import SupportMode
from people.models import Assignment, ContactMethod, Peer

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
                "limits_explained_by": str(c.limits_explained_by),
                "limits_explained_on": c.limits_explained_at.isoformat(),
                "withdrawn_on": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
                "superseded_on": c.superseded_at.isoformat() if c.superseded_at else None,
            }
            for c in consents
        ],
        "who_works_with_them": [
            {
                "with": str(a.worker.user),
                "kind": str(a.get_kind_display()),
                "from": a.starts_on.isoformat(),
                "until": a.ends_on.isoformat() if a.ends_on else None,
                "reason": a.reason,
            }
            for a in assignments
        ],
        "who_opened_the_record": [
            {"who": str(e.actor) if e.actor else None, "when": e.at.isoformat(), "what": str(e.get_action_display())}
            for e in opened
        ],
    }


@transaction.atomic
def export_peer_record(peer: Peer, *, by: Membership, fmt: str) -> dict[str, Any]:
    audit(by.user, Action.EXPORT, peer, reason=fmt)
    return peer_record(peer)


NARRATIVE_FIELDS = (
    "pronouns",
    "gender_in_own_words",
    "country_of_origin",
    "safe_times",
    "code_word",
    "safety_notes",
    "needs_notes",
    "supporter_culture",
)


@transaction.atomic
def erase_peer(peer: Peer, *, by: Membership) -> Peer:
    """Remove identity and every narrative field; keep the de-identified facts reports count.

    Kept: the organisation, when they were registered, age band, the areas of need, support
    preferences and main need (categories, for counts), the consent booleans and dates, and the
    dates and kinds of support. Removed: the name, gender, languages, every free-text field, every
    contact method and the reasons written on assignments.
    """
    peer.chosen_name = ERASED_NAME
    for field in NARRATIVE_FIELDS:
        setattr(peer, field, "")
    peer.gender = ""
    peer.languages = []
    peer.supporter_language = ""
    peer.erased_at = timezone.now()
    peer.save()
    ContactMethod.objects.filter(peer=peer).delete()
    for assignment in Assignment.objects.filter(peer=peer).exclude(reason=""):
        assignment.reason = ""
        assignment.save(update_fields=["reason"])
    audit(by.user, Action.ERASE, peer)
    return peer
