"""Walk every page that shows or changes person data, as every role, for our own and another
organisation's records.

The pages are found in the URLconf, not listed by hand: any route with a ``peer_id``,
``supporter_id`` or ``assignment_id`` is walked, and so are the pages declared below in
``PAGES_WITHOUT_AN_OBJECT``. ``test_every_url_is_classified`` fails when a URL is added that is
neither walked nor declared as holding no person data, so a new page cannot slip past.

The policy (``access.policy``) decides what the answer should be. Where it allows, the page
answers 200 or 302; where it does not, and always for another organisation's record, the page
answers 404 (never 403, never the record) and the refusal is in the audit log.

Each page is tried with three records: one of our organisation that the role may see (``own``),
every record of our organisation that the role may *not* see (``hidden``, derived from the policy:
our organisation's records minus ``visible_peers`` / ``visible_supporters``, an erased peer among
them), and one of another organisation (``other``). So a view that fetched any record of the
organisation instead of the visible ones fails the walk.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from access.policy import ORGANISATION_WIDE, Do, can, visible_peers, visible_supporters
from accounts.idle import SESSION_KEY as IDLE_CLOCK
from audit.models import Action, AuditEvent
from batches.access import visible_batches
from batches.models import Batch, BatchKind
from conftest import assign, build_cast, make_member, make_peer, make_supporter
from datarights.services import erase_peer
from datarights.supporters import erase_supporter
from diary.models import Meeting
from directory.models import DirectoryImport, Location, Service, ServiceAtLocation
from goals.models import Goal, ProgressEntry, Step
from offers.models import Offer
from organisations.models import Membership, Partner, Role
from organisations.tenancy import all_organisations, organisation_scope
from people.models import Assignment, AssignmentKind, Peer, PeerSupporter
from recruitment import services as recruitment  # noqa: E402
from recruitment.models import (  # noqa: E402
    Post,
)
from referrals.models import PartnerLink, Referral  # noqa: E402 (sorted after the merge)
from resilience.models import SignedInSession
from safeguarding import services as safeguarding
from safeguarding.models import (
    Concern,
    ConcernRecipient,
)
from supervision.models import CaseloadNote, Supervisee
from supervision.models import Session as SupervisionSession
from training.models import (
    Cohort,
    CohortSession,
    CohortShare,
    Module,
    ShareStatus,
    Trainee,
)

# A route with one of these in it opens one person's record.
OBJECT_KWARGS = frozenset(
    {"peer_id", "supporter_id", "assignment_id", "offer_id", "batch_id", "meeting_id", "goal_id", "concern_id"}
    | {"referral_id", "session_id"}
)

# What each page that opens one record needs, besides being able to see that record.
# None: seeing the record (visible_peers / visible_supporters) is all it needs.
OBJECT_PAGES: dict[str, Do | None] = {
    "people:peer_detail": Do.SEE_PEERS,
    "people:peer_opened": Do.SEE_PEERS,
    "people:peer_edit": Do.EDIT_PEER,
    "people:peer_assign": Do.ASSIGN_WORKERS,
    "people:assignment_end": Do.ASSIGN_WORKERS,
    "people:supporter_detail": None,
    "people:supporter_edit": Do.EDIT_SUPPORTERS,
    "consent:record": Do.RECORD_CONSENT,
    "consent:withdraw": Do.RECORD_CONSENT,
    "datarights:export_json": Do.EXPORT_RECORD,
    "datarights:export_html": Do.EXPORT_RECORD,
    "datarights:erase": Do.ERASE_RECORD,
    "datarights:erase_supporter": Do.ERASE_RECORD,
    "offers:peer_offers": Do.RECORD_OFFERS,
    "offers:offer_detail": Do.RECORD_OFFERS,
    "batches:batch_detail": Do.RUN_BATCHES,
    "batches:rematch_start": Do.RUN_BATCHES,
    "matching:suggestions": Do.ASSIGN_WORKERS,
    "matching:peer_wishes": Do.EDIT_PEER,
    "matching:peer_exclusions": Do.RECORD_EXCLUSIONS,
    "matching:supporter_exclusions": Do.RECORD_EXCLUSIONS,
    "matching:supporter_details": Do.EDIT_SUPPORTERS,
    "intake:peer_intake": Do.SEE_PEERS,
    "intake:record_intake": Do.RECORD_INTAKE,
    "intake:waiting_reason": Do.SEE_WAITING_LIST,
    "agreements:agreement": Do.SEE_AGREEMENTS,
    "agreements:for_the_peer": Do.SEE_AGREEMENTS,
    "agreements:record": Do.RECORD_AGREEMENTS,
    "diary:supporter_diary": Do.SEE_DIARY,
    "diary:plan": Do.PLAN_MEETINGS,
    "diary:meeting": Do.SEE_DIARY,
    "diary:move": Do.PLAN_MEETINGS,
    "diary:cancel": Do.PLAN_MEETINGS,
    "diary:outcome": Do.PLAN_MEETINGS,
    "goals:plan": Do.SEE_GOALS,
    "goals:for_the_peer": Do.SEE_GOALS,
    "goals:goal": Do.SEE_GOALS,
    "goals:goal_new": Do.RECORD_GOALS,
    "goals:goal_edit": Do.RECORD_GOALS,
    "goals:step_add": Do.RECORD_GOALS,
    "goals:step_done": Do.RECORD_GOALS,
    "goals:progress_add": Do.RECORD_GOALS,
    "contacts:peer_contacts": Do.SEE_CONTACTS,
    "contacts:log": Do.LOG_CONTACTS,
    "contacts:draft": Do.LOG_CONTACTS,
    "contacts:engagement": Do.LOG_CONTACTS,
    "contacts:supporter_contacts": Do.SEE_CONTACTS,
    "continuity:plan_ending": Do.PLAN_ENDINGS,
    "continuity:closing_conversation": Do.PLAN_ENDINGS,
    "continuity:coming_back": Do.ASSIGN_WORKERS,
    "continuity:cover": Do.ARRANGE_COVER,
    "safeguarding:raise": Do.RAISE_CONCERNS,
    "safeguarding:peer_safety": Do.RECORD_SAFETY_FLAGS,
    "safeguarding:visit": Do.CHECK_IN_VISITS,
    "safeguarding:concern": Do.SEE_CONCERNS,
    "referrals:new_referral": Do.MAKE_REFERRALS,
    "referrals:referral_detail": Do.SEE_REFERRALS,
    "referrals:referral_print": Do.SEE_REFERRALS,
    "referrals:record_step": Do.MAKE_REFERRALS,
    "referrals:take_back": Do.MAKE_REFERRALS,
    "referrals:new_link": Do.MAKE_REFERRALS,
    # Supervision: of the supporters the member sees (visible_supporters: themselves, their supervisees,
    # everyone for coordinators and admins); what was said only to the supervisee and their supervisors
    # (supervision/tests/test_who_sees_supervision.py).
    "supervision:supervisee": Do.SEE_SUPERVISION,
    "supervision:session": Do.SEE_SUPERVISION,
    "supervision:record": Do.RECORD_SUPERVISION,
    "supervision:edit": Do.RECORD_SUPERVISION,
    "supervision:frequency": Do.SET_SUPERVISION_FREQUENCY,
    "supervision:reflection": Do.REFLECT_ON_SUPERVISION,
    # A supervisee's early warning: only their own supervisor (visible_supporters of a supervisor).
    "wellbeing:supporter": Do.SEE_WELLBEING_WARNINGS,
    "competence:supporter_competence": Do.SEE_COMPETENCE,
    "competence:sign_off": Do.SIGN_OFF_COMPETENCE,
    "competence:change_level": Do.SIGN_OFF_COMPETENCE,
    "competence:shadowing": Do.SIGN_OFF_COMPETENCE,
    # A peer supporter's path: whoever sees the supporter (their supervisor, themselves, the
    # organisation-wide roles) reads it; only those who run recruitment change it.
    "recruitment:path": Do.SEE_PATHS,
    "recruitment:move": Do.RUN_RECRUITMENT,
    "recruitment:readiness": Do.RUN_RECRUITMENT,
    "recruitment:barriers": Do.RUN_RECRUITMENT,
    "recruitment:former_peer": Do.RUN_RECRUITMENT,
    "training:progress": Do.SEE_TRAINING_PROGRESS,
}


def _support_agreement_rule(membership: Membership, assignment: Assignment, *, to_record: bool) -> bool:
    """A support agreement is between a peer and their peer supporter: only the assignment's worker
    records it, while the peer support goes on; the worker, their supervisor and the organisation-wide
    roles read it; a case manager or counsellor never does (whatever else they may see)."""
    if assignment.kind != AssignmentKind.PEER_SUPPORT:
        return False
    if to_record:
        return assignment.worker_id == membership.pk and assignment.is_current
    supervisor = PeerSupporter.objects.filter(membership=assignment.worker_id).values_list("supervisor", flat=True)
    return (
        membership.role in ORGANISATION_WIDE
        or assignment.worker_id == membership.pk
        or membership.pk in set(supervisor)
    )


def _diary_rule(membership: Membership, assignment: Assignment, *, to_change: bool) -> bool:
    """A meeting is on an assignment: only its worker plans or changes it, while the work goes on; the
    worker, their supervisor and the organisation-wide roles read it; nobody else."""
    if to_change:
        return assignment.worker_id == membership.pk and assignment.is_current
    supervisor = PeerSupporter.objects.filter(membership=assignment.worker_id).values_list("supervisor", flat=True)
    return (
        membership.role in ORGANISATION_WIDE
        or assignment.worker_id == membership.pk
        or membership.pk in set(supervisor)
    )


def _contact_log_rule(membership: Membership, assignment: Assignment) -> bool:
    """A contact is logged (and a draft kept, and drifting away marked) only by the assignment's own
    worker, on a current assignment, of any kind: not by their supervisor or a coordinator."""
    return assignment.worker_id == membership.pk and assignment.is_current


# Pages whose rule is finer than seeing the peer: which of a visible peer's assignments they open. The
# walk tries every other assignment of a peer the role sees as one of the records hidden from it.
ASSIGNMENT_RULES = {
    "agreements:agreement": lambda m, a: _support_agreement_rule(m, a, to_record=False),
    "agreements:for_the_peer": lambda m, a: _support_agreement_rule(m, a, to_record=False),
    "agreements:record": lambda m, a: _support_agreement_rule(m, a, to_record=True),
    "contacts:log": _contact_log_rule,
    "contacts:draft": _contact_log_rule,
    "contacts:engagement": _contact_log_rule,
    # A meeting page's assignment is the meeting's.
    "diary:plan": lambda m, a: _diary_rule(m, a, to_change=True),
    "diary:meeting": lambda m, a: _diary_rule(m, a, to_change=False),
    "diary:move": lambda m, a: _diary_rule(m, a, to_change=True),
    "diary:cancel": lambda m, a: _diary_rule(m, a, to_change=True),
    "diary:outcome": lambda m, a: _diary_rule(m, a, to_change=True),
    # An ending is planned on a peer support by the same people who read its agreement: its worker, the
    # worker's supervisor, coordinators and admins (never a case manager, a counsellor or a cover).
    "continuity:plan_ending": lambda m, a: _support_agreement_rule(m, a, to_record=False),
    "continuity:closing_conversation": lambda m, a: _support_agreement_rule(m, a, to_record=False),
}


def _works_with_them_now(membership: Membership, peer: Peer) -> bool:
    """A peer's plan is written by coordinators and admins and by those working with the peer now: a
    supervisor who sees the peer through a supervisee reads it and does not write in it."""
    return (
        membership.role in ORGANISATION_WIDE
        or Assignment.objects.current().filter(peer=peer, worker=membership).exists()
    )


# Pages whose rule is finer than seeing the peer: which of the visible peers they open. The walk
# tries every visible peer the rule refuses as one of the records hidden from the role.
PEER_RULES = {
    **{
        name: _works_with_them_now
        for name in ("goals:goal_new", "goals:goal_edit", "goals:step_add", "goals:step_done", "goals:progress_add")
    },
}


def _concern_rule(membership: Membership, concern: Concern) -> bool:
    """A safeguarding concern is seen by whoever raised it, whoever it was sent to (the raiser's
    supervisor or their deputy, the duty coordinator), whoever took it, and coordinators and admins;
    never by another peer supporter of the same peer, nor by an evaluator; nobody sees an erased
    peer's. Stated here apart from safeguarding/access.py, from the rows themselves."""
    if not can(membership, Do.SEE_CONCERNS) or concern.peer.erased_at is not None:
        return False
    sent_to = set(ConcernRecipient.objects.filter(concern=concern).values_list("membership_id", flat=True))
    return (
        membership.role in ORGANISATION_WIDE
        or concern.raised_by_id == membership.pk
        or concern.owner_id == membership.pk
        or membership.pk in sent_to
    )


