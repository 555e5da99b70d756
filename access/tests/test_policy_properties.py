"""The policy over generated organisations: members of every role, supervisors, assignments past,
current and future, erased peers. ``visible_peers`` and ``visible_supporters`` must agree with a
plain statement of the rule (below, in Python over the generated data, with no ORM), never show
another organisation's people and never show an erased peer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from access.policy import is_their_work, their_work, visible_peers, visible_supporters
from accounts.models import User
from organisations.models import Membership, Organisation, Role
from organisations.tenancy import all_organisations, organisation_scope
from people.models import Assignment, AssignmentKind, Peer, PeerSupporter

ORGANISATIONS = 2


@dataclass(frozen=True)
class MemberSpec:
    user: int  # one user may be a member of both organisations
    org: int
    role: str
    active: bool
    has_profile: bool
    supervisor: int | None  # an index into the members, of the same organisation or not


@dataclass(frozen=True)
class PeerSpec:
    org: int
    erased: bool


@dataclass(frozen=True)
class AssignmentSpec:
    peer: int
    worker: int
    starts_in: int  # days from today: negative is in the past
    lasts: int | None  # days; None: open-ended

    def current(self) -> bool:
        """Current today: started, and not ended before today (the end day still counts)."""
        return self.starts_in <= 0 and (self.lasts is None or self.starts_in + self.lasts >= 0)


@dataclass(frozen=True)
class World:
    members: list[MemberSpec]
    peers: list[PeerSpec]
    assignments: list[AssignmentSpec]


@st.composite
def worlds(draw) -> World:
    drawn = draw(
        st.lists(
            st.builds(
                MemberSpec,
                user=st.integers(0, 4),
                org=st.integers(0, ORGANISATIONS - 1),
                role=st.sampled_from(list(Role)),
                active=st.booleans(),
                has_profile=st.booleans(),
                supervisor=st.none() | st.integers(0, 6),
            ),
            min_size=1,
            max_size=7,
        )
    )
    # One membership per user and organisation (a database constraint); supervisors among them.
    members: list[MemberSpec] = []
    for m in drawn:
        if all((m.user, m.org) != (other.user, other.org) for other in members):
            members.append(m)
    members = [
        m if m.supervisor is None or m.supervisor < len(members) else replace(m, supervisor=None) for m in members
    ]
    peers = draw(st.lists(st.builds(PeerSpec, org=st.integers(0, ORGANISATIONS - 1), erased=st.booleans()), max_size=6))
    assignments = []
    if peers:
        assignments = draw(
            st.lists(
                st.builds(
                    AssignmentSpec,
                    peer=st.integers(0, len(peers) - 1),
                    worker=st.integers(0, len(members) - 1),
                    starts_in=st.integers(-3, 2),  # near today, where the edges are
                    lasts=st.none() | st.integers(0, 3),
                ),
                max_size=10,
            )
        )
    return World(members, peers, assignments)


# --- The rule, in plain Python over the generated data. ------------------------------------------

SEE_PEERS = {Role.ADMIN, Role.COORDINATOR, Role.SUPERVISOR, Role.PEER_SUPPORTER, Role.STAFF}
WHOLE_ORGANISATION = {Role.ADMIN, Role.COORDINATOR}


def supervisor_of(world: World, member: int) -> int | None:
    spec = world.members[member]
    return spec.supervisor if spec.has_profile else None


def peers_seen(world: World, m: int) -> set[int]:
    """Admins and coordinators: every peer of their organisation. Peer supporters and staff: the
    peers currently assigned to them. Supervisors: those, and the peers currently assigned to the
    members they supervise. Evaluators and inactive members: nobody. Erased peers: nobody, ever."""
    me = world.members[m]
    if not me.active or me.role not in SEE_PEERS:
        return set()
    seen = set()
    for p, peer in enumerate(world.peers):
        if peer.org != me.org or peer.erased:
            continue
        if me.role in WHOLE_ORGANISATION:
            seen.add(p)
            continue
        for a in world.assignments:
            if a.peer != p or not a.current():
                continue
            if a.worker == m or (me.role == Role.SUPERVISOR and supervisor_of(world, a.worker) == m):
                seen.add(p)
    return seen


def supporters_seen(world: World, m: int) -> set[int]:
    """Admins and coordinators: every supporter profile of their organisation; supervisors: their
    supervisees' profiles; a peer supporter: their own; everyone else, and inactive members: none."""
    me = world.members[m]
    if not me.active:
        return set()
    seen = set()
    for s, spec in enumerate(world.members):
        if not spec.has_profile or spec.org != me.org:
            continue
        if (
            me.role in WHOLE_ORGANISATION
            or (me.role == Role.SUPERVISOR and spec.supervisor == m)
            or (me.role == Role.PEER_SUPPORTER and s == m)
        ):
            seen.add(s)
    return seen


# --- The world, in the database. -----------------------------------------------------------------


