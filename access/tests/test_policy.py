"""The access policy, read as a table of sentences, and who each member of the cast can see.

Every role x every ``Do`` is written out below, so the table reads like the rules:
("coordinator", Do.ERASE_RECORD, True) is "a coordinator may erase a person's record".
A new role or a new ``Do`` fails ``test_the_table_covers_every_role_and_every_action`` until
someone writes down, here, who may do it.
"""

from __future__ import annotations

from datetime import timedelta
from itertools import product
from unittest import mock

import pytest
from django.utils import timezone
from django_scopes.exceptions import ScopeError

from access.policy import Do, can, visible_peers, visible_supporters
from consent.models import ConsentRecord, ConsentText
from organisations.models import Membership, Role
from organisations.tenancy import all_organisations, organisation_scope
from people.choices import ContactChannel, NeedDomain
from people.models import Assignment, AssignmentKind, ContactMethod, Need, Peer, PeerSupporter

# fmt: off
POLICY = [
    # An organisation admin runs the organisation: everything, including the audit log, the team and settings.
    ("admin", Do.SEE_PEERS, True),
    ("admin", Do.ADD_PEER, True),
    ("admin", Do.EDIT_PEER, True),
    ("admin", Do.RECORD_CONSENT, True),
    ("admin", Do.ASSIGN_WORKERS, True),
    ("admin", Do.EXPORT_RECORD, True),
    ("admin", Do.ERASE_RECORD, True),
    ("admin", Do.SEE_SUPPORTERS, True),
    ("admin", Do.EDIT_SUPPORTERS, True),
    ("admin", Do.READ_AUDIT_LOG, True),
    ("admin", Do.INVITE_MEMBERS, True),
    ("admin", Do.SEE_AGGREGATES, True),
    ("admin", Do.MANAGE_ORGANISATION, True),
    ("admin", Do.SEE_AGREEMENTS, True),
    ("admin", Do.RECORD_AGREEMENTS, False),
    ("admin", Do.SET_SHARING_THRESHOLD, True),
    ("admin", Do.RECORD_INTAKE, True),
    ("admin", Do.SEE_NETWORK_LINKS, True),
    ("admin", Do.SEE_WAITING_LIST, True),
    ("admin", Do.RECORD_ABSENCES, True),
    ("admin", Do.SEE_DIARY, True),
    ("admin", Do.PLAN_MEETINGS, False),
    ("admin", Do.SEE_DIRECTORY, True),
    ("admin", Do.MANAGE_DIRECTORY, True),
    ("admin", Do.LOG_CONTACTS, False),
    ("admin", Do.SEE_CONTACTS, True),
    ("admin", Do.READ_CONTACT_NOTES, False),
    ("admin", Do.SET_CONTACT_SETTINGS, True),
    ("admin", Do.SEE_REFERRALS, True),
    ("admin", Do.MAKE_REFERRALS, True),
    ("admin", Do.SEE_SUPERVISION, True),
    ("admin", Do.RECORD_SUPERVISION, False),
    ("admin", Do.READ_SUPERVISION_NOTES, False),
    ("admin", Do.REFLECT_ON_SUPERVISION, False),
    ("admin", Do.SET_SUPERVISION_FREQUENCY, True),
    ("admin", Do.MANAGE_SUPERVISION, True),
    ("admin", Do.KEEP_OWN_WELLBEING, False),
    ("admin", Do.SEE_WELLBEING_WARNINGS, False),
    ("admin", Do.USE_SUPPORTER_DIRECTORY, False),
    ("admin", Do.MANAGE_WELLBEING, True),
    ("admin", Do.SEE_COMPETENCE, True),
    ("admin", Do.SIGN_OFF_COMPETENCE, True),
    ("admin", Do.MANAGE_COMPETENCE_FRAMEWORK, True),
    ("admin", Do.RUN_RECRUITMENT, True),
    ("admin", Do.SEE_PATHS, True),
    # A coordinator runs the program: everything about people, but not the audit log, the team or settings.
    ("coordinator", Do.SEE_PEERS, True),
    ("coordinator", Do.ADD_PEER, True),
    ("coordinator", Do.EDIT_PEER, True),
    ("coordinator", Do.RECORD_CONSENT, True),
    ("coordinator", Do.ASSIGN_WORKERS, True),
    ("coordinator", Do.EXPORT_RECORD, True),
    ("coordinator", Do.ERASE_RECORD, True),
    ("coordinator", Do.SEE_SUPPORTERS, True),
    ("coordinator", Do.EDIT_SUPPORTERS, True),
    ("coordinator", Do.READ_AUDIT_LOG, False),
    ("coordinator", Do.INVITE_MEMBERS, False),
    ("coordinator", Do.SEE_AGGREGATES, True),
    ("coordinator", Do.MANAGE_ORGANISATION, False),
    ("coordinator", Do.SEE_AGREEMENTS, True),
    ("coordinator", Do.RECORD_AGREEMENTS, False),
    ("coordinator", Do.SET_SHARING_THRESHOLD, False),
    ("coordinator", Do.RECORD_INTAKE, True),
    ("coordinator", Do.SEE_NETWORK_LINKS, True),
    ("coordinator", Do.SEE_WAITING_LIST, True),
    ("coordinator", Do.RECORD_ABSENCES, True),
    ("coordinator", Do.SEE_DIARY, True),
    ("coordinator", Do.PLAN_MEETINGS, False),
    ("coordinator", Do.SEE_DIRECTORY, True),
    ("coordinator", Do.MANAGE_DIRECTORY, True),
    ("coordinator", Do.LOG_CONTACTS, True),
    ("coordinator", Do.SEE_CONTACTS, True),
    ("coordinator", Do.READ_CONTACT_NOTES, False),
    ("coordinator", Do.SET_CONTACT_SETTINGS, True),
    ("coordinator", Do.SEE_REFERRALS, True),
    ("coordinator", Do.MAKE_REFERRALS, True),
    ("coordinator", Do.SEE_SUPERVISION, True),
    ("coordinator", Do.RECORD_SUPERVISION, False),
    ("coordinator", Do.READ_SUPERVISION_NOTES, False),
    ("coordinator", Do.REFLECT_ON_SUPERVISION, False),
    ("coordinator", Do.SET_SUPERVISION_FREQUENCY, True),
    ("coordinator", Do.MANAGE_SUPERVISION, True),
    ("coordinator", Do.KEEP_OWN_WELLBEING, False),
    ("coordinator", Do.SEE_WELLBEING_WARNINGS, False),
    ("coordinator", Do.USE_SUPPORTER_DIRECTORY, False),
    ("coordinator", Do.MANAGE_WELLBEING, True),
    ("coordinator", Do.SEE_COMPETENCE, True),
    ("coordinator", Do.SIGN_OFF_COMPETENCE, True),
    ("coordinator", Do.MANAGE_COMPETENCE_FRAMEWORK, True),
    ("coordinator", Do.RUN_RECRUITMENT, True),
    ("coordinator", Do.SEE_PATHS, True),
    # A supervisor looks after supervisees and their peers, but does not register, assign or erase.
    ("supervisor", Do.SEE_PEERS, True),
    ("supervisor", Do.ADD_PEER, False),
    ("supervisor", Do.EDIT_PEER, True),
    ("supervisor", Do.RECORD_CONSENT, True),
    ("supervisor", Do.ASSIGN_WORKERS, False),
    ("supervisor", Do.EXPORT_RECORD, False),
    ("supervisor", Do.ERASE_RECORD, False),
    ("supervisor", Do.SEE_SUPPORTERS, True),
    ("supervisor", Do.EDIT_SUPPORTERS, False),
    ("supervisor", Do.READ_AUDIT_LOG, False),
    ("supervisor", Do.INVITE_MEMBERS, False),
    ("supervisor", Do.SEE_AGGREGATES, False),
    ("supervisor", Do.MANAGE_ORGANISATION, False),
    ("supervisor", Do.SEE_AGREEMENTS, True),
    ("supervisor", Do.RECORD_AGREEMENTS, True),
    ("supervisor", Do.SET_SHARING_THRESHOLD, False),
    ("supervisor", Do.RECORD_INTAKE, False),
    ("supervisor", Do.SEE_NETWORK_LINKS, False),
    ("supervisor", Do.SEE_WAITING_LIST, False),
    ("supervisor", Do.RECORD_ABSENCES, False),
    ("supervisor", Do.SEE_DIARY, True),
    ("supervisor", Do.PLAN_MEETINGS, True),
    ("supervisor", Do.SEE_DIRECTORY, True),
    ("supervisor", Do.MANAGE_DIRECTORY, False),
    ("supervisor", Do.LOG_CONTACTS, True),
    ("supervisor", Do.SEE_CONTACTS, True),
    ("supervisor", Do.READ_CONTACT_NOTES, True),
    ("supervisor", Do.SET_CONTACT_SETTINGS, False),
    ("supervisor", Do.SEE_REFERRALS, True),
    ("supervisor", Do.MAKE_REFERRALS, False),
    ("supervisor", Do.SEE_SUPERVISION, True),
    ("supervisor", Do.RECORD_SUPERVISION, True),
    ("supervisor", Do.READ_SUPERVISION_NOTES, True),
    ("supervisor", Do.REFLECT_ON_SUPERVISION, False),
    ("supervisor", Do.SET_SUPERVISION_FREQUENCY, True),
    ("supervisor", Do.MANAGE_SUPERVISION, False),
    ("supervisor", Do.KEEP_OWN_WELLBEING, False),
    ("supervisor", Do.SEE_WELLBEING_WARNINGS, True),
    ("supervisor", Do.USE_SUPPORTER_DIRECTORY, False),
    ("supervisor", Do.MANAGE_WELLBEING, False),
    ("supervisor", Do.SEE_COMPETENCE, True),
    ("supervisor", Do.SIGN_OFF_COMPETENCE, True),
    ("supervisor", Do.MANAGE_COMPETENCE_FRAMEWORK, False),
    ("supervisor", Do.RUN_RECRUITMENT, False),
    ("supervisor", Do.SEE_PATHS, True),
    # A peer supporter works with their own peers.
    ("peer_supporter", Do.SEE_PEERS, True),
    ("peer_supporter", Do.ADD_PEER, True),
    ("peer_supporter", Do.EDIT_PEER, True),
    ("peer_supporter", Do.RECORD_CONSENT, True),
    ("peer_supporter", Do.ASSIGN_WORKERS, False),
    ("peer_supporter", Do.EXPORT_RECORD, False),
    ("peer_supporter", Do.ERASE_RECORD, False),
    ("peer_supporter", Do.SEE_SUPPORTERS, False),
    ("peer_supporter", Do.EDIT_SUPPORTERS, False),
    ("peer_supporter", Do.READ_AUDIT_LOG, False),
    ("peer_supporter", Do.INVITE_MEMBERS, False),
    ("peer_supporter", Do.SEE_AGGREGATES, False),
    ("peer_supporter", Do.MANAGE_ORGANISATION, False),
    ("peer_supporter", Do.SEE_AGREEMENTS, True),
    ("peer_supporter", Do.RECORD_AGREEMENTS, True),
    ("peer_supporter", Do.SET_SHARING_THRESHOLD, False),
    ("peer_supporter", Do.RECORD_INTAKE, True),
    ("peer_supporter", Do.SEE_NETWORK_LINKS, False),
    ("peer_supporter", Do.SEE_WAITING_LIST, False),
    ("peer_supporter", Do.RECORD_ABSENCES, False),
    ("peer_supporter", Do.SEE_DIARY, True),
    ("peer_supporter", Do.PLAN_MEETINGS, True),
    ("peer_supporter", Do.SEE_DIRECTORY, True),
    ("peer_supporter", Do.MANAGE_DIRECTORY, False),
    ("peer_supporter", Do.LOG_CONTACTS, True),
    ("peer_supporter", Do.SEE_CONTACTS, True),
    ("peer_supporter", Do.READ_CONTACT_NOTES, True),
    ("peer_supporter", Do.SET_CONTACT_SETTINGS, False),
    ("peer_supporter", Do.SEE_REFERRALS, True),
    ("peer_supporter", Do.MAKE_REFERRALS, True),
    ("peer_supporter", Do.SEE_SUPERVISION, True),
    ("peer_supporter", Do.RECORD_SUPERVISION, False),
    ("peer_supporter", Do.READ_SUPERVISION_NOTES, True),
    ("peer_supporter", Do.REFLECT_ON_SUPERVISION, True),
    ("peer_supporter", Do.SET_SUPERVISION_FREQUENCY, False),
    ("peer_supporter", Do.MANAGE_SUPERVISION, False),
    ("peer_supporter", Do.KEEP_OWN_WELLBEING, True),
    ("peer_supporter", Do.SEE_WELLBEING_WARNINGS, False),
    ("peer_supporter", Do.USE_SUPPORTER_DIRECTORY, True),
    ("peer_supporter", Do.MANAGE_WELLBEING, False),
    ("peer_supporter", Do.SEE_COMPETENCE, True),
    ("peer_supporter", Do.SIGN_OFF_COMPETENCE, False),
    ("peer_supporter", Do.MANAGE_COMPETENCE_FRAMEWORK, False),
    ("peer_supporter", Do.RUN_RECRUITMENT, False),
    ("peer_supporter", Do.SEE_PATHS, True),
    # Staff (case managers, counsellors) work with the peers they are assigned to.
    ("staff", Do.SEE_PEERS, True),
    ("staff", Do.ADD_PEER, True),
    ("staff", Do.EDIT_PEER, True),
    ("staff", Do.RECORD_CONSENT, True),
    ("staff", Do.ASSIGN_WORKERS, False),
    ("staff", Do.EXPORT_RECORD, False),
    ("staff", Do.ERASE_RECORD, False),
    ("staff", Do.SEE_SUPPORTERS, False),
    ("staff", Do.EDIT_SUPPORTERS, False),
    ("staff", Do.READ_AUDIT_LOG, False),
    ("staff", Do.INVITE_MEMBERS, False),
    ("staff", Do.SEE_AGGREGATES, False),
    ("staff", Do.MANAGE_ORGANISATION, False),
    ("staff", Do.SEE_AGREEMENTS, False),
    ("staff", Do.RECORD_AGREEMENTS, False),
    ("staff", Do.SET_SHARING_THRESHOLD, False),
    ("staff", Do.RECORD_INTAKE, True),
    ("staff", Do.SEE_NETWORK_LINKS, False),
    ("staff", Do.SEE_WAITING_LIST, False),
    ("staff", Do.RECORD_ABSENCES, False),
    ("staff", Do.SEE_DIARY, True),
    ("staff", Do.PLAN_MEETINGS, True),
    ("staff", Do.SEE_DIRECTORY, True),
    ("staff", Do.MANAGE_DIRECTORY, False),
    ("staff", Do.LOG_CONTACTS, True),
    ("staff", Do.SEE_CONTACTS, True),
    ("staff", Do.READ_CONTACT_NOTES, True),
    ("staff", Do.SET_CONTACT_SETTINGS, False),
    ("staff", Do.SEE_REFERRALS, True),
    ("staff", Do.MAKE_REFERRALS, True),
    ("staff", Do.SEE_SUPERVISION, False),
    ("staff", Do.RECORD_SUPERVISION, False),
    ("staff", Do.READ_SUPERVISION_NOTES, False),
    ("staff", Do.REFLECT_ON_SUPERVISION, False),
    ("staff", Do.SET_SUPERVISION_FREQUENCY, False),
    ("staff", Do.MANAGE_SUPERVISION, False),
    ("staff", Do.KEEP_OWN_WELLBEING, False),
    ("staff", Do.SEE_WELLBEING_WARNINGS, False),
    ("staff", Do.USE_SUPPORTER_DIRECTORY, False),
    ("staff", Do.MANAGE_WELLBEING, False),
    ("staff", Do.SEE_COMPETENCE, False),
    ("staff", Do.SIGN_OFF_COMPETENCE, False),
    ("staff", Do.MANAGE_COMPETENCE_FRAMEWORK, False),
    ("staff", Do.RUN_RECRUITMENT, False),
    ("staff", Do.SEE_PATHS, False),
    # An evaluator never sees a person: only aggregate figures.
    ("evaluator", Do.SEE_PEERS, False),
    ("evaluator", Do.ADD_PEER, False),
    ("evaluator", Do.EDIT_PEER, False),
    ("evaluator", Do.RECORD_CONSENT, False),
    ("evaluator", Do.ASSIGN_WORKERS, False),
    ("evaluator", Do.EXPORT_RECORD, False),
    ("evaluator", Do.ERASE_RECORD, False),
    ("evaluator", Do.SEE_SUPPORTERS, False),
    ("evaluator", Do.EDIT_SUPPORTERS, False),
    ("evaluator", Do.READ_AUDIT_LOG, False),
    ("evaluator", Do.INVITE_MEMBERS, False),
    ("evaluator", Do.SEE_AGGREGATES, True),
    ("evaluator", Do.MANAGE_ORGANISATION, False),
    # Batches and offers: those who run the program match peers and record the peer's answer.
    # A peer supporter does not record answers to offers made to them: they do not see the peer
    # until the peer has accepted (a declined offer leaves them knowing nothing of who declined).
    ("admin", Do.RUN_BATCHES, True),
    ("coordinator", Do.RUN_BATCHES, True),
    ("supervisor", Do.RUN_BATCHES, False),
    ("peer_supporter", Do.RUN_BATCHES, False),
    ("staff", Do.RUN_BATCHES, False),
    ("evaluator", Do.RUN_BATCHES, False),
    ("admin", Do.RECORD_OFFERS, True),
    ("coordinator", Do.RECORD_OFFERS, True),
    ("supervisor", Do.RECORD_OFFERS, False),
    ("peer_supporter", Do.RECORD_OFFERS, False),
    ("staff", Do.RECORD_OFFERS, False),
    ("evaluator", Do.RECORD_OFFERS, False),
    # Matching: only those who run the program know who must never be put together, and set how fits count.
    ("admin", Do.RECORD_EXCLUSIONS, True),
    ("coordinator", Do.RECORD_EXCLUSIONS, True),
    ("supervisor", Do.RECORD_EXCLUSIONS, False),
    ("peer_supporter", Do.RECORD_EXCLUSIONS, False),
    ("staff", Do.RECORD_EXCLUSIONS, False),
    ("evaluator", Do.RECORD_EXCLUSIONS, False),
    ("admin", Do.MANAGE_MATCHING, True),
    ("coordinator", Do.MANAGE_MATCHING, True),
    ("supervisor", Do.MANAGE_MATCHING, False),
    ("peer_supporter", Do.MANAGE_MATCHING, False),
    ("staff", Do.MANAGE_MATCHING, False),
    ("evaluator", Do.MANAGE_MATCHING, False),
    ("evaluator", Do.SEE_AGREEMENTS, False),
    ("evaluator", Do.RECORD_AGREEMENTS, False),
    ("evaluator", Do.SET_SHARING_THRESHOLD, False),
    ("evaluator", Do.RECORD_INTAKE, False),
    ("evaluator", Do.SEE_NETWORK_LINKS, False),
    ("evaluator", Do.SEE_WAITING_LIST, False),
    ("evaluator", Do.RECORD_ABSENCES, False),
    ("evaluator", Do.SEE_DIARY, False),
    ("evaluator", Do.PLAN_MEETINGS, False),
    ("evaluator", Do.SEE_DIRECTORY, False),
    ("evaluator", Do.MANAGE_DIRECTORY, False),
    # A peer's plan: read by everyone who sees the peer; written by their workers, coordinators and
    # admins (a supervisor writes only where they are a worker: goals/access.py); never by an evaluator.
    ("admin", Do.SEE_GOALS, True),
    ("admin", Do.RECORD_GOALS, True),
    ("admin", Do.MANAGE_LIFE_DOMAINS, True),
    ("coordinator", Do.SEE_GOALS, True),
    ("coordinator", Do.RECORD_GOALS, True),
    ("coordinator", Do.MANAGE_LIFE_DOMAINS, True),
    ("supervisor", Do.SEE_GOALS, True),
    ("supervisor", Do.RECORD_GOALS, True),
    ("supervisor", Do.MANAGE_LIFE_DOMAINS, False),
    ("peer_supporter", Do.SEE_GOALS, True),
    ("peer_supporter", Do.RECORD_GOALS, True),
    ("peer_supporter", Do.MANAGE_LIFE_DOMAINS, False),
    ("staff", Do.SEE_GOALS, True),
    ("staff", Do.RECORD_GOALS, True),
    ("staff", Do.MANAGE_LIFE_DOMAINS, False),
    ("evaluator", Do.SEE_GOALS, False),
    ("evaluator", Do.RECORD_GOALS, False),
    ("evaluator", Do.MANAGE_LIFE_DOMAINS, False),
    ("evaluator", Do.LOG_CONTACTS, False),
    ("evaluator", Do.SEE_CONTACTS, False),
    ("evaluator", Do.READ_CONTACT_NOTES, False),
    ("evaluator", Do.SET_CONTACT_SETTINGS, False),
    # Endings: planned with the peer by their own supporter, that supporter's supervisor, or those who
    # run the program (continuity/access.py: which supports). Cover is arranged by those who run it.
    ("admin", Do.PLAN_ENDINGS, True),
    ("coordinator", Do.PLAN_ENDINGS, True),
    ("supervisor", Do.PLAN_ENDINGS, True),
    ("peer_supporter", Do.PLAN_ENDINGS, True),
    ("staff", Do.PLAN_ENDINGS, False),
    ("evaluator", Do.PLAN_ENDINGS, False),
    ("admin", Do.ARRANGE_COVER, True),
    ("coordinator", Do.ARRANGE_COVER, True),
    ("supervisor", Do.ARRANGE_COVER, False),
    ("peer_supporter", Do.ARRANGE_COVER, False),
    ("staff", Do.ARRANGE_COVER, False),
    ("evaluator", Do.ARRANGE_COVER, False),
    # Safeguarding: anyone who meets a peer says something worries them (and sees what they raised);
    # only supervisors and coordinators handle a concern and decide on a report, never a peer supporter
    # alone. Whoever meets a peer records what keeps staff safe and checks in and out of visits;
    # lifting a flag is a supervisor's or coordinator's decision. Coordinators keep the on-call rota.
    ("admin", Do.RAISE_CONCERNS, True),
    ("coordinator", Do.RAISE_CONCERNS, True),
    ("supervisor", Do.RAISE_CONCERNS, True),
    ("peer_supporter", Do.RAISE_CONCERNS, True),
    ("staff", Do.RAISE_CONCERNS, True),
    ("evaluator", Do.RAISE_CONCERNS, False),
    ("admin", Do.SEE_CONCERNS, True),
    ("coordinator", Do.SEE_CONCERNS, True),
    ("supervisor", Do.SEE_CONCERNS, True),
    ("peer_supporter", Do.SEE_CONCERNS, True),
    ("staff", Do.SEE_CONCERNS, True),
    ("evaluator", Do.SEE_CONCERNS, False),
    ("admin", Do.HANDLE_CONCERNS, True),
    ("coordinator", Do.HANDLE_CONCERNS, True),
    ("supervisor", Do.HANDLE_CONCERNS, True),
    ("peer_supporter", Do.HANDLE_CONCERNS, False),
    ("staff", Do.HANDLE_CONCERNS, False),
    ("evaluator", Do.HANDLE_CONCERNS, False),
    ("admin", Do.REPORT_CONCERNS, True),
    ("coordinator", Do.REPORT_CONCERNS, True),
    ("supervisor", Do.REPORT_CONCERNS, True),
    ("peer_supporter", Do.REPORT_CONCERNS, False),
    ("staff", Do.REPORT_CONCERNS, False),
    ("evaluator", Do.REPORT_CONCERNS, False),
    ("admin", Do.KEEP_ON_CALL_ROTA, True),
    ("coordinator", Do.KEEP_ON_CALL_ROTA, True),
    ("supervisor", Do.KEEP_ON_CALL_ROTA, False),
    ("peer_supporter", Do.KEEP_ON_CALL_ROTA, False),
    ("staff", Do.KEEP_ON_CALL_ROTA, False),
    ("evaluator", Do.KEEP_ON_CALL_ROTA, False),
    ("admin", Do.RECORD_SAFETY_FLAGS, True),
    ("coordinator", Do.RECORD_SAFETY_FLAGS, True),
    ("supervisor", Do.RECORD_SAFETY_FLAGS, True),
    ("peer_supporter", Do.RECORD_SAFETY_FLAGS, True),
    ("staff", Do.RECORD_SAFETY_FLAGS, True),
    ("evaluator", Do.RECORD_SAFETY_FLAGS, False),
    ("admin", Do.LIFT_SAFETY_FLAGS, True),
    ("coordinator", Do.LIFT_SAFETY_FLAGS, True),
    ("supervisor", Do.LIFT_SAFETY_FLAGS, True),
    ("peer_supporter", Do.LIFT_SAFETY_FLAGS, False),
    ("staff", Do.LIFT_SAFETY_FLAGS, False),
    ("evaluator", Do.LIFT_SAFETY_FLAGS, False),
    ("admin", Do.CHECK_IN_VISITS, True),
    ("coordinator", Do.CHECK_IN_VISITS, True),
    ("supervisor", Do.CHECK_IN_VISITS, True),
    ("peer_supporter", Do.CHECK_IN_VISITS, True),
    ("staff", Do.CHECK_IN_VISITS, True),
    ("evaluator", Do.CHECK_IN_VISITS, False),
    ("evaluator", Do.SEE_REFERRALS, False),
    ("evaluator", Do.MAKE_REFERRALS, False),
    ("evaluator", Do.SEE_SUPERVISION, False),
    ("evaluator", Do.RECORD_SUPERVISION, False),
    ("evaluator", Do.READ_SUPERVISION_NOTES, False),
    ("evaluator", Do.REFLECT_ON_SUPERVISION, False),
    ("evaluator", Do.SET_SUPERVISION_FREQUENCY, False),
    ("evaluator", Do.MANAGE_SUPERVISION, False),
    ("evaluator", Do.KEEP_OWN_WELLBEING, False),
    ("evaluator", Do.SEE_WELLBEING_WARNINGS, False),
    ("evaluator", Do.USE_SUPPORTER_DIRECTORY, False),
    ("evaluator", Do.MANAGE_WELLBEING, False),
    ("evaluator", Do.SEE_COMPETENCE, False),
    ("evaluator", Do.SIGN_OFF_COMPETENCE, False),
    ("evaluator", Do.MANAGE_COMPETENCE_FRAMEWORK, False),
    ("evaluator", Do.RUN_RECRUITMENT, False),
    ("evaluator", Do.SEE_PATHS, False),
    # Training: coordinators run it and take attendance; an admin answers a shared cohort; a supporter
    # agrees to the documents for themselves.
    ("admin", Do.RUN_TRAINING, True),
    ("coordinator", Do.RUN_TRAINING, True),
    ("supervisor", Do.RUN_TRAINING, False),
    ("peer_supporter", Do.RUN_TRAINING, False),
    ("staff", Do.RUN_TRAINING, False),
    ("evaluator", Do.RUN_TRAINING, False),
    ("admin", Do.RECORD_ATTENDANCE, True),
    ("coordinator", Do.RECORD_ATTENDANCE, True),
    ("supervisor", Do.RECORD_ATTENDANCE, False),
    ("peer_supporter", Do.RECORD_ATTENDANCE, False),
    ("staff", Do.RECORD_ATTENDANCE, False),
    ("evaluator", Do.RECORD_ATTENDANCE, False),
    ("admin", Do.ANSWER_SHARED_COHORTS, True),
    ("coordinator", Do.ANSWER_SHARED_COHORTS, False),
    ("supervisor", Do.ANSWER_SHARED_COHORTS, False),
    ("peer_supporter", Do.ANSWER_SHARED_COHORTS, False),
    ("staff", Do.ANSWER_SHARED_COHORTS, False),
    ("evaluator", Do.ANSWER_SHARED_COHORTS, False),
    ("admin", Do.SEE_TRAINING_PROGRESS, True),
    ("coordinator", Do.SEE_TRAINING_PROGRESS, True),
    ("supervisor", Do.SEE_TRAINING_PROGRESS, True),
    ("peer_supporter", Do.SEE_TRAINING_PROGRESS, True),
    ("staff", Do.SEE_TRAINING_PROGRESS, False),
    ("evaluator", Do.SEE_TRAINING_PROGRESS, False),
    ("admin", Do.AGREE_DOCUMENTS, False),
    ("coordinator", Do.AGREE_DOCUMENTS, False),
    ("supervisor", Do.AGREE_DOCUMENTS, False),
    ("peer_supporter", Do.AGREE_DOCUMENTS, True),
    ("staff", Do.AGREE_DOCUMENTS, False),
    ("evaluator", Do.AGREE_DOCUMENTS, False),
    # A peer supporter downloads what we hold about them; nobody else downloads it.
    ("admin", Do.COPY_OWN_RECORD, False),
    ("coordinator", Do.COPY_OWN_RECORD, False),
    ("supervisor", Do.COPY_OWN_RECORD, False),
    ("peer_supporter", Do.COPY_OWN_RECORD, True),
    ("staff", Do.COPY_OWN_RECORD, False),
    ("evaluator", Do.COPY_OWN_RECORD, False),
]
# fmt: on