# Pages that list or add people (or show what is known about them) without naming one record.
PERSON_LIST_PAGES: dict[str, Do] = {
    "people:peer_list": Do.SEE_PEERS,
    "people:peer_create": Do.ADD_PEER,
    "people:supporter_list": Do.SEE_SUPPORTERS,
    "audit:log": Do.READ_AUDIT_LOG,
    "accounts:team": Do.INVITE_MEMBERS,
    "resilience:team_sessions": Do.INVITE_MEMBERS,  # where each member is signed in (the team, as above)
    "home:figures": Do.SEE_AGGREGATES,
    "intake:waiting_list": Do.SEE_WAITING_LIST,
    "batches:batch_list": Do.RUN_BATCHES,
    "batches:batch_start": Do.RUN_BATCHES,
    "absences:away": Do.RECORD_ABSENCES,
    "diary:diary": Do.SEE_DIARY,  # the member's own meetings
    "diary:settings": Do.SEE_DIARY,
    "diary:renew_feed": Do.SEE_DIARY,
    "diary:stop_feed": Do.SEE_DIARY,
    "contacts:start": Do.LOG_CONTACTS,
    "contacts:one_off": Do.LOG_CONTACTS,
    "contacts:one_off_draft": Do.LOG_CONTACTS,
    "contacts:discard_draft": Do.LOG_CONTACTS,
    "contacts:my_week": Do.LOG_CONTACTS,
    "contacts:not_heard_from": Do.SEE_CONTACTS,
    "safeguarding:concerns": Do.SEE_CONCERNS,
    "referrals:referral_list": Do.SEE_REFERRALS,
    # A peer supporter's own wellbeing (their plan, check-ins, hard moments) and what colleagues
    # shared with them as a peer coach; the directory of peer supporters across organisations.
    "wellbeing:mine": Do.KEEP_OWN_WELLBEING,
    "wellbeing:plan": Do.KEEP_OWN_WELLBEING,
    "wellbeing:check_in": Do.KEEP_OWN_WELLBEING,
    "wellbeing:sharing": Do.KEEP_OWN_WELLBEING,
    "wellbeing:hard_moment": Do.KEEP_OWN_WELLBEING,
    "wellbeing:forget_hard_moment": Do.KEEP_OWN_WELLBEING,
    "wellbeing:shared_with_me": Do.KEEP_OWN_WELLBEING,
    # Their own copy of what we hold about them (no id: only ever their own).
    "datarights:my_record": Do.COPY_OWN_RECORD,
    "wellbeing:directory": Do.USE_SUPPORTER_DIRECTORY,
    "wellbeing:directory_join": Do.USE_SUPPORTER_DIRECTORY,
    "wellbeing:directory_leave": Do.USE_SUPPORTER_DIRECTORY,
    "competence:counts": Do.SEE_AGGREGATES,  # counts per level, small numbers suppressed
    "recruitment:on_the_way": Do.RUN_RECRUITMENT,
}
# Pages that hold no one's record but change what every record depends on (partners, consent
# wording): walked too, since a role that may not use them must get the same audited 404.
ORGANISATION_PAGES: dict[str, Do] = {
    "organisations:settings": Do.MANAGE_ORGANISATION,
    "organisations:add_partner": Do.MANAGE_ORGANISATION,
    "consent:new_text": Do.MANAGE_ORGANISATION,
    "matching:settings": Do.MANAGE_MATCHING,
    "agreements:thresholds": Do.SET_SHARING_THRESHOLD,
    "intake:waiting_settings": Do.MANAGE_ORGANISATION,
    # The partner directory: no one's record, the organisation's own (DIRECTORY_PAGES below too).
    "directory:directory": Do.SEE_DIRECTORY,
    "directory:partners": Do.SEE_DIRECTORY,
    "directory:partner_new": Do.MANAGE_DIRECTORY,
    "directory:export": Do.MANAGE_DIRECTORY,
    "directory:import": Do.MANAGE_DIRECTORY,
    "goals:domains": Do.MANAGE_LIFE_DOMAINS,
    "contacts:settings": Do.SET_CONTACT_SETTINGS,
    "safeguarding:rota": Do.KEEP_ON_CALL_ROTA,
    "supervision:settings": Do.MANAGE_SUPERVISION,
    "wellbeing:settings": Do.MANAGE_WELLBEING,
    "competence:framework": Do.MANAGE_COMPETENCE_FRAMEWORK,
    "competence:level": Do.MANAGE_COMPETENCE_FRAMEWORK,
    "resilience:retention": Do.MANAGE_ORGANISATION,
    # The organisation's posts and readiness criteria (RECRUITMENT rows below too).
    "recruitment:posts": Do.RUN_RECRUITMENT,
    "recruitment:post_new": Do.RUN_RECRUITMENT,
    "recruitment:criteria": Do.RUN_RECRUITMENT,
    "recruitment:criterion_new": Do.RUN_RECRUITMENT,
    # Modules, cohorts (names and dates) and the documents' text: no one's record.
    "training:overview": Do.RUN_TRAINING,
    "training:documents": Do.RUN_TRAINING,
}
PAGES_WITHOUT_AN_OBJECT: dict[str, Do] = PERSON_LIST_PAGES | ORGANISATION_PAGES

