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
from people.models import Assignment, AssignmentKind, AssignmentQuerySet, Peer, PeerSupporter


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
    RECORD_ABSENCES = "record who in the team is away, and when"
    SEE_DIARY = "see the diary of meetings and appointments with the peers they look after"
    PLAN_MEETINGS = "plan, move and cancel meetings with a peer they work with"
    SEE_DIRECTORY = "search the partner directory"
    MANAGE_DIRECTORY = "edit the partner directory, and import and export it"
    SEE_GOALS = "see the plans and goals of the peers they look after"
    RECORD_GOALS = "write down the goals, steps and progress of a peer they work with"
    MANAGE_LIFE_DOMAINS = "change the organisation's list of life domains"
    LOG_CONTACTS = "log contacts with the peers they work with, and one-off contacts"
    SEE_CONTACTS = "see the contacts they logged (supervisors: their supervisees' too; coordinators: everyone's)"
    READ_CONTACT_NOTES = "read the private note on a contact they logged, or one a supervisee logged"
    SET_CONTACT_SETTINGS = "set how long a silence is before a peer shows as not heard from, and the goods given"
    PLAN_ENDINGS = "plan how a peer support ends and record the closing conversation"
    ARRANGE_COVER = "arrange cover for the peers of a peer supporter who is away"
    RAISE_CONCERNS = "raise a safeguarding concern about a peer they see"
    SEE_CONCERNS = "see the safeguarding concerns they raised or that reach them"
    HANDLE_CONCERNS = "take a safeguarding concern and record what is done"
    REPORT_CONCERNS = "decide whether a concern is reported to an authority"
    KEEP_ON_CALL_ROTA = "keep the on-call rota"
    RECORD_SAFETY_FLAGS = "record staff-safety flags and aggression on a peer they see"
    LIFT_SAFETY_FLAGS = "lift a staff-safety flag"
    CHECK_IN_VISITS = "check in and out of a visit to a peer they see"
    SEE_REFERRALS = "see the referrals of the peers they look after"
    MAKE_REFERRALS = "refer a peer they work with to a partner, and follow the referral"
    SEE_SUPERVISION = "see when supervision happens and is due for the peer supporters they see"
    RECORD_SUPERVISION = "record supervision sessions with their supervisees, walking through their caseload"
    READ_SUPERVISION_NOTES = "read supervision notes: their own, or their supervisees'"
    REFLECT_ON_SUPERVISION = "add their own reflection to a supervision session they had"
    SET_SUPERVISION_FREQUENCY = "change how often a peer supporter is due supervision, with a reason"
    MANAGE_SUPERVISION = "set the organisation's default supervision frequency"
    KEEP_OWN_WELLBEING = "keep their own self-care plan, check-ins and hard moments, and read what is shared with them"
    SEE_WELLBEING_WARNINGS = "see the early warning of the peer supporters they supervise, and what they chose to share"
    USE_SUPPORTER_DIRECTORY = "join, leave and read the directory of peer supporters across organisations"
    MANAGE_WELLBEING = "change the organisation's supports for peer supporters and the early warning's limits"
    SEE_COMPETENCE = "see a peer supporter's level, sign-offs and shadowing (their own, or their supervisees')"
    SIGN_OFF_COMPETENCE = "sign off competences, record shadowing and change the level of a supporter they supervise"
    MANAGE_COMPETENCE_FRAMEWORK = "edit the organisation's competence framework and responsibility levels"
    RUN_RECRUITMENT = "run recruitment: stages, posts, readiness conversations and barriers"
    SEE_PATHS = "see the path of a peer supporter they see: the stages and readiness judgements"
    RUN_TRAINING = "run training: modules, cohorts, trainees and the documents supporters agree to"
    RECORD_ATTENDANCE = "record who came to a training session"
    ANSWER_SHARED_COHORTS = "accept another organisation's invitation to share a cohort, or withdraw"
    SEE_TRAINING_PROGRESS = "see what training a peer supporter they see has done and what is missing"
    AGREE_DOCUMENTS = "read and agree to the organisation's documents for their own role"
    COPY_OWN_RECORD = "download a copy of what the organisation holds about them as a peer supporter"


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
    Do.RECORD_ABSENCES: frozenset({ADMIN, COORDINATOR}),
    # Which meetings (the worker's own, on a current assignment, to plan; their supervisor's and the
    # organisation-wide roles' to read) is decided in diary/access.py, from these.
    Do.SEE_DIARY: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER, STAFF}),
    Do.PLAN_MEETINGS: frozenset({SUPERVISOR, PEER_SUPPORTER, STAFF}),
    # The partner directory holds no one's record: everyone who looks after peers searches it, to
    # find them help; the organisation-wide roles keep it.
    Do.SEE_DIRECTORY: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER, STAFF}),
    Do.MANAGE_DIRECTORY: frozenset({ADMIN, COORDINATOR}),
    # A peer's plan: their workers (current assignments) write it with them, and so do coordinators
    # and admins; a supervisor reads their supervisees' peers' plans and writes only as a worker
    # (goals/access.py). Evaluators see counts only (home/figures.py).
    Do.SEE_GOALS: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER, STAFF}),
    Do.RECORD_GOALS: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER, STAFF}),
    Do.MANAGE_LIFE_DOMAINS: frozenset({ADMIN, COORDINATOR}),
    # Which contacts (the worker's own, a supervisor's supervisees', everyone's for the organisation-wide
    # roles) and whose private notes (the author's and their supervisor's only) is in contacts/access.py.
    Do.LOG_CONTACTS: frozenset({COORDINATOR, SUPERVISOR, PEER_SUPPORTER, STAFF}),
    Do.SEE_CONTACTS: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER, STAFF}),
    Do.READ_CONTACT_NOTES: frozenset({SUPERVISOR, PEER_SUPPORTER, STAFF}),
    Do.SET_CONTACT_SETTINGS: frozenset({ADMIN, COORDINATOR}),
    # An ending is planned with the peer by their own supporter (or that supporter's supervisor, or the
    # organisation-wide roles); which supports each may end is decided in continuity/access.py.
    Do.PLAN_ENDINGS: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER}),
    Do.ARRANGE_COVER: frozenset({ADMIN, COORDINATOR}),
    # Safeguarding: anyone who meets a peer can say something worries them, and sees what they raised;
    # which other concerns a member sees (those sent to them, those they own) is in safeguarding/access.py.
    # Only supervisors and coordinators handle one, and decide on a report: never a peer supporter alone.
    Do.RAISE_CONCERNS: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER, STAFF}),
    Do.SEE_CONCERNS: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER, STAFF}),
    Do.HANDLE_CONCERNS: frozenset({ADMIN, COORDINATOR, SUPERVISOR}),
    Do.REPORT_CONCERNS: frozenset({ADMIN, COORDINATOR, SUPERVISOR}),
    Do.KEEP_ON_CALL_ROTA: frozenset({ADMIN, COORDINATOR}),
    # Staff safety: whoever meets a peer records what keeps them safe; lifting a flag is a decision.
    Do.RECORD_SAFETY_FLAGS: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER, STAFF}),
    Do.LIFT_SAFETY_FLAGS: frozenset({ADMIN, COORDINATOR, SUPERVISOR}),
    Do.CHECK_IN_VISITS: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER, STAFF}),
    # Which referrals (the peer's own workers, their supervisor, the organisation-wide roles: those who
    # see the peer) is decided in referrals/access.py, from these. A supervisor reads them only.
    Do.SEE_REFERRALS: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER, STAFF}),
    Do.MAKE_REFERRALS: frozenset({ADMIN, COORDINATOR, PEER_SUPPORTER, STAFF}),
    # Supervision (supervision/access.py says of whom): the supervisee, their supervisor and the member
    # who ran a session; coordinators and admins see that sessions happen, when, and what is overdue,
    # never the notes; evaluators count (home/figures.py at most). Supporters never see each other's.
    Do.SEE_SUPERVISION: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER}),
    Do.RECORD_SUPERVISION: frozenset({SUPERVISOR}),
    Do.READ_SUPERVISION_NOTES: frozenset({SUPERVISOR, PEER_SUPPORTER}),
    Do.REFLECT_ON_SUPERVISION: frozenset({PEER_SUPPORTER}),
    Do.SET_SUPERVISION_FREQUENCY: frozenset({ADMIN, COORDINATOR, SUPERVISOR}),
    Do.MANAGE_SUPERVISION: frozenset({ADMIN, COORDINATOR}),
    # A peer supporter's wellbeing is theirs (wellbeing/access.py): their own plan, check-ins and hard
    # moments; a check-in's answers reach only whom they share them with (their supervisor or a peer
    # coach they name). A supervisor sees their supervisees' early warning, and what was shared;
    # coordinators keep the organisation's supports and limits but read nobody's wellbeing.
    Do.KEEP_OWN_WELLBEING: frozenset({PEER_SUPPORTER}),
    Do.SEE_WELLBEING_WARNINGS: frozenset({SUPERVISOR}),
    Do.USE_SUPPORTER_DIRECTORY: frozenset({PEER_SUPPORTER}),
    Do.MANAGE_WELLBEING: frozenset({ADMIN, COORDINATOR}),
    # Competence: a supporter sees their own, a supervisor their supervisees' (visible_supporters) and
    # signs them off; coordinators and admins everyone's. Evaluators see counts only (SEE_AGGREGATES).
    Do.SEE_COMPETENCE: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER}),
    Do.SIGN_OFF_COMPETENCE: frozenset({ADMIN, COORDINATOR, SUPERVISOR}),
    Do.MANAGE_COMPETENCE_FRAMEWORK: frozenset({ADMIN, COORDINATOR}),
    # Recruitment is run by the organisation-wide roles. A path is seen, through visible_supporters, by
    # them, by a supervisor for their own supervisees and by the person themselves (recruitment/access.py
    # says which parts: the notes of a conversation and the barriers are the organisation's).
    Do.RUN_RECRUITMENT: frozenset({ADMIN, COORDINATOR}),
    Do.SEE_PATHS: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER}),
    # Training: coordinators run it and are its trainers (they take attendance, of their own
    # organisation's trainees only, in a shared cohort too); an admin accepts a shared cohort. Whose
    # progress is seen is visible_supporters: a supporter their own, a supervisor their supervisees'.
    # Evaluators see counts only (the dashboard panel).
    Do.RUN_TRAINING: frozenset({ADMIN, COORDINATOR}),
    Do.RECORD_ATTENDANCE: frozenset({ADMIN, COORDINATOR}),
    Do.ANSWER_SHARED_COHORTS: frozenset({ADMIN}),
    Do.SEE_TRAINING_PROGRESS: frozenset({ADMIN, COORDINATOR, SUPERVISOR, PEER_SUPPORTER}),
    Do.AGREE_DOCUMENTS: frozenset({PEER_SUPPORTER}),
    # Their own, and only theirs: a copy of what erasure would touch (datarights.supporters).
    Do.COPY_OWN_RECORD: frozenset({PEER_SUPPORTER}),
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


