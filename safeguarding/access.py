"""Which safeguarding concerns a member sees, and the audited lookup every concern page uses.

Built from ``access.policy.can`` (the table):
- anyone who may ``Do.SEE_CONCERNS`` sees the concerns they raised;
- a concern is also seen by those it was sent to (the raiser's supervisor, or the deputy standing in
  for them, and the duty coordinator: ``ConcernRecipient``) and by whoever took it (its owner);
- coordinators and admins see every concern of their organisation;
- nobody else: a peer supporter never sees another's concern about the same peer, a supervisor never
  sees a concern that was not sent to them, an evaluator sees none; they get the same audited 404 as
  for a record of another organisation. An erased peer's concerns are seen by nobody.

Handling one (taking it, actions, what the peer was told and wants, the outcome) also needs
``Do.HANDLE_CONCERNS``, and deciding on a report ``Do.REPORT_CONCERNS``: a peer supporter who raised a
concern follows it, and never decides it.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest

from access.lookups import record_id_or_none, refuse
from access.policy import ORGANISATION_WIDE, Do, can
from audit.log import audit
from audit.models import Action
from organisations.models import Membership

from .models import Concern, ConcernRecipient

OPENED_FOR = "safeguarding concern"  # the reason on the peer's audit entry when a concern opens


def visible_concerns(membership: Membership | None) -> QuerySet[Concern]:
    if not can(membership, Do.SEE_CONCERNS):
        return Concern.objects.none()
    assert membership is not None
    concerns = Concern.objects.filter(organisation_id=membership.organisation_id, peer__erased_at__isnull=True)
    if membership.role in ORGANISATION_WIDE:
        return concerns
    sent_to_them = ConcernRecipient.objects.filter(concern=OuterRef("pk"), membership=membership)
    return concerns.filter(Q(raised_by=membership) | Q(owner=membership) | Exists(sent_to_them))


def may_handle(membership: Membership | None, concern: Concern) -> bool:
    """For a concern this member already sees: may they take it and record what is done?"""
    return can(membership, Do.HANDLE_CONCERNS)


def may_report(membership: Membership | None, concern: Concern) -> bool:
    return can(membership, Do.REPORT_CONCERNS)


def concern_for(request: HttpRequest, concern_id: object) -> Concern:
    """The concern ``concern_id`` with its peer, if this member sees it; otherwise an audited 404 (the
    same for every reason, and for a concern of another organisation). Opening it is written to the
    peer's audit trail, and to the concern's."""
    pk = record_id_or_none(concern_id)
    concern = None
    if pk is not None:
        concern = (
            visible_concerns(getattr(request, "membership", None))
            .filter(pk=pk)
            .select_related("peer", "raised_by__user", "owner__user", "report_decided_by__user", "from_contact")
            .first()
        )
    if concern is None:
        raise refuse(request, "concern", concern_id)
    audit(request.user, Action.VIEW, concern.peer, reason=OPENED_FOR)
    return concern
