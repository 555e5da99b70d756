"""The last few contacts on a peer's record (two queries), and the words the contact pages use."""

from __future__ import annotations

from django import template

from access.policy import Do, can
from contacts.access import loggable_assignments, may_read_note, seen_contacts
from contacts.choices import Outside
from people.choices import NeedDomain

register = template.Library()
SHOWN = 5


@register.inclusion_tag("contacts/on_the_peer_record.html", takes_context=True)
def contacts_on_record(context, peer):
    membership = getattr(context["request"], "membership", None)
    if not can(membership, Do.SEE_CONTACTS):
        return {"shown": False}
    contacts = list(seen_contacts(membership).filter(peer=peer).select_related("worker__user")[:SHOWN])
    for contact in contacts:
        contact.note_shown = may_read_note(membership, contact)
    # The record already lists who works with the peer: the member's own current one is where they log.
    listed = context.get("assignments")
    if listed is not None:
        log_on = next((a.pk for a in listed if a.worker_id == membership.pk and a.is_current), None)
        log_on = log_on if can(membership, Do.LOG_CONTACTS) else None
    else:
        log_on = loggable_assignments(membership).filter(peer=peer).values_list("pk", flat=True).first()
    return {"shown": True, "peer": peer, "contacts": contacts, "log_on": log_on}


@register.filter
def need_names(codes) -> list[str]:
    labels = dict(NeedDomain.choices)
    return [str(labels[code]) for code in codes or () if code in labels]


@register.filter
def reason_words(codes) -> list[str]:
    labels = dict(Outside.choices)
    return [str(labels[code]) for code in codes or () if code in labels]
