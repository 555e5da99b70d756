"""The referrals on a peer's record (one query), for those who see them."""

from __future__ import annotations

from django import template
from django.utils import timezone

from access.policy import Do, can

from ..models import Referral

register = template.Library()


@register.inclusion_tag("referrals/on_the_peer_record.html", takes_context=True)
def referrals_on_record(context, peer):
    membership = getattr(context["request"], "membership", None)
    if not can(membership, Do.SEE_REFERRALS):  # the page itself already checked that they see the peer
        return {"shown": False}
    today = timezone.localdate()
    referrals = list(
        Referral.objects.filter(peer=peer)
        .select_related("partner")
        .only(
            "pk", "organisation_id", "peer_id", "partner__name", "made_at", "status", "outcome", "warm_handoff",
            "acknowledge_by", "outcome_by", "sharing_ended_at",
        )
        .order_by("-made_at", "-pk")[:20]
    )  # fmt: skip
    for referral in referrals:
        referral.overdue = referral.is_overdue(today)
    return {
        "shown": True,
        "peer": peer,
        "referrals": referrals,
        "may_refer": can(membership, Do.MAKE_REFERRALS),
    }
