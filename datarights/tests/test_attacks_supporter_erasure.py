"""An attacker's pass over a peer supporter's erasure: who may ask for it, with which ids, and what is left to
find afterwards (lists, the account, another organisation the person also belongs to).

hana (Harbour) has moved on; hugo (Harbour's coordinator) may erase her. Everyone else gets the same audited
404, changes nothing and reads no name.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core import mail
from django.utils import timezone

from accounts.models import Invitation
from accounts.services import accept_invitation_as, accept_invitation_with_new_account, invite_member
from audit.models import Action, AuditEvent
from batches.models import Batch, BatchChoice, BatchPlace
from conftest import make_member, make_peer
from datarights.supporters import erase_supporter, not_yet
from datarights.tests.test_supporter_erasure import hand_over
from organisations.models import Membership, Role
from organisations.tenancy import all_organisations, organisation_scope
from people.choices import SupporterStage
from people.models import Peer, PeerSupporter
from recruitment.stages import move_to_stage
from resilience import ledger
from resilience.backup import make_backup, restore_backup
from resilience.sealing import new_key

PASSWORD = "a long test password"  # conftest.make_member's


@pytest.fixture
def moved_on(cast):
    """hana has handed her peers over and moved on; Harbour also has a supervisor (hers), staff and an evaluator."""
    with all_organisations():
        for name, role in (("hsu", Role.SUPERVISOR), ("hst", Role.STAFF), ("hev", Role.EVALUATOR)):
            cast.members[name] = make_member(cast.harbour, name, role)
    with organisation_scope(cast.harbour):
        hana = cast.supporters["hana_profile"]
        PeerSupporter.objects.filter(pk=hana.pk).update(supervisor=cast.members["hsu"])  # hsu sees her path
        hand_over(hana)
        move_to_stage(hana, SupporterStage.LEFT, by=cast.members["hugo"], why="Moving away.", reason="life")
        hana.refresh_from_db()
    return hana


def erase_hana(cast, hana: PeerSupporter) -> None:
    with organisation_scope(cast.harbour):
        erase_supporter(hana, by=cast.members["hugo"])


def erased(supporter: PeerSupporter) -> bool:
    with all_organisations():
        return PeerSupporter.objects.get(pk=supporter.pk).erased_at is not None


def denied(record_id, organisation) -> int:
    with all_organisations():
        return AuditEvent.objects.filter(
            action=Action.DENIED, record_type="peersupporter", record_id=str(record_id), organisation=organisation
        ).count()


# hana herself; Harbour's supervisor, staff and evaluator; Riverside's admin and coordinator.
@pytest.mark.parametrize("name", ["hana", "hsu", "hst", "hev", "ada", "cleo"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_nobody_else_may_erase_her_or_read_the_page(cast, moved_on, client_for, name, method):
    before = denied(moved_on.pk, cast.harbour)
    response = getattr(client_for(name), method)(f"/supporters/{moved_on.pk}/erase/", {"confirm": "erase"})
    assert response.status_code == 404
    assert b"Hana" not in response.content
    assert not erased(moved_on)
    assert denied(moved_on.pk, cast.harbour) == before + 1


def test_a_signed_out_visitor_is_sent_to_sign_in(moved_on, client):
    response = client.post(f"/supporters/{moved_on.pk}/erase/", {"confirm": "erase"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not erased(moved_on)


def test_a_get_erases_nothing(moved_on, client_for):
    response = client_for("hugo").get(f"/supporters/{moved_on.pk}/erase/?confirm=erase")
    assert response.status_code == 200 and not erased(moved_on)


@pytest.mark.parametrize("supporter_id", ["9" * 41, "0", "2147483648", "9223372036854775808"])
@pytest.mark.parametrize("name", ["hugo", "hev"])
def test_ids_that_are_nobodys_get_an_audited_404(cast, moved_on, client_for, name, supporter_id):
    """Far too long for any column (a 500 on PostgreSQL if it reached a query), zero, just past 32 and 64 bits."""
    response = client_for(name).post(f"/supporters/{supporter_id}/erase/", {"confirm": "erase"})
    assert response.status_code == 404
    assert denied(supporter_id if len(supporter_id) <= 40 else supporter_id[:39] + "…", cast.harbour) == 1


@pytest.mark.parametrize("supporter_id", ["-1", "abc", "1e3", "%201"])
def test_ids_that_are_no_number_find_no_page(moved_on, client_for, supporter_id):
    assert client_for("hugo").post(f"/supporters/{supporter_id}/erase/", {"confirm": "erase"}).status_code == 404
    assert not erased(moved_on)


def test_another_organisations_supporter_is_refused_to_its_coordinator_too(cast, moved_on, client_for):
    """hugo (Harbour) asks for rio (Riverside), as if rio had moved on: an audited 404, told to Riverside too."""
    rio = cast.supporters["rio_profile"]
    with all_organisations():
        PeerSupporter.objects.filter(pk=rio.pk).update(stage=SupporterStage.LEFT)
    response = client_for("hugo").post(f"/supporters/{rio.pk}/erase/", {"confirm": "erase"})
    assert response.status_code == 404 and b"Rio" not in response.content
    assert not erased(rio)
    assert denied(rio.pk, cast.harbour) == 1 and denied(rio.pk, cast.riverside) == 1


@pytest.mark.parametrize("role", [Role.PEER_SUPPORTER, Role.ADMIN])
def test_an_account_another_organisation_holds_still_signs_in_there(cast, moved_on, client_for, role):
    """hana also belongs to Riverside (as a peer supporter, or its admin): her account and her place there stay;
    Harbour's pages are closed to her."""
    user = cast.user("hana")
    with all_organisations():
        riverside = Membership.objects.create(user=user, organisation=cast.riverside, role=role)
    client = client_for("hana")  # signed in, working in Harbour

    erase_hana(cast, moved_on)

    assert authenticate(email=user.email, password=PASSWORD) == user
    home = client.get("/")  # the same session: now working in Riverside, the one place she belongs
    assert home.status_code == 200 and home.wsgi_request.membership == riverside
    assert client.get(f"/supporters/{moved_on.pk}/path/").status_code == 404
    assert client.get("/wellbeing/").status_code in (200, 404)  # her own wellbeing, in Riverside if anywhere
    riverside.refresh_from_db()
    assert riverside.is_active and riverside.role == role


