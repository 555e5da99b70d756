"""Which referrals a member sees, and the audited lookup every referral page uses.

Built from the table (``Do.SEE_REFERRALS`` / ``Do.MAKE_REFERRALS``) and ``visible_peers``: the peer's
own workers (peer supporters and staff currently assigned), their supervisor, coordinators and admins.
Anyone else, and any referral of another peer or organisation asked for under this peer's address,
gets the audited 404.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from access.lookups import record_id_or_none, refuse
from access.policy import Do, can, visible_peers
from audit.log import audit
from audit.models import Action
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
    peer_pk, referral_pk = record_id_or_none(peer_id), record_id_or_none(referral_id)
    if peer_pk is None:
        raise refuse(request, "peer", peer_id)
    if referral_pk is None:
        raise refuse(request, "referral", referral_id)
    referral = (
        visible_referrals(getattr(request, "membership", None), needs)
        .filter(pk=referral_pk, peer_id=peer_pk)
        .select_related("peer", "partner", "contact_method", "made_by", "explained_by")
        .first()
    )
    if referral is None:
        raise refuse(request, "referral", referral_id)
    audit(request.user, Action.VIEW, referral.peer, reason=OPENED_FOR)
    return referral
