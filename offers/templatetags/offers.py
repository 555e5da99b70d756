"""``{% offers_on_record peer %}``: the offers made to a peer, on their record, for those who record offers."""

from __future__ import annotations

from django import template

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


@register.inclusion_tag("offers/offer_button.html", takes_context=True)
def offer_button(context, peer, supporter):
    """On the suggestions page: "offer this supporter", which makes an offer for that peer."""
    membership = getattr(context.get("request"), "membership", None)
    return {
        "shown": can(membership, Do.RECORD_OFFERS),
        "peer": peer,
        "supporter": supporter,
        "csrf_token": context.get("csrf_token"),
    }
