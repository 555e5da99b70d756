"""The main pages ask the database the same number of questions for 5 rows as for 15 (no N+1).

Each case measures a page with N rows of what it lists, then with 3N, and asserts the counts are
equal, and not above a ceiling written here as a literal, so that a page that starts asking more
shows up in review. Run with ``-s`` to see the counts.
"""

from __future__ import annotations

from itertools import count

import pytest
from django.utils import timezone

from accounts.models import User
from alongside.tests.pages_asked import DASHBOARD_COORDINATOR, DASHBOARD_SUPERVISOR, FIGURES, PEER_RECORD
from audit.models import Action, AuditEvent
from conftest import queries_asked
from consent.models import ConsentRecord, ConsentText
from organisations.models import Membership, Partner, Role
from organisations.tenancy import all_organisations
from people.choices import AgeBand, ContactChannel, NeedDomain, PrimaryNeed
from people.models import Assignment, AssignmentKind, ContactMethod, Need, Peer, PeerSupporter

N = 5
_serial = count()


def _member(cast, role: str = Role.PEER_SUPPORTER, name: str = "") -> Membership:
    n = next(_serial)
    user = User.objects.create_user(
        f"worker{n}@riverside.test", "a long test password", display_name=name or f"Worker {n}"
    )
    return Membership.objects.create(user=user, organisation=cast.riverside, role=role)


def _supporter(cast, name: str, supervisor: Membership | None = None) -> PeerSupporter:
    member = _member(cast, name=name)
    return PeerSupporter.objects.create(
        organisation=cast.riverside, membership=member, supervisor=supervisor, capacity=3, employment="volunteer"
    )


def _assign(peer: Peer, worker: Membership, kind=AssignmentKind.PEER_SUPPORT, **dates) -> Assignment:
    return Assignment.objects.create(
        organisation=peer.organisation, peer=peer, worker=worker, kind=kind, created_by=worker.user, **dates
    )


def _consent(cast, peer: Peer, partners=(), **agreed) -> ConsentRecord:
    record = ConsentRecord.objects.create(
        organisation=peer.organisation,
        peer=peer,
        text=ConsentText.objects.filter(organisation=peer.organisation, language="en").first(),
        take_part=True,
        store_data=True,
        share_with_partners=bool(partners),
        limits_explained_by=cast.user("cleo"),
        limits_explained_at=timezone.now(),
        recorded_by=cast.user("cleo"),
        **agreed,
    )
    record.partners.set(partners, through_defaults={"organisation": record.organisation})
    return record


DOMAINS, NEEDS, AGES = list(NeedDomain), list(PrimaryNeed), list(AgeBand)


def _peer(cast, i: int, worker: Membership | None = None) -> Peer:
    """A peer with everything a list row or a figure could reach for."""
    peer = Peer.objects.create(
        organisation=cast.riverside,
        chosen_name=f"Row peer {i}",
        pronouns="they/them",
        primary_need=NEEDS[i % len(NEEDS)],
        age_band=AGES[i % len(AGES)],
        created_by=cast.user("cleo"),
    )
    _assign(peer, worker or _member(cast))
    Need.objects.create(organisation=cast.riverside, peer=peer, domain=DOMAINS[i % len(DOMAINS)])
    ContactMethod.objects.create(organisation=cast.riverside, peer=peer, channel=ContactChannel.TEXT, is_safe=True)
    _consent(cast, peer, Partner.objects.filter(organisation=cast.riverside), reports=True)
    return peer


# --- How each page's rows grow, from row ``start`` to row ``stop``. -------------------------------


def peers_with_anyone(cast, start, stop):
    for i in range(start, stop):
        _peer(cast, i)


def peers_with_pat(cast, start, stop):
    for i in range(start, stop):
        _peer(cast, i, worker=cast.pat)


def supporters(cast, start, stop):
    for i in range(start, stop):
        supporter = _supporter(cast, f"Supporter {i}", supervisor=cast.sina if i % 2 else None)
        _peer(cast, i, worker=supporter.membership)


def supervisees_of_sina(cast, start, stop):
    for i in range(start, stop):
        supporter = _supporter(cast, f"Supporter {i}", supervisor=cast.sina)
        _peer(cast, i, worker=supporter.membership)


def audit_events(cast, start, stop):
    for i in range(start, stop):
        actor = _member(cast, name=f"Reader {i}").user
        AuditEvent.objects.create(
            actor=actor, organisation=cast.riverside, action=Action.VIEW, record_type="peer", record_id=f"row-{i}"
        )