def _sentence(row) -> str:
    role, action, allowed = row
    return f"a {role} {'may' if allowed else 'may not'} {action}"


@pytest.mark.parametrize(("role", "action", "allowed"), POLICY, ids=[_sentence(row) for row in POLICY])
def test_the_policy(role, action, allowed):
    assert can(Membership(role=role, is_active=True), action) is allowed


def test_the_table_covers_every_role_and_every_action():
    written = [(role, action) for role, action, _ in POLICY]
    assert len(written) == len(set(written)), "a (role, action) pair is written twice"
    assert set(written) == set(product(Role.values, Do))


@pytest.mark.parametrize("role", Role.values)
@pytest.mark.parametrize("action", list(Do))
def test_an_inactive_membership_may_do_nothing(role, action):
    assert can(Membership(role=role, is_active=False), action) is False


@pytest.mark.parametrize("action", list(Do))
def test_nobody_signed_in_to_an_organisation_may_do_nothing(action):
    assert can(None, action) is False


# Who sees whom, per member of the cast (see conftest.py).
SEES_PEERS = {
    "ada": {"amara", "bea", "cat", "dee", "fay"},
    "cleo": {"amara", "bea", "cat", "dee", "fay"},
    # pat's peer; not bea, who is quinn's (quinn is supervised by nobody), nor fay, who is the
    # peer of another supervisor's supervisee (rio, supervised by sol).
    "sina": {"amara"},
    "sol": {"fay"},  # rio's peer, and not sina's supervisee's
    "pat": {"amara"},
    "quinn": {"bea"},
    "rio": {"fay"},
    "stef": {"cat"},
    "eve": set(),
}
SEES_SUPPORTERS = {
    "ada": {"pat_profile", "quinn_profile", "rio_profile"},
    "cleo": {"pat_profile", "quinn_profile", "rio_profile"},
    "sina": {"pat_profile"},  # their supervisee
    "sol": {"rio_profile"},
    "pat": {"pat_profile"},  # their own profile
    "quinn": {"quinn_profile"},
    "rio": {"rio_profile"},
    "stef": set(),
    "eve": set(),
}


