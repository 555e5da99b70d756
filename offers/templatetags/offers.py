"""``{% offers_on_record peer %}``: the offers made to a peer, on their record, for those who record offers."""

from __future__ import annotations

from collections.abc import Callable

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from access.policy import Do, can

from ..models import Offer

register = template.Library()

SHOWN = 3


@register.inclusion_tag("offers/on_record.html", takes_context=True)
def offers_on_record(context, peer):
    membership = getattr(context.get("request"), "membership", None)
    if not can(membership, Do.RECORD_OFFERS):
        return {"shown": False}
    offers = list(
        Offer.objects.filter(peer=peer)
        .select_related("supporter__membership__user")
        .order_by("-made_at", "-pk")[: SHOWN + 1]
    )
    return {"shown": True, "peer": peer, "offers": offers[:SHOWN], "more": len(offers) > SHOWN}


def offer_buttons(context, peer) -> Callable[[int, str], str]:
    """ "Offer this supporter" for one supporter after another (the suggestions page draws one per
    suggestion): the words translated, the address and the form's token worked out once.

    The function takes the supporter's id and their name, already escaped, and gives the button's HTML;
    for someone who may not record offers, nothing (a line break, as the template this replaced).
    """
    membership = getattr(context.get("request"), "membership", None)
    if not can(membership, Do.RECORD_OFFERS):
        return lambda supporter_id, name: "\n"
    action = escape(reverse("offers:peer_offers", args=[peer.pk]))
    token = context.get("csrf_token")  # as {% csrf_token %} writes it
    csrf = f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(token)}">' if token else ""
    if token == "NOTPROVIDED":  # noqa: S105 (Django's marker for "no token here", not a secret)
        csrf = ""
    words = gettext("Offer %(name)s")

    def button(supporter_id: int, name: str) -> str:
        return (
            f'<footer><form method="post" action="{action}">{csrf}<input type="hidden" name="supporter"'
            f' value="{int(supporter_id)}"><button type="submit">{words % {"name": name}}</button></form></footer>\n'
        )

    return button


@register.simple_tag(takes_context=True)
def offer_button(context, peer, supporter):
    """ "Offer this supporter", which makes an offer of them to that peer."""
    name = escape(supporter.membership.user.display_name)
    return mark_safe(offer_buttons(context, peer)(supporter.pk, name))  # noqa: S308 (escaped above)