# Pages that open one row of the organisation's own partner directory (about no person): a role that
# may use them opens our organisation's row; another organisation's row answers the same audited 404.
# The kwargs each such route may take, and the directory row it names.
DIRECTORY_KWARGS = {"partner_id": "partner", "service_id": "service", "location_id": "location"}
DIRECTORY_KWARGS |= {"import_id": "directoryimport"}
# Recruitment's posts and readiness criteria are the organisation's own rows too, about no person.
DIRECTORY_KWARGS |= {"post_id": "post", "criterion_id": "readinesscriterion"}
DIRECTORY_PAGES: dict[str, Do] = {
    "directory:partner": Do.SEE_DIRECTORY,
    "directory:partner_edit": Do.MANAGE_DIRECTORY,
    "directory:service_new": Do.MANAGE_DIRECTORY,
    "directory:service_edit": Do.MANAGE_DIRECTORY,
    "directory:location_new": Do.MANAGE_DIRECTORY,
    "directory:location_edit": Do.MANAGE_DIRECTORY,
    "directory:import_progress": Do.MANAGE_DIRECTORY,
    "recruitment:post_edit": Do.RUN_RECRUITMENT,
    "recruitment:criterion_edit": Do.RUN_RECRUITMENT,
}

# Pages that hold no person data. A new URL must be added here or walked above.
NOT_PERSON_DATA = frozenset(
    {
        "healthz",
        # Counts, and the names of the member's own visible peers only (the concerns that need them, the
        # "Something worries me" buttons): no record opened, nobody else's (safeguarding/tests).
        "home:dashboard",
        "accounts:language",
        "accounts:keepalive",
        "accounts:accept_invitation",
        "accounts:email",  # the account's own addresses (allauth's page, guarded)
        "resilience:my_sessions",  # the account's own signed-in sessions (resilience/tests/test_sessions.py)
        "organisations:switch",
        # A member's own calendar feed, opened by its private token alone, without a session: a wrong,
        # old or stopped token is a plain 404 (diary/tests/test_attacks_on_the_calendar_feed.py).
        "diary:feed",
    }
)
# Pages reached without an account, through a secret link: tried as an attacker below
# (test_the_partners_link_as_an_attacker), not as a role.
LINK_PAGES = frozenset({"referrals:partner_link"})
# allauth's sign-in, password and two-step pages: the account_* and mfa_* names, from allauth itself.
ALLAUTH_NAME = re.compile(r"^(account|mfa)_")

# Pages that only answer POST (GET is 405 for everyone, whatever the record: it says nothing).
POST_ONLY = frozenset(
    {
        "people:assignment_end",
        "organisations:add_partner",
        "batches:batch_start",
        "diary:cancel",
        "diary:outcome",
        "diary:renew_feed",
        "diary:stop_feed",
        "goals:step_add",
        "goals:step_done",
        "goals:progress_add",
        "contacts:draft",
        "contacts:one_off_draft",
        "contacts:discard_draft",
        "contacts:engagement",
        "referrals:new_link",
        "supervision:reflection",
        "wellbeing:sharing",
        "wellbeing:forget_hard_moment",
        "wellbeing:directory_join",
        "wellbeing:directory_leave",
    }
)

# Pages naming a peer that an allowed GET may open without writing to the audit log (with why).
READS_NOT_AUDITED: frozenset[str] = frozenset()

# Who plays each role (all in Riverside), and the record of ours each one would be shown.
PLAYER = {
    Role.ADMIN: "ada",
    Role.COORDINATOR: "cleo",
    Role.SUPERVISOR: "sina",
    Role.PEER_SUPPORTER: "pat",
    Role.STAFF: "stef",
    Role.EVALUATOR: "eve",
}
OUR_PEER = {Role.STAFF: "cat"}  # everyone else (who may) sees amara
OUR_SUPPORTER = "pat_profile"
THEIR_PEER, THEIR_SUPPORTER = "zed", "hana_profile"
HARBOUR_NAMES = ("Zed", "Hana", "Hugo")