def test_every_riverside_member_is_in_the_tables_above(cast):
    riverside = {name for name, m in cast.members.items() if m.organisation_id == cast.riverside.pk}
    assert set(SEES_PEERS) == set(SEES_SUPPORTERS) == riverside


def _names(cast, table: str, objects) -> set[str]:
    by_pk = {obj.pk: name for name, obj in getattr(cast, table).items()}
    return {by_pk[obj.pk] for obj in objects}


@pytest.mark.parametrize(("member", "expected"), SEES_PEERS.items())
def test_visible_peers(in_riverside, member, expected):
    cast = in_riverside
    assert _names(cast, "peers", visible_peers(cast.members[member])) == expected


@pytest.mark.parametrize(("member", "expected"), SEES_SUPPORTERS.items())
def test_visible_supporters(in_riverside, member, expected):
    cast = in_riverside
    assert _names(cast, "supporters", visible_supporters(cast.members[member])) == expected


def test_harbour_members_see_only_harbour(in_harbour):
    cast = in_harbour
    assert _names(cast, "peers", visible_peers(cast.hugo)) == {"zed"}
    assert _names(cast, "peers", visible_peers(cast.hana)) == {"zed"}
    assert _names(cast, "supporters", visible_supporters(cast.hugo)) == {"hana_profile"}