def test_the_erased_account_is_no_way_in(cast, moved_on, client, mailoutbox):
    """No sign-in with the old password, no reset link to the old address, and the address is free for a
    new invitation, which makes a new account and a new path (not the erased one back)."""
    user = cast.user("hana")
    email = user.email
    erase_hana(cast, moved_on)

    assert authenticate(email=email, password=PASSWORD) is None
    signing_in = client.post("/accounts/login/", {"login": email, "password": PASSWORD})
    assert signing_in.status_code == 200 and "_auth_user_id" not in client.session  # the form again, no way in
    client.post("/accounts/password/reset/", {"email": email})
    assert not [m for m in mail.outbox if "/password/reset/key/" in m.body]  # at most "no such account"

    invitation, _link = invite_member(
        organisation=cast.harbour, invited_by=cast.user("hugo"), email=email, display_name="Hana",
        role=Role.PEER_SUPPORTER, base_url="https://alongside.test",
    )  # fmt: skip
    again = accept_invitation_with_new_account(invitation, "another long test password")
    assert again.pk != user.pk
    with organisation_scope(cast.harbour):
        profile = PeerSupporter.objects.get(membership__user=again)
        assert profile.pk != moved_on.pk and profile.erased_at is None and profile.stage == SupporterStage.RECRUITED


