"""``{% safeguarding_on_record peer %}`` (on the peer's record: staff-safety flags, "Something worries
me", the visit check-in, the concerns this member sees) and ``{% safeguarding_dashboard %}`` (on the
home dashboard: concerns that need this member, loudly; overdue visit check-outs for the duty
coordinator; their own visit; a "Something worries me" button for each peer they support)."""

from __future__ import annotations

from django import template
from django.db.models import Count, Max
from django.utils import timezone

from access.policy import Do, can, visible_peers

from .. import services
from ..access import visible_concerns
from ..models import AggressionRecord, SafetyFlag, Visit

register = template.Library()

SHOWN = 5  # concerns listed on the record (the concerns page has them all)
WORRY_BUTTONS = 8  # peers with a button on a supporter's dashboard


@register.inclusion_tag("safeguarding/on_the_peer_record.html", takes_context=True)
def safeguarding_on_record(context, peer):
    membership = getattr(context.get("request"), "membership", None)
    if membership is None:
        return {"shown": False}
    flags = list(SafetyFlag.objects.filter(peer=peer, lifted_at__isnull=True).order_by("added_at", "pk"))
    aggression = AggressionRecord.objects.filter(peer=peer).aggregate(n=Count("pk"), last=Max("happened_on"))
    concerns = []
    if can(membership, Do.SEE_CONCERNS):
        concerns = list(visible_concerns(membership).filter(peer=peer).order_by("-raised_at", "-pk")[:SHOWN])
    visit = None
    if can(membership, Do.CHECK_IN_VISITS):
        visit = Visit.objects.filter(peer=peer, visitor=membership, checked_out_at__isnull=True).first()
    return {
        "shown": True,
        "peer": peer,
        "flags": flags,
        "aggression_count": aggression["n"],
        "last_aggression": aggression["last"],
        "concerns": concerns,
        "visit": visit,
        "can_raise": can(membership, Do.RAISE_CONCERNS),
        "can_visit": can(membership, Do.CHECK_IN_VISITS),
        "can_flag": can(membership, Do.RECORD_SAFETY_FLAGS),
    }


@register.inclusion_tag("safeguarding/dashboard_panel.html", takes_context=True)
def safeguarding_dashboard(context):
    membership = getattr(context.get("request"), "membership", None)
    if membership is None:
        return {}
    needing, overdue_visits, my_visits, my_peers = [], [], [], []
    if can(membership, Do.HANDLE_CONCERNS):
        needing = list(services.concerns_needing(membership))
    if can(membership, Do.CHECK_IN_VISITS):
        my_visits, overdue_visits = services.visits_on_the_dashboard(membership)
    if can(membership, Do.RAISE_CONCERNS) and membership.role not in ("admin", "coordinator"):
        my_peers = list(
            visible_peers(membership).order_by("chosen_name", "pk").only("pk", "chosen_name")[:WORRY_BUTTONS]
        )
    return {
        "needing": needing,
        "overdue_count": sum(1 for c in needing if services.is_overdue(c)),
        "overdue_visits": overdue_visits,
        "my_visits": my_visits,
        "my_peers": my_peers,
        "now": timezone.now(),
    }
