"""Who sees which contacts, whose private notes, and the audited lookup of the assignment a contact
is logged on. Built from ``access.policy`` (``can`` and ``visible_peers``):

- a contact is logged by the assignment's worker, on a current assignment of a peer they see;
- contacts are seen by the worker who logged them, that worker's supervisor, and coordinators and
  admins (organisation-wide); evaluators see counts only (the figures);
- the private note is read only by its author and the author's supervisor: not by coordinators or
  admins, who see that a contact happened, how, how long and what kind (ARCHITECTURE.md says why).
"""

from __future__ import annotations

from django.db.models import F, Q, QuerySet
from django.http import HttpRequest

from access.lookups import peers_record_for
from access.policy import ORGANISATION_WIDE, Do, can
from organisations.models import Membership, Role
from people.models import Assignment

from .models import Contact

OPENED_FOR = "contact log"  # the reason on the peer's audit entry when a contact page opens


def seen_contacts(membership: Membership | None) -> QuerySet[Contact]:
    """The contacts this member may see, each with ``worker_supervisor`` (for ``may_read_note``)."""
    if not can(membership, Do.SEE_CONTACTS):
        return Contact.objects.none()
    assert membership is not None
    contacts = Contact.objects.filter(organisation_id=membership.organisation_id).annotate(
        worker_supervisor=F("worker__supporter_profile__supervisor")
    )
    if membership.role in ORGANISATION_WIDE:
        return contacts
    if membership.role == Role.SUPERVISOR:
        return contacts.filter(Q(worker=membership) | Q(worker__supporter_profile__supervisor=membership))
    return contacts.filter(worker=membership)


def may_read_note(membership: Membership | None, contact: Contact) -> bool:
    """The author, or the author's supervisor (``contact`` from ``seen_contacts``)."""
    if not can(membership, Do.READ_CONTACT_NOTES) or membership is None or contact.worker_id is None:
        return False
    return contact.worker_id == membership.pk or getattr(contact, "worker_supervisor", None) == membership.pk


def loggable_assignments(membership: Membership | None) -> QuerySet[Assignment]:
    """The current assignments this member works on, of peers they see: where they log contacts.

    Every role that logs contacts sees the peers of its own current assignments (``visible_peers``),
    so "of peers they see" is "not erased" here; written so, it is a third of the page's cost
    (``tests/test_who_logs.py`` checks that it stays inside ``visible_peers``).
    """
    if not can(membership, Do.LOG_CONTACTS) or not can(membership, Do.SEE_PEERS):
        return Assignment.objects.none()
    assert membership is not None
    return Assignment.objects.current().filter(
        worker=membership, organisation_id=membership.organisation_id, peer__erased_at__isnull=True
    )


def assignment_to_log(request: HttpRequest, peer_id: object, assignment_id: object, *, audited: bool = True):
    """Assignment ``assignment_id`` of peer ``peer_id``, with its peer, if this member logs contacts on
    it; otherwise an audited 404 (the same for every reason and for another organisation's record).
    """
    assignments = loggable_assignments(getattr(request, "membership", None)).select_related("peer")
    reason = OPENED_FOR if audited else None
    return peers_record_for(request, assignments, "assignment", peer_id, assignment_id, reason=reason)