def _still_owed(cast, hana: PeerSupporter, what: str) -> None:
    from offers.models import Offer
    from people.models import Assignment, AssignmentKind
    from safeguarding.models import OnCall, OnCallDeputy

    org, hugo, today = cast.harbour, cast.members["hugo"], timezone.localdate()
    if what == "a cover that starts next week":
        Assignment.objects.create(
            organisation=org, peer=cast.peers["zed"], worker=hana.membership, kind=AssignmentKind.COVER,
            starts_on=today + timedelta(days=7), ends_on=today + timedelta(days=21), created_by=hugo.user,
        )  # fmt: skip
    elif what == "deputising for a supervisor next month":
        rota = OnCall.objects.create(organisation=org, starts_on=today + timedelta(days=30),
                                     ends_on=today + timedelta(days=37), duty_coordinator=hugo, added_by=hugo)  # fmt: skip
        OnCallDeputy.objects.create(
            organisation=org, on_call=rota, supervisor=cast.members["hsu"], deputy=hana.membership
        )
    elif what == "an offer waiting for an answer":
        Offer.objects.create(organisation=org, peer=cast.peers["zed"], supporter=hana, made_by=hugo.user)
    elif what == "supervising someone":
        rio = cast.members["rio2"] = make_member(org, "rio2", Role.PEER_SUPPORTER)
        PeerSupporter.objects.create(organisation=org, membership=rio, supervisor=hana.membership)


@pytest.mark.parametrize(
    "what",
    [
        "a cover that starts next week",
        "deputising for a supervisor next month",
        "an offer waiting for an answer",
        "supervising someone",
    ],
)
def test_she_is_not_erased_while_someone_still_counts_on_her(cast, moved_on, client_for, what):
    """Moved on, but still owed to someone (later, or waiting): the page says what to do first and erases nothing."""
    with organisation_scope(cast.harbour):
        _still_owed(cast, moved_on, what)
    response = client_for("hugo").post(f"/supporters/{moved_on.pk}/erase/", {"confirm": "erase"})
    assert response.status_code == 200 and b"first" in response.content
    assert not erased(moved_on)


def test_only_what_is_still_hers_stops_it_and_it_is_said_in_full(cast, moved_on):
    """Someone else's offer waiting, an offer of hers answered, a supervisee already erased: none of
    them stops her erasure. What does is said in full, one reason each."""
    from offers.models import Offer, OfferStatus
    from people.models import Assignment, AssignmentKind

    org, hugo, today = cast.harbour, cast.members["hugo"], timezone.localdate()
    with organisation_scope(org):
        other = PeerSupporter.objects.create(organisation=org, membership=make_member(org, "rio3", Role.PEER_SUPPORTER))
        waiting = Offer.objects.create(organisation=org, peer=cast.peers["zed"], supporter=other, made_by=hugo.user)
        assert not_yet(moved_on) == []
        Offer.objects.filter(pk=waiting.pk).update(status=OfferStatus.WITHDRAWN)
        hers = Offer.objects.create(
            organisation=org, peer=cast.peers["zed"], supporter=moved_on, made_by=hugo.user, status=OfferStatus.DECLINED
        )
        assert not_yet(moved_on) == []
        Offer.objects.filter(pk=hers.pk).update(status=OfferStatus.OPEN)
        assert not_yet(moved_on) == ["An offer of them to a peer is still waiting for an answer: withdraw it first."]
        Offer.objects.filter(pk=hers.pk).update(status=OfferStatus.WITHDRAWN)

        PeerSupporter.objects.filter(pk=other.pk).update(supervisor=moved_on.membership, erased_at=timezone.now())
        assert not_yet(moved_on) == []
        PeerSupporter.objects.filter(pk=other.pk).update(erased_at=None)
        assert not_yet(moved_on) == ["They supervise other peer supporters: give them another supervisor first."]
        PeerSupporter.objects.filter(pk=other.pk).update(supervisor=None)

        Assignment.objects.create(
            organisation=org, peer=cast.peers["zed"], worker=moved_on.membership, kind=AssignmentKind.COVER,
            starts_on=today, ends_on=today + timedelta(days=7), created_by=hugo.user,
        )  # fmt: skip
        assert not_yet(moved_on) == ["They still work with 1 peer: hand the peer over first."]