def test_nobody_sees_anyone_without_a_membership(in_riverside):
    assert not visible_peers(None).exists()
    assert not visible_supporters(None).exists()


def test_an_inactive_membership_sees_nothing(in_riverside):
    cast = in_riverside
    for name in ("ada", "cleo", "sina", "pat", "stef"):
        member = cast.members[name]
        member.is_active = False
        member.save(update_fields=["is_active"])
        assert not visible_peers(member).exists(), name
        assert not visible_supporters(member).exists(), name


def test_an_inactive_membership_is_refused_the_peer_page(cast, client_for):
    client = client_for("pat")
    assert client.get(f"/peers/{cast.amara.pk}/").status_code == 200
    Membership.objects.filter(pk=cast.pat.pk).update(is_active=False)
    assert client.get(f"/peers/{cast.amara.pk}/").status_code == 404


def test_an_erased_peer_is_seen_by_nobody(in_riverside):
    cast = in_riverside
    Peer.objects.filter(pk=cast.amara.pk).update(erased_at=timezone.now())
    for name in ("ada", "cleo", "sina", "pat"):
        assert cast.amara not in visible_peers(cast.members[name]), name


def _on(day):
    """Make ``today`` a given day for the code that asks ``timezone.localdate()``."""
    return mock.patch("django.utils.timezone.localdate", return_value=day)


