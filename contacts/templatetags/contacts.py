"""The last few contacts on a peer's record (two queries), and the words the contact pages use."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

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


@register.inclusion_tag("contacts/figures.html", takes_context=True)
def contact_figures(context):
    """Counts only, for the figures page (evaluators, coordinators, admins)."""
    from contacts.services import contact_figures as figures

    organisation = getattr(context["request"], "organisation", None)
    return {"figures": figures(organisation.pk) if organisation is not None else None}


@register.filter
def need_names(codes) -> list[str]:
    labels = dict(NeedDomain.choices)
    return [str(labels[code]) for code in codes or () if code in labels]


@register.filter
def reason_words(codes) -> list[str]:
    labels = dict(Outside.choices)
    return [str(labels[code]) for code in codes or () if code in labels]


@register.simple_tag
def chips(f) -> str:
    """A fieldset of chips (radios or checkboxes) from ``ContactForm.chips``, built here rather than
    through widget or include templates: the log page draws four of them on every fetch."""
    invalid = format_html(' aria-invalid="true" aria-describedby="id_{}_error"', f["name"]) if f["errors"] else ""
    options = format_html_join(
        "",
        '<label for="{}"><input type="{}" name="{}" value="{}" id="{}"{}{}> {}</label>',
        (
            (
                c["id"],
                f["type"],
                f["name"],
                c["value"],
                c["id"],
                mark_safe(" checked") if c["checked"] else "",
                invalid,
                c["label"],
            )
            for c in f["choices"]
        ),
    )
    errors = format_html('<div id="id_{}_error" role="alert">{}</div>', f["name"], f["errors"]) if f["errors"] else ""
    return format_html('<fieldset class="chips"><legend>{}</legend>{}{}</fieldset>', f["label"], options, errors)


@register.simple_tag
def plain_input(f, kind: str) -> str:
    """A labelled input from ``ContactForm.plain`` (a number, a moment), built here for the same reason."""
    extra = mark_safe(' inputmode="numeric" min="0" max="1440"') if kind == "number" else ""
    invalid = format_html(' aria-invalid="true" aria-describedby="{}_error"', f["id"]) if f["errors"] else ""
    errors = format_html('<div id="{}_error" role="alert">{}</div>', f["id"], f["errors"]) if f["errors"] else ""
    return format_html(
        '<label for="{}">{}</label><input type="{}" name="{}" id="{}" value="{}"{}{}>{}',
        f["id"], f["label"], kind, f["name"], f["id"], f["value"], extra, invalid, errors,
    )  # fmt: skip


@register.simple_tag
def goods_inputs(goods) -> str:
    return format_html_join(
        "",
        '<div class="goods-row">{}</div>',
        ((plain_input(g, "number"),) for g in goods),
    )
