"""``{% rematch_link supporter %}``: on a supporter's record, re-matching their peers (for those who run batches)."""

from __future__ import annotations

from django import template

from access.policy import Do, can

register = template.Library()


@register.inclusion_tag("batches/rematch_link.html", takes_context=True)
def rematch_link(context, supporter):
    membership = getattr(context.get("request"), "membership", None)
    return {"shown": can(membership, Do.RUN_BATCHES), "supporter": supporter}