@pytest.fixture(scope="module")
def _walk_cast(django_db_setup, django_db_blocker):
    """The walk's cast, written once for the module inside a transaction undone at its end: each test
    runs in a savepoint of its own (the ``db`` fixture), rolled back after it, so every test starts
    from the same rows, as it would with a cast of its own, without writing the cast four thousand times."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _with_the_walks_records(build_cast())
        transaction.set_rollback(True)


@pytest.fixture
def cast(_walk_cast, db):
    return _walk_cast


def _with_the_walks_records(cast):
    """The cast, plus gil: a Riverside peer who worked with pat and was erased (seen by nobody)."""
    with organisation_scope(cast.riverside):
        gil = make_peer(cast.riverside, "Gil", cast.user("cleo"))
        assign(gil, cast.pat)
        # Concerns, raised as the pages raise them (no rota: each reaches the raiser's supervisor and
        # every coordinator). Two on amara: pat's, and sina's own, which pat must never see.
        for peer, raiser in (("amara", "pat"), ("amara", "sina"), ("bea", "quinn"), ("cat", "stef"), ("fay", "rio")):
            safeguarding.raise_concern(
                peer=cast.peers[peer], by=cast.members[raiser], urgency="this_week", what_happened="Worried."
            )
        safeguarding.raise_concern(peer=gil, by=cast.pat, urgency="today", what_happened="Worried.")
        cast.peers["gil"] = erase_peer(gil, by=cast.cleo)
        # And ivo: a Riverside peer supporter who moved on and was erased (seen by nobody).
        ivo = make_supporter(make_member(cast.riverside, "ivo", Role.PEER_SUPPORTER), supervisor=cast.members["sina"])
        recruitment.move_to_stage(ivo, "left", by=cast.cleo, why="Moved away.", reason="life")
        held = SupervisionSession.objects.create(
            organisation=cast.riverside, format="one_to_one", arranged="planned", approach="peer",
            supervisor=cast.members["sina"], recorded_by=cast.members["sina"],
        )  # fmt: skip
        Supervisee.objects.create(organisation=cast.riverside, session=held, supporter=ivo, notes="Said.")
        cast.supporters["ivo_profile"] = erase_supporter(ivo, by=cast.cleo)
        if not Assignment.objects.filter(peer=gil).exists():
            # Should erasure ever drop assignments, keep one, so the assignment pages are tried too.
            assign(gil, cast.pat)
    # An offer to every peer (gil's made before erasure would be gone: made after, as a stray row
    # could be), and a batch in each organisation, so the offer and batch pages are tried too.
    for org, names in ((cast.riverside, ("amara", "bea", "cat", "dee", "fay", "gil")), (cast.harbour, ("zed",))):
        with organisation_scope(org):
            supporter = cast.quinn_profile if org == cast.riverside else cast.hana_profile
            for name in names:
                Offer.objects.create(organisation=org, peer=cast.peers[name], supporter=supporter)
            Batch.objects.create(organisation=org, kind=BatchKind.COHORT)
            # A meeting on every assignment (gil's too, after erasure, as a stray row could be).
            for assignment in Assignment.objects.all():
                Meeting.objects.create(
                    organisation=org,
                    peer_id=assignment.peer_id,
                    assignment=assignment,
                    starts_at=timezone.now() - timedelta(hours=1),
                    place="Mill Road",
                )
            # A goal for every peer (with a step and a word of progress), so the goal pages are tried too.
            for name in names:
                goal = Goal.objects.create(organisation=org, peer=cast.peers[name], words=f"{name}'s goal")
                Step.objects.create(organisation=org, goal=goal, words="A first step")
                ProgressEntry.objects.create(organisation=org, goal=goal, words="Going well")
            partner = Partner.objects.filter(organisation=org).first()
            for name in names:
                Referral.objects.create(
                    organisation=org, peer=cast.peers[name], partner=partner, partner_email="in@partner.test",
                    asked="—", acknowledge_by=timezone.localdate(), outcome_by=timezone.localdate(),
                )  # fmt: skip
    with organisation_scope(cast.harbour):
        safeguarding.raise_concern(peer=cast.zed, by=cast.hana, urgency="today", what_happened="Worried.")
    # A supervision session of every supporter, with a line about each one's peer, run by their
    # supervisor (an external one, recorded by a coordinator, for those nobody supervises).
    for supporter, peer in (("pat_profile", "amara"), ("quinn_profile", "bea"), ("rio_profile", "fay"),
                            ("hana_profile", "zed")):  # fmt: skip
        profile = cast.supporters[supporter]
        with organisation_scope(profile.organisation):
            by = profile.supervisor or (cast.cleo if profile.organisation == cast.riverside else cast.hugo)
            held = SupervisionSession.objects.create(
                organisation=profile.organisation, format="one_to_one", arranged="planned", approach="peer",
                supervisor=profile.supervisor, external_supervisor="" if profile.supervisor else "Dr Vale",
                recorded_by=by,
            )  # fmt: skip
            row = Supervisee.objects.create(
                organisation=profile.organisation, session=held, supporter=profile, notes="Said in supervision."
            )
            CaseloadNote.objects.create(
                organisation=profile.organisation, supervisee=row, peer=cast.peers[peer], note="—"
            )
    return cast


@dataclass(frozen=True)
class Route:
    name: str  # namespaced, e.g. "people:peer_detail"
    route: str  # the full route, e.g. "peers/<int:peer_id>/"
    kwargs: frozenset[str]
    callback: object

    @property
    def is_object_page(self) -> bool:
        return bool(self.kwargs & OBJECT_KWARGS)


def url_routes() -> list[Route]:
    """Every URL pattern in the URLconf, with its full route and every kwarg on the way to it."""
    found: list[Route] = []

    def walk(patterns, prefix: str, namespace: str, kwargs: frozenset[str]):
        for pattern in patterns:
            here = kwargs | frozenset(pattern.pattern.regex.groupindex)
            if isinstance(pattern, URLResolver):
                inner = ":".join(part for part in (namespace, pattern.namespace) if part)
                walk(pattern.url_patterns, prefix + str(pattern.pattern), inner, here)
            else:
                assert isinstance(pattern, URLPattern)
                local = pattern.name or f"<unnamed {prefix}{pattern.pattern}>"
                name = f"{namespace}:{local}" if namespace else local
                found.append(Route(name, prefix + str(pattern.pattern), here, pattern.callback))

    walk(get_resolver().url_patterns, "", "", frozenset())
    return found


ROUTES = url_routes()
WALKED_OBJECT_PAGES = sorted(r.name for r in ROUTES if r.is_object_page)
WALKED_PAGES_WITHOUT_AN_OBJECT = sorted(PAGES_WITHOUT_AN_OBJECT)


def is_declared_not_person_data(route: Route) -> bool:
    if route.name in NOT_PERSON_DATA or route.name in LINK_PAGES:
        return True
    return bool(ALLAUTH_NAME.match(route.name)) and route.callback.__module__.startswith("allauth.")


# --- The guard: every URL is either walked or declared as holding no person data. ---------------


def test_every_url_is_classified():
    walked = set(WALKED_OBJECT_PAGES) | set(WALKED_PAGES_WITHOUT_AN_OBJECT) | set(DIRECTORY_PAGES)
    walked |= set(TRAINING_PAGES)
    unclassified = [
        f"{r.name} ({r.route})" for r in ROUTES if r.name not in walked and not is_declared_not_person_data(r)
    ]
    assert not unclassified, (
        "These URLs are neither walked by the permission walk nor declared as holding no person data. "
        "Add them to PAGES_WITHOUT_AN_OBJECT (with what they need) or to NOT_PERSON_DATA: " + ", ".join(unclassified)
    )
    both = [r.name for r in ROUTES if r.name in walked and is_declared_not_person_data(r)]
    assert not both, f"Declared as holding no person data, but walked: {both}"


def test_every_page_that_opens_a_record_says_what_it_needs():
    assert set(WALKED_OBJECT_PAGES) == set(OBJECT_PAGES), (
        "Declare in OBJECT_PAGES what each page that opens one record needs (or remove stale entries)."
    )


def test_every_page_that_opens_a_directory_row_says_what_it_needs():
    found = {r.name for r in ROUTES if r.kwargs & set(DIRECTORY_KWARGS) and not r.is_object_page}
    assert found == set(DIRECTORY_PAGES), "Declare in DIRECTORY_PAGES what each directory page needs."


def test_the_declared_pages_exist():
    names = {r.name for r in ROUTES}
    assert set(PAGES_WITHOUT_AN_OBJECT) <= names
    assert names >= NOT_PERSON_DATA | LINK_PAGES
    assert set(WALKED_OBJECT_PAGES) | set(WALKED_PAGES_WITHOUT_AN_OBJECT) >= POST_ONLY


def test_every_role_is_walked():
    assert set(PLAYER) == set(Role)


def test_the_walk_finds_the_pages_we_know_about():
    """A sanity check on the discovery itself: it must see nested, namespaced routes."""
    assert "people:assignment_end" in WALKED_OBJECT_PAGES
    route = next(r for r in ROUTES if r.name == "people:assignment_end")
    assert route.kwargs == {"peer_id", "assignment_id"}
    assert route.route == "peers/<int:peer_id>/assignments/<int:assignment_id>/end/"
    assert any(ALLAUTH_NAME.match(r.name) for r in ROUTES)


# --- The walk. ------------------------------------------------------------------------------------


def _record_kwargs(cast, route: Route, role: str, whose: str) -> tuple[dict, dict]:
    """The URL kwargs for the record this role would open, and the objects they name."""
    peer = cast.peers[OUR_PEER.get(role, "amara") if whose == "own" else THEIR_PEER]
    supporter = cast.supporters[OUR_SUPPORTER if whose == "own" else THEIR_SUPPORTER]
    kwargs, objects = {}, {}
    if "peer_id" in route.kwargs:
        kwargs["peer_id"], objects["peer"] = peer.pk, peer
    if "supporter_id" in route.kwargs:
        kwargs["supporter_id"], objects["supporter"] = supporter.pk, supporter
    if "assignment_id" in route.kwargs:
        with organisation_scope(peer.organisation):
            assignment = Assignment.objects.filter(peer=peer).get()
        kwargs["assignment_id"], objects["assignment"] = assignment.pk, assignment
    if "offer_id" in route.kwargs:
        with organisation_scope(peer.organisation):
            offer = Offer.objects.filter(peer=peer).get()
        kwargs["offer_id"], objects["offer"] = offer.pk, offer
    if "meeting_id" in route.kwargs:
        with organisation_scope(peer.organisation):
            meeting = Meeting.objects.select_related("assignment").filter(peer=peer).get()
        kwargs["meeting_id"], objects["meeting"], objects["assignment"] = meeting.pk, meeting, meeting.assignment
    if "referral_id" in route.kwargs:
        with organisation_scope(peer.organisation):
            referral = Referral.objects.filter(peer=peer).order_by("pk").first()
        kwargs["referral_id"], objects["referral"] = referral.pk, referral
    if "batch_id" in route.kwargs:
        org = cast.riverside if whose == "own" else cast.harbour
        with organisation_scope(org):
            batch = Batch.objects.get()
        kwargs["batch_id"], objects["batch"] = batch.pk, batch
    if "goal_id" in route.kwargs:
        with organisation_scope(peer.organisation):
            kwargs["goal_id"] = Goal.objects.filter(peer=peer).get().pk
    if "concern_id" in route.kwargs:
        with organisation_scope(peer.organisation):
            concern = Concern.objects.filter(peer=peer).select_related("peer").order_by("pk").first()
        kwargs["concern_id"], objects["concern"] = concern.pk, concern
    if "session_id" in route.kwargs:
        with organisation_scope(supporter.organisation):
            kwargs["session_id"] = Supervisee.objects.filter(supporter=supporter).order_by("pk")[0].session_id
    unknown = route.kwargs - OBJECT_KWARGS
    assert not unknown, f"{route.name}: teach the walk how to fill {unknown}"
    return kwargs, objects


def _policy_allows(cast, membership, needs: Do | None, objects: dict, page: str = "") -> bool:
    if needs is not None and not can(membership, needs):
        return False
    with organisation_scope(cast.riverside):
        if "peer" in objects and not visible_peers(membership).filter(pk=objects["peer"].pk).exists():
            return False
        if "supporter" in objects and not visible_supporters(membership).filter(pk=objects["supporter"].pk).exists():
            return False
        if page in ASSIGNMENT_RULES and not ASSIGNMENT_RULES[page](membership, objects["assignment"]):
            return False
        if page in PEER_RULES and not PEER_RULES[page](membership, objects["peer"]):
            return False
        if "batch" in objects and not visible_batches(membership).filter(pk=objects["batch"].pk).exists():
            return False
        if "concern" in objects and not _concern_rule(membership, objects["concern"]):
            return False
    return True


def _denials(user) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(actor=user, action=Action.DENIED).order_by("pk"))


# What a refused request may write: the audit row of its refusal, and the session's idle clock.
REFUSAL_WRITES = {("INSERT", AuditEvent._meta.db_table), ("UPDATE", SignedInSession._meta.db_table)}
WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)"?', re.IGNORECASE)


@contextmanager
def _nothing_changed(what: str = "a refused request"):
    """Every write the requests inside send to the database, read from their SQL, must be one a refusal
    makes (``REFUSAL_WRITES``): so every table counts, a new one as soon as it exists, and a change
    made and then undone in the same request is caught too."""
    with CaptureQueriesContext(connection) as queries:
        yield
    writes = [(m[1].split()[0].upper(), m[2]) for m in map(WRITE.match, (q["sql"] for q in queries)) if m]
    changed = [write for write in writes if write not in REFUSAL_WRITES]
    assert not changed, f"{what} changed something: {changed}"


def _request(client, method: str, url: str, *, allowed: bool = True):
    """The page's answer to an empty GET or POST; one the policy refuses must change nothing."""
    if allowed:
        return client.get(url) if method == "GET" else client.post(url, {})
    with _nothing_changed():
        return client.get(url) if method == "GET" else client.post(url, {})


