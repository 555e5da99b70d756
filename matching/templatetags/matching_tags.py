"""``{% if current_membership|may:"RECORD_EXCLUSIONS" %}``: the policy, asked from a template."""

from django import template

from access.policy import Do, can

register = template.Library()


@register.filter
def may(membership, action: str) -> bool:
    return can(membership, Do[action])
