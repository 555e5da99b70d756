"""Which cohorts, sessions and invitations a member opens: the only reads across organisations.

A cohort is the host's row. An organisation opens its own cohorts and those shared with it by an
accepted ``CohortShare``; never an invitation not yet accepted, nor a withdrawn one. What a member
sees *in* a cohort (the trainees, their attendance) is never read here: those rows belong to each
trainee's organisation and the request's scope returns only its own.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from access.policy import Do, can
from organisations.models import Membership

from .models import Cohort, CohortSession, CohortShare, ShareStatus


def shares_received(membership: Membership | None) -> QuerySet[CohortShare]:
    """Invitations to this member's organisation (any status), for its admins to answer."""
    if not can(membership, Do.ANSWER_SHARED_COHORTS):
        return CohortShare.objects.none()
    assert membership is not None
    return CohortShare.objects.with_scopes_disabled().filter(guest_id=membership.organisation_id)


def cohorts_for(membership: Membership | None, needs: Do = Do.RUN_TRAINING) -> QuerySet[Cohort]:
    """The cohorts this member may open: their organisation's, and those shared with it and accepted."""
    if not can(membership, needs):
        return Cohort.objects.none()
    assert membership is not None
    org = membership.organisation_id
    accepted = CohortShare.objects.with_scopes_disabled().filter(guest_id=org, status=ShareStatus.ACCEPTED)
    return Cohort.objects.with_scopes_disabled().filter(Q(organisation_id=org) | Q(pk__in=accepted.values("cohort_id")))


def sessions_for(membership: Membership | None, needs: Do = Do.RECORD_ATTENDANCE) -> QuerySet[CohortSession]:
    return CohortSession.objects.with_scopes_disabled().filter(cohort__in=cohorts_for(membership, needs))


def is_host(membership: Membership, cohort: Cohort) -> bool:
    return cohort.organisation_id == membership.organisation_id