def _check(response, allowed: bool, denied_before: list, user, record_ids: set[str], hidden_names=()):
    body = response.content.decode(errors="replace")
    assert response.status_code != 403, "a refusal must look like a missing page (404), never 403"
    if allowed:
        assert response.status_code in (200, 302), body[:500]
        assert _denials(user) == denied_before, "an allowed request was audited as refused"
    else:
        assert response.status_code == 404
        for name in hidden_names:
            assert not re.search(rf"\b{re.escape(name)}\b", body), f"the 404 page shows {name}"
        new = _denials(user)[len(denied_before) :]
        assert new, "the refusal was not audited"
        assert {event.record_id for event in new} & record_ids, [str(e) for e in new]


def _hidden_records(cast, membership: Membership, route: Route) -> list[dict]:
    """Every record of our organisation that the policy hides from this member, as URL kwargs.

    For a page naming a peer: our peers minus ``visible_peers`` (with an assignment, when the page
    names one); for a page naming a peer supporter: our supporters minus ``visible_supporters``.
    """
    found = []
    with organisation_scope(cast.riverside):
        if "peer_id" in route.kwargs:
            seen = set(visible_peers(membership).values_list("pk", flat=True))
            for peer in Peer.objects.exclude(pk__in=seen).order_by("pk"):
                kwargs: dict = {"peer_id": peer.pk}
                if "assignment_id" in route.kwargs:
                    assignment = Assignment.objects.filter(peer=peer).order_by("pk").first()
                    if assignment is None:
                        continue
                    kwargs["assignment_id"] = assignment.pk
                if "offer_id" in route.kwargs:
                    offer = Offer.objects.filter(peer=peer).order_by("pk").first()
                    if offer is None:
                        continue
                    kwargs["offer_id"] = offer.pk
                if "meeting_id" in route.kwargs:
                    meeting = Meeting.objects.filter(peer=peer).order_by("pk").first()
                    if meeting is None:
                        continue
                    kwargs["meeting_id"] = meeting.pk
                if "referral_id" in route.kwargs:
                    referral = Referral.objects.filter(peer=peer).order_by("pk").first()
                    if referral is None:
                        continue
                    kwargs["referral_id"] = referral.pk
                if "goal_id" in route.kwargs:
                    goal = Goal.objects.filter(peer=peer).order_by("pk").first()
                    if goal is None:
                        continue
                    kwargs["goal_id"] = goal.pk
                found.append(kwargs)
            if route.name in ASSIGNMENT_RULES and "meeting_id" in route.kwargs:
                for meeting in Meeting.objects.filter(peer__in=seen).select_related("assignment").order_by("pk"):
                    if not ASSIGNMENT_RULES[route.name](membership, meeting.assignment):
                        found.append({"peer_id": meeting.peer_id, "meeting_id": meeting.pk})
            elif route.name in ASSIGNMENT_RULES:
                for assignment in Assignment.objects.filter(peer__in=seen).order_by("pk"):
                    if not ASSIGNMENT_RULES[route.name](membership, assignment):
                        found.append({"peer_id": assignment.peer_id, "assignment_id": assignment.pk})
            if route.name in PEER_RULES:
                for peer in Peer.objects.filter(pk__in=seen).order_by("pk"):
                    if not PEER_RULES[route.name](membership, peer):
                        kwargs = {"peer_id": peer.pk}
                        if "goal_id" in route.kwargs:
                            kwargs["goal_id"] = (
                                Goal.objects.filter(peer=peer).order_by("pk").values_list("pk", flat=True)[0]
                            )
                        found.append(kwargs)
        elif "supporter_id" in route.kwargs:
            seen = set(visible_supporters(membership).values_list("pk", flat=True))
            found = [
                {"supporter_id": pk} for pk in PeerSupporter.objects.exclude(pk__in=seen).values_list("pk", flat=True)
            ]
            if "session_id" in route.kwargs:  # each hidden supporter's own session
                sessions = dict(Supervisee.objects.order_by("-pk").values_list("supporter_id", "session_id"))
                found = [kwargs | {"session_id": sessions[kwargs["supporter_id"]]} for kwargs in found]
        elif "batch_id" in route.kwargs:
            seen = set(visible_batches(membership).values_list("pk", flat=True))
            found = [{"batch_id": pk} for pk in Batch.objects.exclude(pk__in=seen).values_list("pk", flat=True)]
        elif "concern_id" in route.kwargs:
            concerns = Concern.objects.select_related("peer").order_by("pk")
            found = [{"concern_id": c.pk} for c in concerns if not _concern_rule(membership, c)]
    return found


