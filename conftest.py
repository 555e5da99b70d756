"""The cast every test can call on: two organisations and the people in them.

Riverside (a small survivor-led network):
    ada (admin), cleo (coordinator), sina (supervisor), pat (peer supporter, supervised by sina),
    quinn (another peer supporter, supervised by nobody), stef (staff), eve (evaluator),
    sol (a second supervisor), rio (peer supporter, supervised by sol);
    peers: amara (with pat), bea (with quinn), cat (with stef), dee (with nobody), fay (with rio).
    amara and pat have a support agreement (version 1), under Riverside's information-sharing threshold.
    cat and dee said at their intake conversation that they would like a peer supporter now (cat 12
    days ago, dee 7): they are on the waiting list, cat first.
    So each supervisor has a supervisee with a peer of their own: sina sees amara (not fay, not bea),
    sol sees fay (not amara, not bea).
Harbour (a larger charity):
    hugo (coordinator), hana (peer supporter); peer: zed (with hana), whom hana referred to Harbour Housing.
Everyone already has two-step sign-in set up, so a forced login reaches every page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from accounts.middleware import mark_signed_in_with_second_step
from accounts.models import User
from agreements.models import SharingThreshold, SupportAgreement
from competence.testing import allow_alone
from consent.models import ConsentText
from intake.models import IntakeConversation
from matching.models import SupporterDetails
from organisations.models import Membership, Organisation, Partner, Role
from organisations.tenancy import all_organisations, organisation_scope
from people.models import Assignment, AssignmentKind, Peer, PeerSupporter

TOTP_SECRET = "JBSWY3DPEHPK3PXPALONGSIDETEST234"


@dataclass
class Cast:
    riverside: Organisation
    harbour: Organisation
    members: dict[str, Membership] = field(default_factory=dict)
    peers: dict[str, Peer] = field(default_factory=dict)
    supporters: dict[str, PeerSupporter] = field(default_factory=dict)

    def user(self, name: str) -> User:
        return self.members[name].user

    def __getattr__(self, name: str):
        for table in ("members", "peers", "supporters"):
            if name in self.__dict__.get(table, {}):
                return self.__dict__[table][name]
        raise AttributeError(name)


def make_member(org: Organisation, name: str, role: str, *, mfa: bool = True) -> Membership:
    user = User.objects.create_user(f"{name}@{org.slug}.test", "a long test password", display_name=name.capitalize())
    if mfa:
        TOTP.activate(user, TOTP_SECRET)
    return Membership.objects.create(user=user, organisation=org, role=role)


def make_supporter(
    member: Membership, supervisor: Membership | None = None, capacity: int = 4, stage: str = "active"
) -> PeerSupporter:
    """A peer supporter who is supporting peers (the cast's all are), unless ``stage`` says otherwise."""
    return PeerSupporter.objects.create(
        organisation=member.organisation,
        membership=member,
        supervisor=supervisor,
        capacity=capacity,
        employment="paid",
        stage=stage,
    )


def queries_asked(client, url: str) -> tuple[int, str]:
    """How many questions a page asks the database on its second fetch (the first pays the
    once-a-session checks), and what it showed. For the query-count tests of every app."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def make_peer(org: Organisation, name: str, creator: User, **fields) -> Peer:
    return Peer.objects.create(organisation=org, chosen_name=name, created_by=creator, **fields)


def assign(peer: Peer, worker: Membership, kind: str = AssignmentKind.PEER_SUPPORT) -> Assignment:
    return Assignment.objects.create(
        organisation=peer.organisation, peer=peer, worker=worker, kind=kind, created_by=worker.user
    )


@pytest.fixture(autouse=True)
def _english_until_asked():
    """Each test starts in English: a request in French leaves French active in the thread after it."""
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def cast(db) -> Cast:
    return build_cast()


def build_cast() -> Cast:
    """The cast described above, written to the database (for a fixture that holds the database open)."""
    with all_organisations():
        riverside = Organisation.objects.create(name="Riverside", slug="riverside")
        harbour = Organisation.objects.create(name="Harbour", slug="harbour")
        c = Cast(riverside, harbour)
        for name, role in [
            ("ada", Role.ADMIN),
            ("cleo", Role.COORDINATOR),
            ("sina", Role.SUPERVISOR),
            ("pat", Role.PEER_SUPPORTER),
            ("quinn", Role.PEER_SUPPORTER),
            ("stef", Role.STAFF),
            ("eve", Role.EVALUATOR),
            ("sol", Role.SUPERVISOR),
            ("rio", Role.PEER_SUPPORTER),
        ]:
            c.members[name] = make_member(riverside, name, role)
        for name, role in [("hugo", Role.COORDINATOR), ("hana", Role.PEER_SUPPORTER)]:
            c.members[name] = make_member(harbour, name, role)
        c.supporters["pat_profile"] = make_supporter(c.members["pat"], supervisor=c.members["sina"])
        c.supporters["quinn_profile"] = make_supporter(c.members["quinn"])
        c.supporters["rio_profile"] = make_supporter(c.members["rio"], supervisor=c.members["sol"])
        c.supporters["hana_profile"] = make_supporter(c.members["hana"])
        for name in ("pat_profile", "quinn_profile", "rio_profile"):
            # Each already works one-to-one with a peer: they may, on their own (their level says so).
            SupporterDetails.objects.create(organisation=riverside, supporter=c.supporters[name])
            allow_alone(c.supporters[name])
        cleo = c.user("cleo")
        for name in ("amara", "bea", "cat", "dee", "fay"):
            c.peers[name] = make_peer(riverside, name.capitalize(), cleo)
        c.peers["zed"] = make_peer(harbour, "Zed", c.user("hugo"))
        assign(c.peers["amara"], c.members["pat"])
        assign(c.peers["bea"], c.members["quinn"])
        assign(c.peers["cat"], c.members["stef"], AssignmentKind.CASE_MANAGEMENT)
        assign(c.peers["fay"], c.members["rio"])
        assign(c.peers["zed"], c.members["hana"])
        # An intake conversation, so that its encrypted columns are checked (encryption/tests).
        IntakeConversation.objects.create(organisation=riverside, peer=c.peers["amara"], safety_notes="Drop-in only.")
        for name, days in (("cat", 12), ("dee", 7)):
            since = timezone.localdate() - timedelta(days=days)
            IntakeConversation.objects.create(
                organisation=riverside, peer=c.peers[name], had_on=since, wants_peer_support="now", ready_since=since
            )
        for org in (riverside, harbour):
            ConsentText.objects.create(organisation=org, version=1, language="en", title="Taking part", body="Words.")
            ConsentText.objects.create(organisation=org, version=1, language="fr", title="Participer", body="Mots.")
            Partner.objects.create(organisation=org, name=f"{org.name} Housing")
            for language, words in (("en", "What stays between us."), ("fr", "Ce qui reste entre nous.")):
                SharingThreshold.objects.create(organisation=org, version=1, language=language, body=words)
        amaras = Assignment.objects.get(peer=c.peers["amara"])
        SupportAgreement.objects.create(
            organisation=riverside,
            peer=c.peers["amara"],
            assignment=amaras,
            version=1,
            how_often="weekly",
            channels=["phone_call"],
            never_channels=["social_media"],
            contact_hours="Tuesdays, 10 to 4",
            threshold=SharingThreshold.objects.get(organisation=riverside, language="en"),
            review_on=amaras.starts_on + timedelta(weeks=12),
            recorded_by=c.user("pat"),
        )
        _matching_rows(c)
        _competence_rows(c)
        _safeguarding_rows(c)
        _referral_rows(c)
        _recruitment_rows(c)
    return c


@pytest.fixture
def cast_with_support_rows(cast):
    """The cast and a row of each model of support in motion that holds encrypted text, on a second
    Harbour peer (yara), for the encryption registry's check; kept out of the cast itself, whose Harbour
    the tenancy and walk tests expect to hold zed's records only."""
    with all_organisations():
        _support_rows(cast)
    return cast


def _support_rows(c: Cast) -> None:
    """One row of each model of support in motion that holds encrypted text, in Harbour, on yara (so
    that zed keeps one of each record, which the permission walk opens): an ended support with its
    closing conversation and a past cover, a past meeting, a goal with a step and progress, a contact
    logged and a draft."""
    from contacts.models import Contact, ContactDraft
    from continuity.models import ClosingConversation, Cover
    from diary.models import Meeting
    from goals.models import Goal, ProgressEntry, Step

    hana, hugo, org = c.members["hana"], c.members["hugo"], c.harbour
    today, now = timezone.localdate(), timezone.now()
    yara = c.peers["yara"] = make_peer(org, "Yara", hugo.user)
    current = assign(yara, hana)
    ended = Assignment.objects.create(
        organisation=org, peer=yara, worker=hana, kind=AssignmentKind.PEER_SUPPORT, ending_reason="goals_met",
        starts_on=today - timedelta(days=800), ends_on=today - timedelta(days=400), created_by=hugo.user,
    )  # fmt: skip
    ClosingConversation.objects.create(
        organisation=org, peer=yara, assignment=ended, had_on=ended.ends_on, in_their_words="—", if_they_come_back="—"
    )
    covering = Assignment.objects.create(
        organisation=org, peer=yara, worker=hugo, kind=AssignmentKind.COVER, created_by=hugo.user,
        starts_on=today - timedelta(days=500), ends_on=today - timedelta(days=490),
    )  # fmt: skip
    Cover.objects.create(organisation=org, peer=yara, assignment=covering, covers=ended, message="—")
    Meeting.objects.create(
        organisation=org, peer=yara, assignment=current, starts_at=now - timedelta(days=3), place="—", note="—"
    )
    goal = Goal.objects.create(organisation=org, peer=yara, words="—", someone_else="—")
    Step.objects.create(organisation=org, goal=goal, words="—")
    ProgressEntry.objects.create(organisation=org, goal=goal, words="—")
    Contact.objects.create(
        organisation=org, peer=yara, assignment=current, worker=hana, how="phone", minutes=20, kind="check_in",
        happened_at=now - timedelta(days=2), note="—",
    )  # fmt: skip
    ContactDraft.objects.create(organisation=org, member=hana, assignment=current, fields={"note": "—"})
    _supervision_rows(c, yara)
    _wellbeing_rows(c)


def _supervision_rows(c: Cast, yara: Peer) -> None:
    """A supervision of hana's, by an external supervisor Harbour's coordinator recorded, with a line
    about yara, her own reflection, and a frequency changed for her with a reason."""
    from supervision.models import CaseloadNote, Frequency, Session, Supervisee

    org, hana = c.harbour, c.supporters["hana_profile"]
    session = Session.objects.create(
        organisation=org, format="one_to_one", arranged="planned", approach="clinical",
        external_supervisor="—", recorded_by=c.members["hugo"],
    )  # fmt: skip
    row = Supervisee.objects.create(organisation=org, session=session, supporter=hana, notes="—", reflection="—")
    CaseloadNote.objects.create(organisation=org, supervisee=row, peer=yara, note="—")
    Frequency.objects.create(organisation=org, supporter=hana, reason="—")


def _wellbeing_rows(c: Cast) -> None:
    """hana's own wellbeing, each model with encrypted text once: a plan, a check-in, a hard moment,
    and her entry in the directory of peer supporters."""
    from wellbeing.models import CheckIn, DirectoryEntry, HardMoment, SelfCarePlan

    hana, org = c.members["hana"], c.harbour
    SelfCarePlan.objects.create(organisation=org, member=hana, what_helps="—", early_signs="—", who_i_turn_to="—")
    CheckIn.objects.create(organisation=org, member=hana, answers={"1": 3}, score=None, for_supervisor="—")
    HardMoment.objects.create(organisation=org, member=hana, words="—")
    DirectoryEntry.objects.create(organisation=org, member=hana, glad_to_talk_about="—")


def _referral_rows(c: Cast) -> None:
    """A referral of zed's, in Harbour, so that its encrypted columns are checked (encryption/tests)."""
    from referrals.models import Referral, SharedItem

    today = timezone.localdate()
    referral = Referral.objects.create(
        organisation=c.harbour, peer=c.peers["zed"], partner=Partner.objects.get(organisation=c.harbour),
        partner_email="intake@harbour-housing.test", asked="A safe room.", note_for_partner="Call first.",
        made_by=c.user("hana"), explained_by=c.user("hana"), explained_at=timezone.now(),
        acknowledge_by=today + timedelta(days=7), outcome_by=today + timedelta(days=42),
    )  # fmt: skip
    SharedItem.objects.create(organisation=c.harbour, referral=referral, code="asked")


def _recruitment_rows(c: Cast) -> None:
    """One row of each recruitment model that holds encrypted text, on hana in Harbour, changing no
    stage: a change kept from before (she is active), a readiness conversation with a note, a cleared barrier."""
    from recruitment.models import Barrier, CriterionNote, ReadinessConversation, ReadinessCriterion, StageChange

    hana, hugo = c.supporters["hana_profile"], c.user("hugo")
    StageChange.objects.create(organisation=c.harbour, supporter=hana, from_stage="shadowing", to_stage="active",
                               why="—", by=hugo)  # fmt: skip
    criterion = ReadinessCriterion.objects.create(organisation=c.harbour, name="Listening without judgement")
    conversation = ReadinessConversation.objects.create(
        organisation=c.harbour, supporter=hana, held_by=hugo, judgement="ready", reasons="—", support_agreed="—"
    )
    CriterionNote.objects.create(organisation=c.harbour, conversation=conversation, criterion=criterion, note="—")
    Barrier.objects.create(organisation=c.harbour, supporter=hana, what="—", help_offered="—", status="cleared")


def _matching_rows(c: Cast) -> None:
    """One row of each matching model that holds encrypted text, in Harbour, changing no pairing:
    an exclusion already lifted, a lift, a place nobody else names, a supporter's details."""
    from matching.keepaway import digests
    from matching.models import AutomaticExclusionLift, Exclusion, KeepAway

    hugo, zed, hana = c.user("hugo"), c.peers["zed"], c.supporters["hana_profile"]
    SupporterDetails.objects.create(organisation=c.harbour, supporter=hana, culture="")
    allow_alone(hana)
    Exclusion.objects.create(
        organisation=c.harbour, peer=zed, other_supporter=hana, reason="not_said", recorded_by=hugo,
        lifted_at=timezone.now(), lifted_by=hugo, lift_reason="Recorded by mistake.",
    )  # fmt: skip
    AutomaticExclusionLift.objects.create(organisation=c.harbour, supporter=hana, peer=zed, reason="—", lifted_by=hugo)
    KeepAway.objects.create(organisation=c.harbour, supporter=hana, kind="other", words="—", digests=digests("cast"))


def _competence_rows(c: Cast) -> None:
    """One row of each competence model that holds encrypted text, in Harbour, on hana (who already
    holds a level that lets her work alone, recognised): a sign-off and a shadowing session with hugo."""
    from competence.models import Competence, Shadowing, SignOff

    hana, hugo, today = c.supporters["hana_profile"], c.members["hugo"], timezone.localdate()
    competence = Competence.objects.filter(organisation=c.harbour).first()
    SignOff.objects.create(
        organisation=c.harbour, supporter=hana, competence=competence, evidence="training", reference="—",
        signed_on=today, note="—", signed_by=hugo,
    )  # fmt: skip
    Shadowing.objects.create(
        organisation=c.harbour, shadow=hana.membership, shadowed=hugo, happened_on=today, work="group",
        reflections="—", recorded_by=hugo.user,
    )  # fmt: skip


def _safeguarding_rows(c: Cast) -> None:
    """One row of each safeguarding model that holds encrypted text, in Harbour, all of it over: a
    closed concern with a done action, a lifted flag, an aggression record, a visit checked out."""
    from safeguarding.models import AggressionRecord, Concern, ConcernAction, SafetyFlag, Visit

    hugo, hana, zed, now = c.members["hugo"], c.members["hana"], c.peers["zed"], timezone.now()
    concern = Concern.objects.create(
        organisation=c.harbour, peer=zed, raised_by=hana, urgency="when_you_can", what_happened="—",
        owner=hugo, taken_at=now, outcome="safe_now", closed_at=now,
    )  # fmt: skip
    ConcernAction.objects.create(
        organisation=c.harbour, concern=concern, what="—", due_on=now.date(), added_by=hugo, done_at=now, done_by=hugo
    )
    SafetyFlag.objects.create(
        organisation=c.harbour, peer=zed, kind="other", details="—", lifted_at=now, lifted_by=hugo
    )
    AggressionRecord.objects.create(organisation=c.harbour, peer=zed, happened_on=now.date(), description="—")
    Visit.objects.create(organisation=c.harbour, peer=zed, visitor=hana, where="—", back_by=now, checked_out_at=now)


@pytest.fixture
def client_for(client, cast):
    """A test client signed in as one of the cast (password and second step), working in their organisation."""

    def sign_in(name: str):
        member = cast.members[name]
        client.force_login(member.user)
        session = client.session
        session["organisation_id"] = member.organisation_id
        mark_signed_in_with_second_step(session, member.user)  # as the password-then-code sign-in leaves it
        session.save()
        return client

    return sign_in


@pytest.fixture
def in_riverside(cast):
    with organisation_scope(cast.riverside):
        yield cast


@pytest.fixture
def in_harbour(cast):
    with organisation_scope(cast.harbour):
        yield cast