def test_an_ended_assignment_stops_visibility_the_day_after_it_ends(in_riverside):
    cast = in_riverside
    today = timezone.localdate()
    Assignment.objects.filter(peer=cast.amara, worker=cast.pat).update(
        starts_on=today - timedelta(days=30), ends_on=today
    )
    with _on(today):
        assert cast.amara in visible_peers(cast.pat)
        assert cast.amara in visible_peers(cast.sina)  # through pat
    with _on(today + timedelta(days=1)):
        assert cast.amara not in visible_peers(cast.pat)
        assert cast.amara not in visible_peers(cast.sina)
        assert cast.amara in visible_peers(cast.cleo)  # the organisation still has them


def test_an_assignment_that_ended_yesterday_gives_no_visibility_today(in_riverside):
    cast = in_riverside
    today = timezone.localdate()
    Assignment.objects.filter(peer=cast.cat, worker=cast.stef).update(
        starts_on=today - timedelta(days=30), ends_on=today - timedelta(days=1)
    )
    assert cast.cat not in visible_peers(cast.stef)


def test_a_future_assignment_does_not_grant_visibility_yet(in_riverside):
    cast = in_riverside
    tomorrow = timezone.localdate() + timedelta(days=1)
    Assignment.objects.create(
        organisation=cast.riverside,
        peer=cast.dee,
        worker=cast.pat,
        kind=AssignmentKind.PEER_SUPPORT,
        starts_on=tomorrow,
        created_by=cast.user("cleo"),
    )
    assert cast.dee not in visible_peers(cast.pat)
    assert cast.dee not in visible_peers(cast.sina)
    with _on(tomorrow):
        assert cast.dee in visible_peers(cast.pat)
        assert cast.dee in visible_peers(cast.sina)


