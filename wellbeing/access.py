"""Whose wellbeing a member opens, beside its models (from ``Do`` in access/policy.py).

A supporter's plan, check-ins and hard moments are theirs alone. A check-in's answers are read by
the supporter and by whom they shared that check-in with: their supervisor (as their supervisor is
now), or the peer coach they named. A supervisor sees the early warning of the supporters they
supervise (whether a conversation is suggested, never the answers unless shared). Nobody else, not
a coordinator nor an admin, reads any of it; evaluators only counts.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from access.policy import Do, can
from organisations.models import Membership
from people.models import PeerSupporter

from .models import CheckIn, ShareWith


def own_profile(membership: Membership | None) -> PeerSupporter | None:
    """The member's own peer-supporter profile, if they may keep their wellbeing here."""
    if not can(membership, Do.KEEP_OWN_WELLBEING):
        return None
    return PeerSupporter.objects.filter(membership=membership).select_related("membership__user").first()


def supervisees(membership: Membership | None) -> QuerySet[PeerSupporter]:
    """The peer supporters whose early warning this member sees: those they supervise."""
    if not can(membership, Do.SEE_WELLBEING_WARNINGS):
        return PeerSupporter.objects.none()
    assert membership is not None
    return PeerSupporter.objects.filter(
        supervisor=membership, organisation_id=membership.organisation_id
    ).select_related("membership__user")


def shared_with(membership: Membership | None) -> QuerySet[CheckIn]:
    """The check-ins of others whose answers were shared with this member."""
    if membership is None or not membership.is_active:
        return CheckIn.objects.none()
    as_coach = Q(share_with=ShareWith.COACH, coach=membership)
    as_supervisor = Q(share_with=ShareWith.SUPERVISOR, member__supporter_profile__supervisor=membership)
    rule = Q(pk__in=[])
    if can(membership, Do.KEEP_OWN_WELLBEING):
        rule |= as_coach
    if can(membership, Do.SEE_WELLBEING_WARNINGS):
        rule |= as_supervisor
    return CheckIn.objects.filter(rule, organisation_id=membership.organisation_id).exclude(member=membership)