def _object_cases():
    for name in WALKED_OBJECT_PAGES:
        for role in PLAYER:
            for whose in ("own", "hidden", "other"):
                for method in ("GET", "POST"):
                    yield pytest.param(name, role, whose, method, id=f"{name}-{role}-{whose}-{method}")


@pytest.mark.parametrize(("name", "role", "whose", "method"), list(_object_cases()))
def test_pages_that_open_one_record(cast, client_for, name, role, whose, method):
    route = next(r for r in ROUTES if r.name == name)
    assert name in OBJECT_PAGES, f"declare in OBJECT_PAGES what {name} needs"
    player = PLAYER[role]
    membership, user = cast.members[player], cast.user(player)
    if whose == "hidden":
        _try_hidden_records(cast, client_for, route, role, method)
        return
    kwargs, objects = _record_kwargs(cast, route, role, whose)
    url = reverse(name, kwargs=kwargs)
    allowed = whose == "own" and _policy_allows(cast, membership, OBJECT_PAGES[name], objects, name)
    client = client_for(player)
    denied_before = _denials(user)
    audited_before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    response = _request(client, method, url, allowed=allowed)

    if method == "GET" and name in POST_ONLY:
        # Only POST is answered; a GET is refused the same way for every record, so it tells nothing.
        assert response.status_code == 405
        return
    # The names a refusal must not show (the signed-in member's own name is in the page header).
    hidden = [obj.chosen_name for key, obj in objects.items() if key == "peer"]
    hidden += [obj.membership.user.display_name for key, obj in objects.items() if key == "supporter"]
    hidden += [obj.peer.chosen_name for key, obj in objects.items() if key == "concern"]
    hidden = [n for n in hidden if n != user.display_name]
    _check(response, allowed, denied_before, user, {str(v) for v in kwargs.values()}, hidden)
    if allowed and method == "GET" and "peer" in objects and name not in READS_NOT_AUDITED:
        # Every read of a person is audited: an allowed page naming a peer writes who opened it.
        opened = AuditEvent.objects.filter(
            pk__gt=audited_before, actor=user, record_type="peer", record_id=str(objects["peer"].pk)
        )
        assert opened.exists(), f"{name} showed {objects['peer'].chosen_name}'s record and audited nothing"


def _try_hidden_records(cast, client_for, route: Route, role: str, method: str):
    """Every record of our organisation this role may not see answers an audited 404 and changes nothing."""
    player = PLAYER[role]
    membership, user = cast.members[player], cast.user(player)
    hidden = _hidden_records(cast, membership, route)
    if not hidden:
        # Only a role that sees the whole organisation has nothing hidden, and only batches.
        assert role in ORGANISATION_WIDE and route.kwargs & {"batch_id"}, (route.name, role)
        return
    client = client_for(player)
    for kwargs in hidden:
        objects = {}
        with all_organisations():
            if "assignment_id" in kwargs:
                objects["assignment"] = Assignment.objects.get(pk=kwargs["assignment_id"])
            if "meeting_id" in kwargs:
                objects["assignment"] = Meeting.objects.get(pk=kwargs["meeting_id"]).assignment
            if "peer_id" in kwargs:
                objects["peer"] = Peer.objects.get(pk=kwargs["peer_id"])
            if "supporter_id" in kwargs:
                objects["supporter"] = PeerSupporter.objects.select_related("membership__user").get(
                    pk=kwargs["supporter_id"]
                )
            if "batch_id" in kwargs:
                objects["batch"] = Batch.objects.get(pk=kwargs["batch_id"])
            if "concern_id" in kwargs:
                objects["concern"] = Concern.objects.select_related("peer").get(pk=kwargs["concern_id"])
        needs = OBJECT_PAGES[route.name] if route.name in ASSIGNMENT_RULES | PEER_RULES else None
        assert not _policy_allows(cast, membership, needs, objects, route.name), "derived as hidden, but shown"
        denied_before = _denials(user)

        response = _request(client, method, reverse(route.name, kwargs=kwargs), allowed=False)

        if method == "GET" and route.name in POST_ONLY:
            assert response.status_code == 405
            continue
        hidden_names = [obj.chosen_name for key, obj in objects.items() if key == "peer" and obj.erased_at is None]
        hidden_names += [
            obj.membership.user.display_name for key, obj in objects.items() if key == "supporter" and not obj.erased_at
        ]
        hidden_names += [
            obj.peer.chosen_name for key, obj in objects.items() if key == "concern" and obj.peer.erased_at is None
        ]
        _check(response, False, denied_before, user, {str(v) for v in kwargs.values()}, hidden_names)


def test_every_role_has_records_of_our_organisation_hidden_from_it(cast):
    """The hidden walk is not empty: every role is hidden at least one of our peers (org-wide: gil, erased)."""
    peer_page = next(r for r in ROUTES if r.name == "people:peer_detail")
    for role, player in PLAYER.items():
        hidden = {kwargs["peer_id"] for kwargs in _hidden_records(cast, cast.members[player], peer_page)}
        assert cast.gil.pk in hidden, role
        if role not in ORGANISATION_WIDE:
            assert len(hidden) >= 2, role


def test_the_walk_allows_and_refuses_what_the_rules_say(cast):
    """The walk's expectations, spelled out for a few cases, so a wrong policy cannot agree with itself."""

    def allows(player, name, peer):
        return _policy_allows(cast, cast.members[player], OBJECT_PAGES[name], {"peer": cast.peers[peer]})

    assert allows("pat", "people:peer_detail", "amara")
    assert not allows("pat", "people:peer_detail", "bea")
    assert allows("sina", "people:peer_detail", "amara")
    assert not allows("sina", "people:peer_detail", "bea")
    assert not allows("sina", "people:peer_detail", "fay")  # another supervisor's supervisee's peer
    assert allows("sol", "people:peer_detail", "fay")
    assert not allows("sol", "people:peer_detail", "amara")
    assert not allows("cleo", "people:peer_detail", "gil")  # erased
    assert allows("stef", "people:peer_detail", "cat")
    assert not allows("stef", "people:peer_detail", "amara")
    assert not allows("eve", "people:peer_detail", "amara")
    assert allows("cleo", "datarights:erase", "dee")
    assert not allows("pat", "datarights:erase", "amara")
    assert not allows("sina", "people:peer_assign", "amara")