def test_a_supervisor_sees_peers_assigned_to_them_directly(in_riverside):
    cast = in_riverside
    Assignment.objects.create(
        organisation=cast.riverside,
        peer=cast.dee,
        worker=cast.sina,
        kind=AssignmentKind.COUNSELLING,
        created_by=cast.user("cleo"),
    )
    assert _names(cast, "peers", visible_peers(cast.sina)) == {"amara", "dee"}


def test_a_supervisor_stops_seeing_a_supervisees_peers_when_supervision_moves(in_riverside):
    cast = in_riverside
    PeerSupporter.objects.filter(pk=cast.pat_profile.pk).update(supervisor=None)
    assert not visible_peers(cast.sina).exists()
    assert not visible_supporters(cast.sina).exists()


SCOPED_MODELS = [Peer, ContactMethod, Need, PeerSupporter, Assignment, ConsentRecord, ConsentText]


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m.__name__)
def test_person_data_outside_any_organisation_scope_raises(cast, model):
    with pytest.raises(ScopeError):
        list(model.objects.all())
    with pytest.raises(ScopeError):
        model.objects.filter(pk=1).exists()


def test_a_scope_cannot_be_opened_without_an_organisation(db):
    with pytest.raises(ScopeError), organisation_scope(None):
        pass  # pragma: no cover