def their_work(membership: Membership) -> Q:
    """On assignments: the work this member does, or oversees as the worker's supervisor, or (the
    organisation-wide roles) any. The diary, the support agreements and endings are read by these
    people; ``is_their_work`` is the same rule for one assignment already loaded."""
    if membership.role in ORGANISATION_WIDE:
        return Q()
    if membership.role == SUPERVISOR:
        return Q(worker=membership) | Q(worker__supporter_profile__supervisor=membership)
    return Q(worker=membership)


def peer_supports_seen(membership: Membership) -> AssignmentQuerySet:
    """The peer supports (with a worker) of the peers this member sees: what the support agreements and
    endings narrow down, with ``their_work`` or to the member's own."""
    return Assignment.objects.filter(
        kind=AssignmentKind.PEER_SUPPORT, worker__isnull=False, peer__in=visible_peers(membership)
    )


def is_their_work(membership: Membership, assignment: Assignment) -> bool:
    """``their_work`` for one assignment loaded with its worker's supporter profile (no query)."""
    if assignment.worker_id is None:
        return False
    if membership.role in ORGANISATION_WIDE or assignment.worker_id == membership.pk:
        return True
    if membership.role != SUPERVISOR:
        return False
    profile = getattr(assignment.worker, "supporter_profile", None)
    return profile is not None and profile.supervisor_id == membership.pk


def visible_supporters(membership: Membership | None) -> QuerySet[PeerSupporter]:
    if membership is None or not membership.is_active:
        return PeerSupporter.objects.none()
    supporters = PeerSupporter.objects.filter(organisation_id=membership.organisation_id, erased_at__isnull=True)
    if membership.role in ORGANISATION_WIDE:
        return supporters
    if membership.role == SUPERVISOR:
        return supporters.filter(supervisor=membership)
    if membership.role == PEER_SUPPORTER:
        return supporters.filter(membership=membership)  # their own profile
    return supporters.none()
