"""Who may see and do what: the one place this is decided.

Read the table as sentences: "a coordinator may erase a record", "an evaluator may see aggregates".
Which *people* a role sees is decided below the table, in ``visible_peers`` and
``visible_supporters``. Views never decide this themselves: they call ``can`` and the
``visible_*`` functions, or the lookups in ``access.lookups`` that combine them with auditing.
"""

from __future__ import annotations

from enum import StrEnum

from django.db.models import Q, QuerySet

from organisations.models import Membership, Role
from people.models import Assignment, Peer, PeerSupporter


class Do(StrEnum):
    SEE_PEERS = "see peers"
    ADD_PEER = "add a peer"
    EDIT_PEER = "edit a peer"
    RECORD_CONSENT = "record consent"
    ASSIGN_WORKERS = "assign who works with a peer"
    EXPORT_RECORD = "export a person's record"
    ERASE_RECORD = "erase a person's record"
    SEE_SUPPORTERS = "see peer supporters"
    EDIT_SUPPORTERS = "edit peer supporters"
    READ_AUDIT_LOG = "read the audit log"
    INVITE_MEMBERS = "invite members"
    SEE_AGGREGATES = "see aggregate figures"
    MANAGE_ORGANISATION = "manage the organisation's settings, partners and consent texts"
    RUN_BATCHES = "run matching batches and send their offers"
    RECORD_OFFERS = "offer a peer supporter to a peer and record their answer"
    RECORD_EXCLUSIONS = "see and record who must never be put together"
    MANAGE_MATCHING = "change the organisation's matching settings"
    SEE_AGREEMENTS = "see the support agreements of the peers they look after"
    RECORD_AGREEMENTS = "record a support agreement with a peer they support"
    SET_SHARING_THRESHOLD = "set the organisation's information-sharing threshold"
    RECORD_INTAKE = "record an intake safety conversation and how a peer arrived"
    SEE_NETWORK_LINKS = "read what an intake says of someone here being linked to the same network"
    SEE_WAITING_LIST = "see the waiting list and say why a peer is waiting"
    SEE_REFERRALS = "see the referrals of the peers they look after"
    MAKE_REFERRALS = "refer a peer they work with to a partner, and follow the referral"


ADMIN, COORDINATOR, SUPERVISOR = Role.ADMIN, Role.COORDINATOR, Role.SUPERVISOR
PEER_SUPPORTER, STAFF, EVALUATOR = Role.PEER_SUPPORTER, Role.STAFF, Role.EVALUATOR

# Who may do what. What they do it *to* is limited further by visible_peers/visible_supporters.
ALLOWED: dict[Do, frozenset[Role]] = {
    Do.SEE_PEERS: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER, STAFF}),
    Do.ADD_PEER: frozenset({ADMIN, COORDINATOR, PEER_SUPPORTER, STAFF}),
    Do.EDIT_PEER: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER, STAFF}),
    Do.RECORD_CONSENT: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER, STAFF}),
    Do.ASSIGN_WORKERS: frozenset({ADMIN, COORDINATOR}),
    Do.EXPORT_RECORD: frozenset({ADMIN, COORDINATOR}),
    Do.ERASE_RECORD: frozenset({ADMIN, COORDINATOR}),
    Do.SEE_SUPPORTERS: frozenset({ADMIN, COORDINATOR, SUPERVISOR}),
    Do.EDIT_SUPPORTERS: frozenset({ADMIN, COORDINATOR}),
    Do.READ_AUDIT_LOG: frozenset({ADMIN}),
    Do.INVITE_MEMBERS: frozenset({ADMIN}),
    Do.SEE_AGGREGATES: frozenset({ADMIN, COORDINATOR, EVALUATOR}),
    Do.MANAGE_ORGANISATION: frozenset({ADMIN}),
    Do.RUN_BATCHES: frozenset({ADMIN, COORDINATOR}),
    # Coordinators and admins only: a supporter does not see a peer before the peer has accepted
    # them (an offer declined must not leave them knowing who declined), so they cannot record it.
    Do.RECORD_OFFERS: frozenset({ADMIN, COORDINATOR}),
    Do.RECORD_EXCLUSIONS: frozenset({ADMIN, COORDINATOR}),
    Do.MANAGE_MATCHING: frozenset({ADMIN, COORDINATOR}),
    # Which agreements (a peer's own supporter records them; their supervisor and the organisation-wide
    # roles read them) is decided in agreements/access.py, from these.
    Do.SEE_AGREEMENTS: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER}),
    Do.RECORD_AGREEMENTS: frozenset({SUPERVISOR, PEER_SUPPORTER}),
    Do.SET_SHARING_THRESHOLD: frozenset({ADMIN}),
    # The intake conversation is had by whoever registers peers; what it says of someone in the
    # organisation being linked to the same network is read back only by those who record exclusions.
    Do.RECORD_INTAKE: frozenset({ADMIN, COORDINATOR, PEER_SUPPORTER, STAFF}),
    Do.SEE_NETWORK_LINKS: frozenset({ADMIN, COORDINATOR}),
    Do.SEE_WAITING_LIST: frozenset({ADMIN, COORDINATOR}),
    # Which referrals (the peer's own workers, their supervisor, the organisation-wide roles: those who
    # see the peer) is decided in referrals/access.py, from these. A supervisor reads them only.
    Do.SEE_REFERRALS: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER, STAFF}),
    Do.MAKE_REFERRALS: frozenset({ADMIN, COORDINATOR, PEER_SUPPORTER, STAFF}),
}

# Roles that see the whole organisation's people, rather than only those they work with.
ORGANISATION_WIDE = frozenset({ADMIN, COORDINATOR})
# Roles that can see a person at all: two-step sign-in is required for them.
SEES_PEOPLE = ALLOWED[Do.SEE_PEERS] | ALLOWED[Do.SEE_SUPPORTERS]


def can(membership: Membership | None, action: Do) -> bool:
    return membership is not None and membership.is_active and membership.role in ALLOWED[action]


def role_sees_people(role: str) -> bool:
    return role in SEES_PEOPLE


def visible_peers(membership: Membership | None) -> QuerySet[Peer]:
    """The peers this member may see, inside their organisation's scope. Erased records never show."""
    if not can(membership, Do.SEE_PEERS):
        return Peer.objects.none()
    assert membership is not None
    # The request's scope already limits this to one organisation; saying so again costs nothing.
    peers = Peer.objects.filter(organisation_id=membership.organisation_id, erased_at__isnull=True)
    if membership.role in ORGANISATION_WIDE:
        return peers
    current = Assignment.objects.current()
    if membership.role == SUPERVISOR:
        # Their supervisees' peers, and anyone assigned to the supervisor directly.
        current = current.filter(Q(worker__supporter_profile__supervisor=membership) | Q(worker=membership))
    else:
        current = current.filter(worker=membership)
    return peers.filter(pk__in=current.values("peer_id"))


def visible_supporters(membership: Membership | None) -> QuerySet[PeerSupporter]:
    if membership is None or not membership.is_active:
        return PeerSupporter.objects.none()
    supporters = PeerSupporter.objects.filter(organisation_id=membership.organisation_id)
    if membership.role in ORGANISATION_WIDE:
        return supporters
    if membership.role == SUPERVISOR:
        return supporters.filter(supervisor=membership)
    if membership.role == PEER_SUPPORTER:
        return supporters.filter(membership=membership)  # their own profile
    return supporters.none()
