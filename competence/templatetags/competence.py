"""The supporter's level on their page, with the link to their competence record (one query)."""

from __future__ import annotations

from django import template

from access.policy import Do, can
from competence.models import HeldLevel

register = template.Library()


@register.inclusion_tag("competence/on_the_supporter_page.html", takes_context=True)
def competence_link(context, supporter):
    if not can(getattr(context["request"], "membership", None), Do.SEE_COMPETENCE):
        return {"supporter": None}
    held = HeldLevel.objects.filter(supporter=supporter).select_related("level").first()
    return {"supporter": supporter, "level": held.level if held else None}