def test_her_stand_in_takes_only_her_rows_here(cast, moved_on):
    """Another organisation keeps her account: here her rows name the stand-in; her rows there, and
    everyone else's here, are as they were."""
    with all_organisations():
        Membership.objects.create(user=cast.user("hana"), organisation=cast.riverside, role=Role.PEER_SUPPORTER)
        hers_there = make_peer(cast.riverside, "Noor", cast.user("hana"))
        hers_here = make_peer(cast.harbour, "Ona", cast.user("hana"))
        hugos_here = make_peer(cast.harbour, "Pia", cast.user("hugo"))
        # Invitations are read before any organisation is chosen, so their manager is not scoped.
        invited_there, _link = invite_member(
            organisation=cast.riverside, invited_by=cast.user("hana"), email="new@riverside.test",
            display_name="New", role=Role.PEER_SUPPORTER, base_url="https://alongside.test",
        )  # fmt: skip
    erase_hana(cast, moved_on)
    with all_organisations():
        assert Invitation.objects.get(pk=invited_there.pk).invited_by_id == cast.user("hana").pk
        created_by = dict(
            Peer.objects.filter(pk__in=[hers_there.pk, hers_here.pk, hugos_here.pk]).values_list("pk", "created_by")
        )
        stand_in = Membership.objects.get(pk=moved_on.membership_id).user_id
    assert stand_in != cast.user("hana").pk
    assert created_by == {
        hers_there.pk: cast.user("hana").pk,
        hers_here.pk: stand_in,
        hugos_here.pk: cast.user("hugo").pk,
    }


def test_her_erased_account_keeps_no_second_step_and_its_joining_date_to_the_month(cast, moved_on):
    from allauth.mfa.models import Authenticator

    from datarights.services import month_of

    user = cast.user("hana")
    with all_organisations():
        assert Authenticator.objects.filter(user_id=user.pk).exists()  # her second step, as everyone's
        get_user_model().objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=400))
        joined = get_user_model().objects.get(pk=user.pk).date_joined
    erase_hana(cast, moved_on)
    with all_organisations():
        assert not Authenticator.objects.filter(user_id=user.pk).exists()
        assert get_user_model().objects.get(pk=user.pk).date_joined == month_of(joined)


def _supporter_choices(body: str) -> list[str]:
    select = re.search(r'<select name="supporter".*?</select>', body, re.S)
    assert select, "the batch page offers a choice of peer supporter"
    return re.findall(r'<option value="(\d+)"', select.group(0))


def test_a_batch_does_not_offer_an_erased_supporter_to_pin(cast, moved_on, client_for):
    """The pin-or-forbid form of a batch lists the organisation's supporters: an erased one is not among them
    (with her account kept for another organisation, her name would be there too)."""
    with all_organisations():
        Membership.objects.create(user=cast.user("hana"), organisation=cast.riverside, role=Role.PEER_SUPPORTER)
    with organisation_scope(cast.harbour):
        batch = Batch.objects.create(organisation=cast.harbour, started_by=cast.user("hugo"))
        BatchPlace.objects.create(organisation=cast.harbour, batch=batch, peer=cast.peers["zed"])
    erase_hana(cast, moved_on)
    client = client_for("hugo")

    response = client.get(f"/batches/{batch.pk}/")

    assert response.status_code == 200
    assert str(moved_on.pk) not in _supporter_choices(response.content.decode())
    assert not re.search(r"\bHana\b", response.content.decode())
    pin = {"action": "choose", "peer": cast.peers["zed"].pk, "supporter": moved_on.pk, "kind": "pin"}
    assert client.post(f"/batches/{batch.pk}/", pin).status_code == 200  # the form, with what to fix
    with organisation_scope(cast.harbour):
        assert not BatchChoice.objects.filter(supporter=moved_on).exists()


def test_someone_erased_here_and_invited_back_starts_a_new_path(cast, moved_on):
    user = cast.user("hana")
    with all_organisations():
        Membership.objects.create(user=user, organisation=cast.riverside, role=Role.PEER_SUPPORTER)
    erase_hana(cast, moved_on)

    invitation, _link = invite_member(
        organisation=cast.harbour, invited_by=cast.user("hugo"), email=user.email, display_name="Hana",
        role=Role.PEER_SUPPORTER, base_url="https://alongside.test",
    )  # fmt: skip
    membership = accept_invitation_as(invitation, user)

    assert membership.is_active
    with organisation_scope(cast.harbour):
        profile = PeerSupporter.objects.filter(membership=membership, erased_at__isnull=True).first()
        assert profile is not None and profile.stage == SupporterStage.RECRUITED


