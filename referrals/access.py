"""Which referrals a member sees, and the audited lookup every referral page uses.

Built from the table (``Do.SEE_REFERRALS`` / ``Do.MAKE_REFERRALS``) and ``visible_peers``: the peer's
own workers (peer supporters and staff currently assigned), their supervisor, coordinators and admins.
Anyone else, and any referral of another peer or organisation asked for under this peer's address,
gets the audited 404.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from access.lookups import peers_record_for
from access.policy import Do, can, visible_peers
from organisations.models import Membership

from .models import Referral

OPENED_FOR = "referral"  # the reason on the peer's audit entry when a referral page opens


def visible_referrals(membership: Membership | None, needs: Do = Do.SEE_REFERRALS) -> QuerySet[Referral]:
    if not can(membership, needs):
        return Referral.objects.none()
    return Referral.objects.filter(peer__in=visible_peers(membership))


def referral_for(request: HttpRequest, peer_id: object, referral_id: object, needs: Do = Do.SEE_REFERRALS) -> Referral:
    """Referral ``referral_id`` of peer ``peer_id``, with its peer and partner, if this member may
    ``needs`` it; otherwise an audited 404. Opening it is written to the peer's audit trail."""
    referrals = visible_referrals(getattr(request, "membership", None), needs)
    records = referrals.select_related("peer", "partner", "contact_method", "made_by", "explained_by")
    return peers_record_for(request, records, "referral", peer_id, referral_id, reason=OPENED_FOR)