def everything_about_amara(cast, start, stop):
    """Assignments with different workers, contact methods, needs, partners, and readers."""
    amara = cast.amara
    consent = ConsentRecord.objects.filter(peer=amara, superseded_at__isnull=True).first() or _consent(cast, amara)
    consent.share_with_partners = True
    consent.save()
    for i in range(start, stop):
        worker = _member(cast, Role.STAFF)
        _assign(amara, worker, AssignmentKind.COUNSELLING)
        ContactMethod.objects.create(
            organisation=cast.riverside, peer=amara, channel=ContactChannel.EMAIL, detail=f"a{i}@x.test", is_safe=True
        )
        if i < len(DOMAINS):
            Need.objects.create(organisation=cast.riverside, peer=amara, domain=DOMAINS[i])
        consent.partners.add(
            Partner.objects.create(organisation=cast.riverside, name=f"Partner {i}"),
            through_defaults={"organisation": cast.riverside},
        )
        AuditEvent.objects.create(
            actor=worker.user, organisation=cast.riverside, action=Action.VIEW, record_type="peer", record_id=amara.pk
        )


def _last_row_name(cast, stop):
    return f"Row peer {stop - 1}"


def _peers_tile(cast_peers_seen: int):
    """The dashboard's first tile counts the peers seen: those of the cast, and the rows."""
    return lambda cast, stop: f'<span class="figure-number">{cast_peers_seen + stop}</span>'


# (who, page, how its rows grow, the most queries it may ask, what must show at 3N)
CASES = [
    # A caseload that fits on one page is counted from its rows (alongside.paging); a longer one asks one more.
    pytest.param("cleo", "/peers/", peers_with_anyone, 4, _last_row_name, id="peer list, coordinator"),
    pytest.param("pat", "/peers/", peers_with_pat, 4, _last_row_name, id="peer list, peer supporter"),
    pytest.param(
        "cleo", "/supporters/", supporters, 6, lambda cast, stop: f"Supporter {stop - 1}",
        id="supporter list, coordinator",
    ),
    pytest.param(
        "ada", "/audit/", audit_events, 6, lambda cast, stop: f"row-{stop - 1}</td>", id="audit log, admin"
    ),
    # The dashboard counts with three plain queries rather than one aggregate of correlated
    # subqueries, which planned badly on a large organisation (see bench/README.md); for a
    # coordinator they are kept briefly (home/dashboards.py), so the second view counts nothing.
    # The safeguarding panel (safeguarding/templatetags): the concerns that need them (a handler), their
    # visits and the overdue check-outs to chase (one query), a supporter's "Something worries me" buttons.
    pytest.param("cleo", "/", peers_with_anyone, DASHBOARD_COORDINATOR, _peers_tile(5), id="dashboard, coordinator"),
    # Overdue supervision (supervision/templatetags): the supporters with their last session held, and
    # their frequencies: two queries on every dashboard that sees supervision. The supervisor's early
    # warning (wellbeing/templatetags): their supervisees, the organisation's limits, and one query per
    # kind of fact (wellbeing/gather.py), whatever the number: 10 more; and when each was last
    # supervised (supervision.services.last_supervised_on): 1. A peer supporter's dashboard: their own
    # overdue supervision (2) and the training documents waiting to be agreed (training/templatetags, 1);
    # their own counts in one aggregate (6 of its own).
    pytest.param("sina", "/", supervisees_of_sina, DASHBOARD_SUPERVISOR, _peers_tile(1), id="dashboard, supervisor"),
    pytest.param("pat", "/", peers_with_pat, 6 + 2 + 1, _peers_tile(1), id="dashboard, peer supporter"),
    pytest.param(
        # With the goals by domain and status, and the contacts of the last 12 weeks, as counts
        # (contacts/templatetags/contacts.py): alongside/tests/pages_asked.py.
        "eve", "/figures/", peers_with_anyone, FIGURES, lambda cast, stop: f'<p class="figure-number">{stop}</p>',
        id="figures, evaluator",
    ),
    pytest.param(
        # One query per panel of the record, whichever app it is (alongside/tests/pages_asked.py).
        "cleo", lambda cast: f"/peers/{cast.amara.pk}/", everything_about_amara, PEER_RECORD,
        lambda cast, stop: f"Partner {stop - 1}", id="peer detail, coordinator",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("player", "url", "grow", "ceiling", "shows"), CASES)
def test_queries_do_not_grow_with_the_rows(request, cast, client_for, player, url, grow, ceiling, shows):
    client = client_for(player)
    url = url(cast) if callable(url) else url
    with all_organisations():
        grow(cast, 0, N)
    at_n, _ = queries_asked(client, url)
    with all_organisations():
        grow(cast, N, 3 * N)
    at_3n, body = queries_asked(client, url)
    print(f"\n{request.node.callspec.id}: {url} {at_n} queries with {N} rows, {at_3n} with {3 * N}")
    if shows is not None:
        assert shows(cast, 3 * N) in body, "the page did not show the rows it was measured with"
    assert at_n == at_3n, f"{url} asks more questions as rows grow: {at_n} -> {at_3n}"
    assert at_3n <= ceiling, f"{url} now asks {at_3n} questions; it asked {ceiling}"