def test_invited_back_her_erased_profile_is_offered_to_no_peer(cast, moved_on, client_for):
    """Invited back, she starts a new path (above); her erased profile stays out of the forms that choose a
    supporter for a peer (an offer, support when they come back), and she is on the team again."""
    user = cast.user("hana")
    with all_organisations():
        Membership.objects.create(user=user, organisation=cast.riverside, role=Role.PEER_SUPPORTER)
        cast.members["hadi"] = make_member(cast.harbour, "hadi", Role.ADMIN)
    erase_hana(cast, moved_on)
    invitation, _link = invite_member(
        organisation=cast.harbour, invited_by=cast.user("hugo"), email=user.email, display_name="Hana",
        role=Role.PEER_SUPPORTER, base_url="https://alongside.test",
    )  # fmt: skip
    accept_invitation_as(invitation, user)
    client = client_for("hugo")

    for page in ("offers", "coming-back"):
        body = client.get(f"/peers/{cast.peers['zed'].pk}/{page}/").content.decode()
        assert str(moved_on.pk) not in _supporter_choices(body), page
    assert re.search(r"\bHana\b", client_for("hadi").get("/team/").content.decode())


def test_her_name_is_not_on_the_peers_records_when_another_organisation_keeps_her_account(cast, moved_on, client_for):
    with all_organisations():
        Membership.objects.create(user=cast.user("hana"), organisation=cast.riverside, role=Role.PEER_SUPPORTER)
    erase_hana(cast, moved_on)

    response = client_for("hugo").get(f"/peers/{cast.peers['zed'].pk}/")

    assert response.status_code == 200
    assert not re.search(r"\bHana\b", response.content.decode())


@pytest.mark.parametrize("kept_elsewhere", [False, True])
def test_the_team_page_no_longer_lists_her(cast, moved_on, client_for, kept_elsewhere):
    """Harbour's admin sees the team: an erased supporter is not on it (neither her name and email, when another
    organisation keeps her account, nor a row of '—' and an erased address)."""
    with all_organisations():
        cast.members["hadi"] = make_member(cast.harbour, "hadi", Role.ADMIN)
        if kept_elsewhere:
            Membership.objects.create(user=cast.user("hana"), organisation=cast.riverside, role=Role.PEER_SUPPORTER)
    erase_hana(cast, moved_on)
    user = cast.user("hana")
    user.refresh_from_db()

    response = client_for("hadi").get("/team/")

    assert response.status_code == 200
    body = response.content.decode()
    assert user.email not in body and "hana@harbour.test" not in body
    assert not re.search(r"\bHana\b", body)
    assert "Hugo" in body  # the rest of the team is there


@pytest.fixture
def backup_key(settings, tmp_path):
    """A backup key of its own and an erasure ledger in a file of the test's own (as resilience's tests)."""
    settings.BACKUP_KEY = new_key()
    settings.ERASURE_LEDGER = tmp_path / "erasure-ledger.sqlite3"
    return settings.BACKUP_KEY


@pytest.mark.django_db(transaction=True)
def test_a_restore_erases_her_again_and_keeps_the_account_another_organisation_holds(cast, backup_key):
    """Backed up while she was still Harbour's, with Riverside's admin role too; erased by Harbour; the older
    backup restored: Harbour's profile is erased again, and she still signs in to Riverside."""
    user = cast.user("hana")
    with all_organisations():
        Membership.objects.create(user=user, organisation=cast.riverside, role=Role.ADMIN)
    older = io.BytesIO()
    make_backup(older, key=backup_key)
    with organisation_scope(cast.harbour):
        hana = cast.supporters["hana_profile"]
        hand_over(hana)
        move_to_stage(hana, SupporterStage.LEFT, by=cast.members["hugo"], why="—", reason="life")
        erase_supporter(PeerSupporter.objects.get(pk=hana.pk), by=cast.members["hugo"])

    restored = restore_backup(io.BytesIO(older.getvalue()), key=backup_key, replace=True)

    assert restored.ledger is not None and restored.ledger.erased_again == 1
    assert erased(hana)
    with all_organisations():
        assert not Membership.objects.get(pk=hana.membership_id).is_active
        assert not Membership.objects.filter(user=user, organisation=cast.harbour).exists()  # a stand-in's, again
        assert Membership.objects.get(user=user, organisation=cast.riverside).is_active
    assert authenticate(email=user.email, password=PASSWORD) == user


