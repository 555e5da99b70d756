"""Who sees which supervision, built from ``access.policy`` (``can``, ``visible_supporters``):

- a supervisee's supervision page opens for those who see the supporter (``supporter_for``): the
  supporter themselves, their supervisor, coordinators and admins; nobody else (other supporters
  never, evaluators never: they count);
- a session's notes, topics, caseload lines and reflection are read by the supervisee, their
  supervisor (``PeerSupporter.supervisor``) and the member who ran or recorded the session: never by a
  coordinator or an admin, who see that sessions happen, when, how long and what is overdue;
- sessions are recorded by a supervisor for the supporters they supervise.
"""

from __future__ import annotations

from django.db.models import F, Q, QuerySet
from django.http import HttpRequest

from access.lookups import refuse, supporter_for
from access.policy import ORGANISATION_WIDE, Do, can
from organisations.models import Membership, Role
from people.models import PeerSupporter

from .models import Supervisee


def seen_supervisees(membership: Membership | None) -> QuerySet[Supervisee]:
    """The supervisee rows (one person in one session) this member may see, each annotated with
    ``their_supervisor`` (for ``may_read_notes``), session selected."""
    if not can(membership, Do.SEE_SUPERVISION):
        return Supervisee.objects.none()
    assert membership is not None
    rows = (
        Supervisee.objects.filter(organisation_id=membership.organisation_id)
        .select_related("session")
        .annotate(their_supervisor=F("supporter__supervisor"))
    )
    if membership.role in ORGANISATION_WIDE:
        return rows
    if membership.role == Role.SUPERVISOR:
        return rows.filter(
            Q(supporter__supervisor=membership) | Q(session__supervisor=membership) | Q(session__recorded_by=membership)
        )
    return rows.filter(supporter__membership=membership)


def may_read_notes(membership: Membership | None, row: Supervisee) -> bool:
    """The supervisee, their supervisor, or whoever ran or recorded the session (``row`` from
    ``seen_supervisees``). Coordinators and admins never: they see dates and overdue."""
    if not can(membership, Do.READ_SUPERVISION_NOTES) or membership is None:
        return False
    if membership.role == Role.PEER_SUPPORTER:
        return row.supporter.membership_id == membership.pk
    return membership.pk in (
        getattr(row, "their_supervisor", None),
        row.session.supervisor_id,
        row.session.recorded_by_id,
    )


def supervisee_for(request: HttpRequest, supporter_id: object, needs: Do = Do.SEE_SUPERVISION) -> PeerSupporter:
    """The supporter ``supporter_id`` if this member may ``needs`` their supervision and sees them;
    otherwise the audited 404. Opening it is written to the audit log (``supporter_for``)."""
    membership = getattr(request, "membership", None)
    if not can(membership, needs):
        raise refuse(request, "peersupporter", supporter_id)
    # A supervisor sees (visible_supporters) exactly those they supervise: the ones they record with.
    return supporter_for(request, supporter_id)  # type: ignore[arg-type]


def session_row_for(request: HttpRequest, supporter: PeerSupporter, session_id: object) -> Supervisee:
    """This supporter's row of session ``session_id``, if this member sees it; otherwise the audited 404
    (the same for another supporter's session asked for under this supporter's address)."""
    from access.lookups import record_id_or_none

    pk = record_id_or_none(session_id)
    row = None
    if pk is not None:
        row = (
            seen_supervisees(getattr(request, "membership", None))
            .select_related("supporter", "session__supervisor__user")
            .filter(supporter=supporter, session_id=pk)
            .first()
        )
    if row is None:
        raise refuse(request, "session", session_id)
    return row