def _person_data_in_both_organisations(cast):
    with all_organisations():
        for peer, worker in ((cast.amara, cast.pat), (cast.zed, cast.hana)):
            org = peer.organisation
            ContactMethod.objects.create(organisation=org, peer=peer, channel=ContactChannel.PHONE_CALL, is_safe=True)
            Need.objects.create(organisation=org, peer=peer, domain=NeedDomain.HOUSING)
            ConsentRecord.objects.create(
                organisation=org,
                peer=peer,
                text=ConsentText.objects.filter(organisation=org).first(),
                take_part=True,
                store_data=True,
                limits_explained_by=worker.user,
                limits_explained_at=timezone.now(),
                recorded_by=worker.user,
            )


@pytest.mark.parametrize("model", SCOPED_MODELS, ids=lambda m: m.__name__)
def test_scoped_models_only_return_the_scopes_organisation(cast, model):
    _person_data_in_both_organisations(cast)
    with all_organisations():
        assert model.objects.filter(organisation=cast.riverside).exists()
        assert model.objects.filter(organisation=cast.harbour).exists()
    with organisation_scope(cast.riverside):
        assert {obj.organisation_id for obj in model.objects.all()} <= {cast.riverside.pk}
    with organisation_scope(cast.harbour):
        assert {obj.organisation_id for obj in model.objects.all()} <= {cast.harbour.pk}