def _list_cases():
    for name in WALKED_PAGES_WITHOUT_AN_OBJECT:
        for role in PLAYER:
            for method in ("GET", "POST"):
                yield pytest.param(name, role, method, id=f"{name}-{role}-{method}")


@pytest.mark.parametrize(("name", "role", "method"), list(_list_cases()))
def test_pages_without_an_object(cast, client_for, name, role, method):
    player = PLAYER[role]
    membership, user = cast.members[player], cast.user(player)
    allowed = can(membership, PAGES_WITHOUT_AN_OBJECT[name])
    client = client_for(player)
    denied_before = _denials(user)

    response = _request(client, method, reverse(name), allowed=allowed)

    if method == "GET" and name in POST_ONLY:
        assert response.status_code == 405
        return
    _check(response, allowed, denied_before, user, {name.split(":")[-1]})
    if allowed and response.status_code == 200:
        body = response.content.decode()
        for other in HARBOUR_NAMES:  # another organisation's people never show
            assert not re.search(rf"\b{other}\b", body), f"{name} shows {other} to {player}"


@pytest.mark.parametrize("name", WALKED_OBJECT_PAGES + WALKED_PAGES_WITHOUT_AN_OBJECT)
def test_signed_out_visitors_are_sent_to_sign_in(cast, client, name):
    route = next(r for r in ROUTES if r.name == name)
    kwargs = _record_kwargs(cast, route, Role.COORDINATOR, "own")[0] if route.is_object_page else {}
    for method in ("GET", "POST"):
        response = _request(client, method, reverse(name, kwargs=kwargs))
        assert response.status_code == 302, (name, method)
        assert response["Location"].startswith(reverse("account_login"))


# --- Mixed-up ids: a record of ours reached through another record's URL. ------------------------


def test_ending_another_peers_assignment_through_our_peers_url_is_refused(cast, client_for):
    client = client_for("cleo")
    with organisation_scope(cast.riverside):
        beas = Assignment.objects.get(peer=cast.bea)
    with organisation_scope(cast.harbour):
        zeds = Assignment.objects.get(peer=cast.zed)
    for assignment in (beas, zeds):
        before = _denials(cast.user("cleo"))
        url = reverse("people:assignment_end", kwargs={"peer_id": cast.amara.pk, "assignment_id": assignment.pk})
        assert client.post(url).status_code == 404
        new = _denials(cast.user("cleo"))[len(before) :]
        assert {(e.record_type, e.record_id) for e in new} == {("assignment", str(assignment.pk))}
    with organisation_scope(cast.riverside):
        beas.refresh_from_db()
        assert beas.ends_on is None


def test_a_harbour_member_cannot_reach_riverside_either(cast, client_for):
    client = client_for("hugo")
    for url in (f"/peers/{cast.amara.pk}/", f"/supporters/{cast.pat_profile.pk}/", f"/peers/{cast.amara.pk}/erase/"):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/peers/{cast.zed.pk}/").status_code == 200


# --- A refusal is filed where the prober works, and with the record's holder (its audit log only). -


def _hugo_probes_amara(cast, client_for):
    hugo = cast.user("hugo")
    assert client_for("hugo").get(f"/peers/{cast.amara.pk}/").status_code == 404
    probe = AuditEvent.objects.get(actor=hugo, action=Action.DENIED, organisation=cast.harbour)
    assert (probe.organisation_id, probe.record_type, probe.record_id) == (cast.harbour.pk, "peer", str(cast.amara.pk))
    return client_for("ada")


def _shows_hugo(body: str) -> bool:
    return "Hugo" in body or "hugo@" in body


def test_another_organisations_probe_is_not_on_our_peers_record_page(cast, client_for):
    # Riverside's audit log shows it (access/tests/test_refusals_reach_the_record_holder.py).
    client = _hugo_probes_amara(cast, client_for)
    assert not _shows_hugo(client.get(f"/peers/{cast.amara.pk}/").content.decode())


@pytest.mark.parametrize("export", ["record/", "record.json"])
def test_another_organisations_probe_is_not_in_our_peers_exported_record(cast, client_for, export):
    client = _hugo_probes_amara(cast, client_for)
    body = client.get(f"/peers/{cast.amara.pk}/{export}").content.decode()
    assert not _shows_hugo(body), "the exported record names Harbour's coordinator"


def test_an_evaluator_sees_figures_and_never_a_person(cast, client_for):
    client = client_for("eve")
    for url in ("/", "/figures/"):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        for name in ("Amara", "Bea", "Cat", "Dee", "Pat", "Quinn", "Zed", "Hana"):
            assert not re.search(rf"\b{name}\b", body), f"{url} shows {name} to an evaluator"


# --- The partner directory: the organisation's own rows. -------------------------------------------


def _directory_rows(org) -> dict[str, int]:
    """A partner with a place and a service offered there, and an import, in ``org``: their ids."""
    with organisation_scope(org):
        partner = Partner.objects.get(organisation=org, name=f"{org.name} Housing")
        place = Location.objects.create(organisation=org, partner=partner, name=f"{org.name} office", area="North")
        service = Service.objects.create(organisation=org, partner=partner, name=f"{org.name} beds")
        ServiceAtLocation.objects.create(organisation=org, service=service, location=place)
        row = DirectoryImport.objects.create(organisation=org, status="saved")
        post = Post.objects.create(organisation=org, title=f"{org.name} peer mentor", engagement="paid")
        criterion = recruitment.criteria_for(org)[0]
    return {
        "partner_id": partner.pk, "service_id": service.pk, "location_id": place.pk, "import_id": row.pk,
        "post_id": post.pk, "criterion_id": criterion.pk,
    }  # fmt: skip


def _directory_cases():
    for name in sorted(DIRECTORY_PAGES):
        for role in PLAYER:
            for whose in ("own", "other"):
                for method in ("GET", "POST"):
                    yield pytest.param(name, role, whose, method, id=f"{name}-{role}-{whose}-{method}")


@pytest.mark.parametrize(("name", "role", "whose", "method"), list(_directory_cases()))
def test_directory_pages(cast, client_for, name, role, whose, method):
    route = next(r for r in ROUTES if r.name == name)
    ids = _directory_rows(cast.riverside if whose == "own" else cast.harbour)
    kwargs = {key: ids[key] for key in route.kwargs}
    player = PLAYER[role]
    membership, user = cast.members[player], cast.user(player)
    allowed = whose == "own" and can(membership, DIRECTORY_PAGES[name])
    client = client_for(player)
    denied_before = _denials(user)

    response = _request(client, method, reverse(name, kwargs=kwargs), allowed=allowed)

    _check(
        response, allowed, denied_before, user, {str(v) for v in kwargs.values()}, ["Harbour"] if not allowed else []
    )
    if allowed and response.status_code == 200:
        for other in HARBOUR_NAMES + ("Harbour Housing",):
            assert not re.search(rf"\b{other}\b", response.content.decode()), f"{name} shows {other} to {player}"


# --- Referrals: another peer's referral under this peer's address; the partner's link as an attacker. -


def test_another_peers_referral_through_our_peers_url_is_refused(cast, client_for):
    client = client_for("cleo")
    with organisation_scope(cast.riverside):
        beas = Referral.objects.get(peer=cast.bea)
    with organisation_scope(cast.harbour):
        zeds = Referral.objects.filter(peer=cast.zed).order_by("pk").last()
    for referral in (beas, zeds):
        for page in ("referral_detail", "referral_print", "take_back"):
            before = _denials(cast.user("cleo"))
            url = reverse(f"referrals:{page}", kwargs={"peer_id": cast.amara.pk, "referral_id": referral.pk})
            assert client.get(url).status_code == 404
            new = _denials(cast.user("cleo"))[len(before) :]
            assert {(e.record_type, e.record_id) for e in new} == {("referral", str(referral.pk))}