def build(world: World):
    today = timezone.localdate()
    orgs = [Organisation.objects.create(name=f"Org {i}", slug=f"org-{i}") for i in range(ORGANISATIONS)]
    users: dict[int, User] = {}
    for spec in world.members:
        if spec.user not in users:
            users[spec.user] = User.objects.create(email=f"u{spec.user}@example.org", display_name=f"U{spec.user}")
    memberships = [
        Membership.objects.create(user=users[s.user], organisation=orgs[s.org], role=s.role, is_active=s.active)
        for s in world.members
    ]
    profiles: dict[int, PeerSupporter] = {}
    for i, spec in enumerate(world.members):
        if spec.has_profile:
            profiles[i] = PeerSupporter.objects.create(
                organisation=orgs[spec.org],
                membership=memberships[i],
                supervisor=memberships[spec.supervisor] if spec.supervisor is not None else None,
                capacity=3,
                employment="paid",
            )
    creator = users[world.members[0].user]
    peers = [
        Peer.objects.create(
            organisation=orgs[spec.org],
            chosen_name=f"Peer {i}",
            created_by=creator,
            erased_at=timezone.now() if spec.erased else None,
        )
        for i, spec in enumerate(world.peers)
    ]
    for a in world.assignments:
        starts_on = today + timedelta(days=a.starts_in)
        Assignment.objects.create(
            organisation=peers[a.peer].organisation,
            peer=peers[a.peer],
            worker=memberships[a.worker],
            kind=AssignmentKind.PEER_SUPPORT,
            starts_on=starts_on,
            ends_on=None if a.lasts is None else starts_on + timedelta(days=a.lasts),
            created_by=creator,
        )
    return memberships, peers, profiles


@settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(world=worlds())
def test_visible_people_follow_the_rule_as_written(db, world):
    with transaction.atomic():
        with all_organisations():
            memberships, peers, profiles = build(world)
        peer_index = {peer.pk: i for i, peer in enumerate(peers)}
        profile_index = {profile.pk: i for i, profile in profiles.items()}
        for m, membership in enumerate(memberships):
            with organisation_scope(membership.organisation):
                shown_peers = list(visible_peers(membership))
                shown_supporters = list(visible_supporters(membership))
            assert {peer_index[p.pk] for p in shown_peers} == peers_seen(world, m), (m, world.members[m])
            assert {profile_index[s.pk] for s in shown_supporters} == supporters_seen(world, m), (m, world.members[m])
            assert all(p.organisation_id == membership.organisation_id for p in shown_peers)
            assert all(s.organisation_id == membership.organisation_id for s in shown_supporters)
            assert all(p.erased_at is None for p in shown_peers)
        transaction.set_rollback(True)


def their_work_as_written(world: World, m: int, a: AssignmentSpec) -> bool:
    """An assignment of the member's organisation is their work when they are its worker; when they
    supervise its worker; or, for admins and coordinators, always."""
    me = world.members[m]
    if world.peers[a.peer].org != me.org:
        return False
    return (
        me.role in WHOLE_ORGANISATION
        or a.worker == m
        or (me.role == Role.SUPERVISOR and supervisor_of(world, a.worker) == m)
    )


@settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(world=worlds())
@example(  # always tried: a supervisor, their supervisee, a coordinator, and another organisation's worker
    world=World(
        members=[
            MemberSpec(user=0, org=0, role=Role.SUPERVISOR, active=True, has_profile=False, supervisor=None),
            MemberSpec(user=1, org=0, role=Role.PEER_SUPPORTER, active=True, has_profile=True, supervisor=0),
            MemberSpec(user=2, org=0, role=Role.COORDINATOR, active=True, has_profile=False, supervisor=None),
            MemberSpec(user=3, org=1, role=Role.PEER_SUPPORTER, active=True, has_profile=True, supervisor=None),
        ],
        peers=[PeerSpec(org=0, erased=False), PeerSpec(org=1, erased=False)],
        assignments=[
            AssignmentSpec(peer=0, worker=1, starts_in=-1, lasts=None),
            AssignmentSpec(peer=0, worker=0, starts_in=-2, lasts=1),
            AssignmentSpec(peer=1, worker=3, starts_in=0, lasts=None),
        ],
    )
)
def test_their_work_is_the_same_rule_in_the_database_and_on_a_loaded_record(db, world):
    """The diary, the agreements and the endings ask ``their_work`` of the database on their own pages,
    and ``is_their_work`` of the assignments the peer's record has already read: the two must agree."""
    with transaction.atomic():
        with all_organisations():
            memberships, peers, _ = build(world)
            created = list(Assignment.objects.order_by("pk"))
        for m, membership in enumerate(memberships):
            expected = {created[i].pk for i, a in enumerate(world.assignments) if their_work_as_written(world, m, a)}
            with organisation_scope(membership.organisation):
                in_sql = set(Assignment.objects.filter(their_work(membership)).values_list("pk", flat=True))
                loaded = Assignment.objects.select_related("worker__supporter_profile")
                in_python = {a.pk for a in loaded if is_their_work(membership, a)}
            assert in_sql == expected, (m, world.members[m])
            assert in_python == expected, (m, world.members[m])
        transaction.set_rollback(True)