def test_inside_riversides_scope_harbours_peers_never_come_back(cast):
    zed = cast.zed
    with organisation_scope(cast.riverside):
        assert zed not in Peer.objects.all()
        assert not Peer.objects.filter(pk=zed.pk).exists()
        assert not Peer.objects.filter(chosen_name="Zed").exists()
        assert Peer.objects.filter(organisation=cast.harbour).count() == 0
        assert Peer.objects.filter(pk__in=[zed.pk, cast.amara.pk]).count() == 1
        assert not Assignment.objects.filter(peer_id=zed.pk).exists()
        assert not PeerSupporter.objects.filter(pk=cast.hana_profile.pk).exists()
        assert _names(cast, "peers", Peer.objects.all()) == {"amara", "bea", "cat", "dee", "fay"}
        # Even the organisation-wide roles, asked about the scope's people.
        assert zed not in visible_peers(cast.cleo)


def test_outside_any_scope_a_member_still_sees_only_their_own_organisation(cast):
    """Commands open every organisation (all_organisations); the policy must not lean on the scope."""
    with all_organisations():
        assert _names(cast, "peers", visible_peers(cast.cleo)) == SEES_PEERS["cleo"]
        assert _names(cast, "peers", visible_peers(cast.hugo)) == {"zed"}
        assert _names(cast, "supporters", visible_supporters(cast.cleo)) == SEES_SUPPORTERS["cleo"]
        assert _names(cast, "supporters", visible_supporters(cast.hugo)) == {"hana_profile"}