@pytest.mark.django_db(transaction=True)
def test_a_supporter_whose_ledger_write_was_lost_is_caught_up_by_the_next_backup(cast, backup_key):
    older = io.BytesIO()
    make_backup(older, key=backup_key)
    with organisation_scope(cast.harbour):
        hana = cast.supporters["hana_profile"]
        hand_over(hana)
        move_to_stage(hana, SupporterStage.LEFT, by=cast.members["hugo"], why="—", reason="life")
        erase_supporter(PeerSupporter.objects.get(pk=hana.pk), by=cast.members["hugo"])
    ledger.ledger_path().unlink()  # as if the write after the commit had failed

    make_backup(io.BytesIO(), key=backup_key)  # tonight's backup writes what the ledger lacks first
    assert [e.record_id for e in ledger.entries(ledger.SUPPORTER)] == [hana.pk]
    restore_backup(io.BytesIO(older.getvalue()), key=backup_key, replace=True)

    assert erased(hana)
    with all_organisations():
        assert PeerSupporter.objects.select_related("membership__user").get(pk=hana.pk).membership.user.email != (
            "hana@harbour.test"
        )


def test_a_cohort_and_its_attendance_no_longer_list_her(cast, moved_on, client_for):
    """She stays a trainee of the cohort for its counts, pointing to nobody: the cohort page and the attendance
    sheet list her no more (with her account kept elsewhere, her name would be there), and no attendance can be
    written for her after her erasure."""
    from training.models import Attendance, Cohort, CohortSession, Module, Trainee

    with all_organisations():
        Membership.objects.create(user=cast.user("hana"), organisation=cast.riverside, role=Role.PEER_SUPPORTER)
    with organisation_scope(cast.harbour):
        cohort = Cohort.objects.create(organisation=cast.harbour, name="Spring")
        trainee = Trainee.objects.create(organisation=cast.harbour, cohort=cohort, supporter=moved_on)
        module = Module.objects.create(organisation=cast.harbour, title="Listening", delivery="in_person",
                                       audience="peer_supporters")  # fmt: skip
        session = CohortSession.objects.create(organisation=cast.harbour, cohort=cohort, module=module,
                                               on=timezone.localdate())  # fmt: skip
    erase_hana(cast, moved_on)
    client = client_for("hugo")

    for url in (f"/training/cohorts/{cohort.pk}/", f"/training/sessions/{session.pk}/"):
        response = client.get(url)
        assert response.status_code == 200 and not re.search(r"\bHana\b", response.content.decode()), url
    client.post(f"/training/sessions/{session.pk}/", {f"presence_{trainee.pk}": "present"})
    with organisation_scope(cast.harbour):
        assert not Attendance.objects.filter(trainee=trainee).exists()
        assert Trainee.objects.filter(pk=trainee.pk).exists()  # kept for the counts


@pytest.fixture(params=["a file on shared storage", "a database of its own"])
def ledger_elsewhere(request, settings, tmp_path):
    """resilience's: the ledger in a file, or (on PostgreSQL) in a database of its own."""
    from resilience.tests.test_erasure_survives_a_restore import ledger_elsewhere as theirs

    maker = theirs.__wrapped__(request, settings, tmp_path)
    yield next(maker)
    next(maker, None)


def test_a_supporters_erasure_is_written_once_to_a_ledger_wherever_it_is(
    cast, moved_on, ledger_elsewhere, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), organisation_scope(cast.harbour):
        erase_supporter(moved_on, by=cast.members["hugo"])
    ledger.catch_up()  # the next backup's catch-up adds nothing twice (ON CONFLICT on PostgreSQL)
    assert [(e.record_id, e.organisation_id) for e in ledger.entries(ledger.SUPPORTER)] == [
        (moved_on.pk, cast.harbour.pk)
    ]
    assert ledger.entries(ledger.PEER) == []