def _live_link(cast, org, peer_name: str) -> tuple[str, Referral]:
    from django.core import mail

    from referrals.services import make_referral

    with organisation_scope(org), all_organisations():
        peer = cast.peers[peer_name]
        peer.needs.create(organisation=org, domain="legal")
        by = cast.cleo if org == cast.riverside else cast.hugo
        referral, link = make_referral(
            peer=peer, by=by, partner=Partner.objects.filter(organisation=org).first(), partner_email="in@p.test",
            asked=f"Asked for {peer_name}", items=["asked"], explained_at=timezone.now(), base_url="http://testserver/",
        )  # fmt: skip
    mail.outbox.clear()
    return link.removeprefix("http://testserver"), referral


def _answer_a_partner_must_not_get(response, *never: str):
    body = response.content.decode()
    assert response.status_code in (404, 410), response.status_code
    assert not response.cookies
    assert response["Cache-Control"] == "no-store"
    for text in never:
        assert text not in body, text


def test_the_partners_link_as_an_attacker(cast, client):
    """Wrong, used, expired, replaced and withdrawn links, an erased peer's, another organisation's
    answered with a signed-in session: a page that says the link does not work, and nothing else."""
    from referrals import services

    path, referral = _live_link(cast, cast.riverside, "amara")
    never = ("Asked for amara", "Amara", "Legal")
    # Wrong tokens, of every shape: no 500, nothing said, nothing changed.
    token = path.split("/")[-2]
    one_off = token[:-1] + ("B" if token[-1] == "A" else "A")  # never the real token, whatever it ends in
    with _nothing_changed("a wrong link"):
        for wrong in ("x", one_off, "A" * 5000, "%00", "%F0%9F%92%A9"):
            _answer_a_partner_must_not_get(client.get(f"/partner/referral/{wrong}/"), *never)
            _answer_a_partner_must_not_get(client.post(f"/partner/referral/{wrong}/", {"kind": "acknowledged"}), *never)
        for elsewhere in ("..%2f..%2f", path + "x/"):  # no such page at all: the site's own 404
            assert client.get(f"/partner/referral/{elsewhere}/").status_code == 404
    # Used: the answer uses it (the next one is another address).
    assert client.post(path, {"kind": "acknowledged"}).status_code == 200
    with _nothing_changed("a used link"):
        _answer_a_partner_must_not_get(client.get(path), *never)
        _answer_a_partner_must_not_get(client.post(path, {"kind": "outcome", "outcome": "helped"}), *never)
    # Expired.
    path, referral = _live_link(cast, cast.riverside, "bea")
    with all_organisations():
        PartnerLink.objects.filter(referral=referral).update(expires_at=timezone.now())
    _answer_a_partner_must_not_get(client.get(path), "Asked for bea", "Bea")
    # Withdrawn (taken back).
    path, referral = _live_link(cast, cast.riverside, "fay")
    with organisation_scope(cast.riverside):
        services.take_back(referral, by=cast.cleo)
    response = client.get(path)
    _answer_a_partner_must_not_get(response, "Asked for fay", "Fay")
    assert "Sharing has ended" in response.content.decode()
    # An erased peer's.
    path, referral = _live_link(cast, cast.riverside, "dee")
    with organisation_scope(cast.riverside):
        erase_peer(cast.dee, by=cast.cleo)
    _answer_a_partner_must_not_get(client.get(path), "Asked for dee", "Dee")


@pytest.mark.parametrize("signed_in", ["cleo", "hugo"])
def test_a_signed_in_member_opening_another_organisations_link_sees_only_the_partners_page(cast, client_for, signed_in):
    """The token is the only key: a member's own session adds nothing, and is not changed."""
    org = cast.harbour if signed_in == "cleo" else cast.riverside
    path, _referral = _live_link(cast, org, "zed" if signed_in == "cleo" else "amara")
    client = client_for(signed_in)
    session_before = {k: v for k, v in client.session.items() if k != IDLE_CLOCK}
    response = client.get(path)
    body = response.content.decode()
    assert response.status_code == 200
    assert "csrftoken" not in response.cookies
    # Their own session is theirs: the page reads and writes nothing of it (only the idle clock moves).
    assert {k: v for k, v in client.session.items() if k != IDLE_CLOCK} == session_before
    own_people = ("Amara", "Bea", "Cleo") if signed_in == "cleo" else ("Zed", "Hana", "Hugo")
    for name in own_people:
        assert not re.search(rf"\b{name}\b", body), name
    assert "Sign out" not in body and "csrfmiddlewaretoken" not in body


# --- Training cohorts: the host's rows, opened by its own organisation and one that accepted a share. --

# The kwargs of the pages that open one cohort or one of its sessions (no person's record: the trainees
# shown are always the asking organisation's own, by the scope), and what each page needs.
TRAINING_KWARGS = {"cohort_id": "cohort", "cohort_session_id": "cohortsession"}
TRAINING_PAGES: dict[str, Do] = {"training:cohort": Do.RUN_TRAINING, "training:attendance": Do.RECORD_ATTENDANCE}


def _training_rows(cast, org, share_status: str | None = None) -> dict[str, int]:
    """A cohort of ``org`` with a session and its own trainee (and, if asked, a share with Riverside)."""
    host = cast.members["cleo"] if org == cast.riverside else cast.members["hugo"]
    trainee = cast.supporters["quinn_profile" if org == cast.riverside else "hana_profile"]
    with organisation_scope(org):
        module = Module.objects.create(organisation=org, title="Self-care", delivery="in_person", audience="everyone")
        cohort = Cohort.objects.create(organisation=org, name=f"{org.name} spring")
        session = CohortSession.objects.create(organisation=org, cohort=cohort, module=module, on=timezone.localdate())
        Trainee.objects.create(organisation=org, cohort=cohort, supporter=trainee)
        if share_status is not None:
            CohortShare.objects.create(
                organisation=org, cohort=cohort, guest=cast.riverside, status=share_status, invited_by=host.user
            )
    return {"cohort_id": cohort.pk, "cohort_session_id": session.pk}


def _training_cases():
    for name in sorted(TRAINING_PAGES):
        for role in PLAYER:
            for whose in ("own", "other", "invited", "accepted", "withdrawn"):
                for method in ("GET", "POST"):
                    yield pytest.param(name, role, whose, method, id=f"{name}-{role}-{whose}-{method}")


@pytest.mark.parametrize(("name", "role", "whose", "method"), list(_training_cases()))
def test_training_cohort_pages(cast, client_for, name, role, whose, method):
    """Our cohort opens for the roles that run training; Harbour's only once it shared it with us and
    we accepted (not while invited, nor once withdrawn); Harbour's trainees never show to us."""
    route = next(r for r in ROUTES if r.name == name)
    status = {"invited": ShareStatus.INVITED, "accepted": ShareStatus.ACCEPTED, "withdrawn": ShareStatus.WITHDRAWN}
    ids = _training_rows(cast, cast.riverside if whose == "own" else cast.harbour, status.get(whose))
    kwargs = {key: ids[key] for key in route.kwargs}
    player = PLAYER[role]
    membership, user = cast.members[player], cast.user(player)
    allowed = whose in ("own", "accepted") and can(membership, TRAINING_PAGES[name])
    client = client_for(player)
    denied_before = _denials(user)

    response = _request(client, method, reverse(name, kwargs=kwargs), allowed=allowed)

    _check(response, allowed, denied_before, user, {str(v) for v in kwargs.values()}, ["Hana", "Quinn"])
    if allowed and response.status_code == 200:
        for other in HARBOUR_NAMES:
            assert not re.search(rf"\b{other}\b", response.content.decode()), f"{name} shows {other} to {player}"
