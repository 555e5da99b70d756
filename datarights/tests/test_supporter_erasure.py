"""A peer supporter who has moved on asks to be forgotten: nothing of their own remains, and nothing of
anyone else's record is lost.

The check is derived from the models. Every field of every model that points to a peer supporter or a
membership is named below, in one of three lists (the specification, kept apart from the lists erasure
uses): its rows go; or they stay with only the named fields (every other text empty, every other pointer
empty, every date said to the month); or they are someone else's record and stay exactly as they were.
A pointer added later and named nowhere fails here, and so does a list of erasure's that widens.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.db import models
from django.utils import timezone

from audit.models import Action, AuditEvent
from datarights.services import ERASED_NAME, month_of
from datarights.supporters import erase_supporter, not_yet
from organisations.models import Membership
from organisations.tenancy import all_organisations, organisation_scope
from people.choices import SupporterStage
from people.models import Assignment, PeerSupporter
from recruitment.stages import move_to_stage
from resilience import ledger
from resilience.models import SignedInSession

# Rows that were only theirs: gone.
GONE = {
    "wellbeing.SelfCarePlan.member",
    "wellbeing.CheckIn.member",
    "wellbeing.HardMoment.member",
    "wellbeing.DirectoryEntry.member",
    "absences.Absence.member",
    "diary.DiarySettings.membership",
    "contacts.ContactDraft.member",
    "matching.SupporterDetails.supporter",
    "matching.KeepAway.supporter",
    "matching.AutomaticExclusionLift.supporter",
    "batches.BatchChoice.supporter",
    "recruitment.FormerPeerConsent.supporter",
    "supervision.Frequency.supporter",
}
# Rows kept for the counts, and what of them may still say something (codes, and links to the
# organisation's own lists): nothing else.
KEPT = {
    "people.PeerSupporter.membership": {"employment", "stage", "capacity", "erased_at"},
    "recruitment.StageChange.supporter": {"from_stage", "to_stage", "reason"},
    "recruitment.ReadinessConversation.supporter": {"judgement"},
    "recruitment.Barrier.supporter": {"status"},
    "competence.SignOff.supporter": {"competence", "evidence"},
    "competence.HeldLevel.supporter": {"level", "recognised"},
    "competence.LevelChange.supporter": {"from_level", "to_level", "recognised"},
    "training.Trainee.supporter": {"cohort"},
    "training.ModuleDone.supporter": {"module", "because", "marked_by"},  # the trainer who marked it
    "training.DocumentAgreement.supporter": {"version"},
    "supervision.Supervisee.supporter": {"session", "topics"},
    "competence.Shadowing.shadow": {"shadowed", "work"},  # the one they shadowed keeps their count
}
# Someone else's record in which they appear: kept as it was.
OTHERS = {
    "people.PeerSupporter.supervisor": "their supervisees' profiles (erasure waits until there are none)",
    "people.Assignment.worker": "the peer's record of who supported them",
    "contacts.Contact.worker": "the peer's contact log",
    "offers.Offer.supporter": "the peer's offers",
    "batches.Batch.leaving_supporter": "the batch that re-matched their peers",
    "batches.BatchPlace.proposed": "a peer's place in a batch",
    "matching.Exclusion.supporter": "a peer's safety",
    "matching.Exclusion.other_supporter": "a peer's safety",
    "competence.SignOff.signed_by": "another supporter's sign-off",
    "competence.LevelChange.changed_by": "another supporter's level",
    "competence.Shadowing.shadowed": "the learning of the one who shadowed them",
    "supervision.Session.supervisor": "a session they led",
    "supervision.Session.recorded_by": "a session they recorded",
    "wellbeing.CheckIn.coach": "another supporter's check-in",
    **{
        f"safeguarding.{name}": "a peer's concern, or the on-call rota (erasure waits until they are off it)"
        for name in (
            "Concern.raised_by", "Concern.owner", "Concern.report_decided_by", "ConcernRecipient.membership",
            "ConcernRecipient.instead_of", "ConcernAction.added_by", "ConcernAction.done_by", "ConcernStep.by",
            "ConcernStep.to", "OnCall.duty_coordinator", "OnCall.default_deputy", "OnCall.added_by",
            "OnCallDeputy.supervisor", "OnCallDeputy.deputy", "SafetyFlag.added_by", "SafetyFlag.lifted_by",
            "AggressionRecord.recorded_by", "Visit.visitor",
        )
    },
}  # fmt: skip


def pointers() -> dict[str, models.Field]:
    """Every field of every model that points to a peer supporter or a membership."""
    found = {}
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model in (PeerSupporter, Membership):
                found[f"{model._meta.label}.{field.name}"] = field
    return found


def test_every_pointer_to_a_supporter_is_named_once():
    named = [*GONE, *KEPT, *OTHERS]
    assert len(named) == len(set(named))
    assert sorted(pointers()) == sorted(named)


def rows_pointing(name: str, supporter: PeerSupporter):
    field = pointers()[name]
    target = supporter.membership_id if field.related_model is Membership else supporter.pk
    return field.model._default_manager.filter(**{field.attname: target})


def to_the_month(value) -> bool:
    if isinstance(value, datetime):
        return value == month_of(value)
    return value.day == 1


def what_is_left(row, name: str, kept: set[str]) -> list[str]:
    pointer = pointers()[name].name
    left = []
    for field in type(row)._meta.concrete_fields:
        value = getattr(row, field.attname)
        if field.primary_key or field.name in {"organisation", pointer} | kept:
            continue
        label = f"{name.rsplit('.', 1)[0]}.{field.name}"
        if isinstance(field, models.ForeignKey) and value is not None:
            left.append(f"{label} points to someone")
        elif isinstance(field, models.CharField | models.TextField | models.JSONField) and value not in (
            "", [], {}, None,
        ):  # fmt: skip
            left.append(f"{label} = {value!r}")
        elif isinstance(field, models.DateField) and value is not None and not to_the_month(value):
            left.append(f"{label} = {value} (more than its month)")
    return left


def hand_over(supporter: PeerSupporter) -> None:
    """Their current support ended yesterday (as a re-match would end it)."""
    today = timezone.localdate()
    current = Assignment.objects.filter(worker=supporter.membership).current()
    current.filter(starts_on__gte=today - timedelta(days=1)).update(starts_on=today - timedelta(days=10))
    current.update(ends_on=today - timedelta(days=1))


def everything_of(cast) -> PeerSupporter:
    """hana (Harbour) with a row of every kind that points to a supporter, and moved on."""
    from absences.models import Absence
    from batches.models import Batch, BatchChoice
    from competence.models import Shadowing
    from diary.models import DiarySettings
    from recruitment.models import FormerPeerConsent
    from training.models import Cohort, DocumentAgreement, DocumentVersion, Module, ModuleDone, Trainee

    hana, hugo, org = cast.supporters["hana_profile"], cast.members["hugo"], cast.harbour
    today = timezone.localdate()
    PeerSupporter.objects.filter(pk=hana.pk).update(
        lived_experience=["—"],
        languages=["fr"],
        gender="woman",
        availability="—",
        started_on=today - timedelta(days=400),
    )
    Absence.objects.create(organisation=org, member=hana.membership, ends_on=today - timedelta(days=20),
                           starts_on=today - timedelta(days=30), recorded_by=hugo.user)  # fmt: skip
    DiarySettings.objects.create(organisation=org, membership=hana.membership)
    batch = Batch.objects.create(organisation=org, started_by=hugo.user)
    BatchChoice.objects.create(organisation=org, batch=batch, peer=cast.peers["zed"], supporter=hana, kind="pin")
    FormerPeerConsent.objects.create(organisation=org, supporter=hana, agreed_on=today, explained_by=hugo.user)
    cohort = Cohort.objects.create(organisation=org, name="Spring")
    Trainee.objects.create(organisation=org, cohort=cohort, supporter=hana)
    module = Module.objects.create(
        organisation=org, title="Self-care", delivery="in_person", audience="peer_supporters"
    )
    ModuleDone.objects.create(organisation=org, supporter=hana, module=module, because="prior_learning",
                              marked_by=hugo.user)  # fmt: skip
    version = DocumentVersion.objects.create(organisation=org, kind="code_of_conduct", number=1, text="—",
                                             published_by=hugo.user)  # fmt: skip
    DocumentAgreement.objects.create(organisation=org, version=version, supporter=hana)
    Shadowing.objects.create(organisation=org, shadow=hugo, shadowed=hana.membership, happened_on=today,
                             work="group", reflections="hugo's own", recorded_by=hugo.user)  # fmt: skip
    hand_over(hana)
    move_to_stage(hana, SupporterStage.LEFT, by=hugo, why="Moving to another city.", reason="life")
    hana.refresh_from_db()
    return hana


@pytest.fixture
def hana(cast_with_support_rows):
    with organisation_scope(cast_with_support_rows.harbour):
        yield everything_of(cast_with_support_rows)


def test_a_supporter_who_moved_on_keeps_nothing_of_their_own(cast_with_support_rows, hana, client_for):
    cast = cast_with_support_rows
    others = {name: rows_pointing(name, hana).count() for name in OTHERS}
    for name in [*GONE, *KEPT]:
        assert rows_pointing(name, hana).exists(), f"the check needs a row of {name}"
    assert any(what_is_left(r, n, KEPT[n]) for n in KEPT for r in rows_pointing(n, hana))

    response = client_for("hugo").post(f"/supporters/{hana.pk}/erase/", {"confirm": "erase"})

    assert response.status_code == 302
    with organisation_scope(cast.harbour):
        hana = PeerSupporter.objects.get(pk=hana.pk)
        for name in GONE:
            assert not rows_pointing(name, hana).exists(), name
        left = [
            line for name in KEPT for row in rows_pointing(name, hana) for line in what_is_left(row, name, KEPT[name])
        ]
        assert left == []
        assert {name: rows_pointing(name, hana).count() for name in OTHERS} == others
        assert hana.erased_at is not None and hana.stage == SupporterStage.LEFT


def test_what_else_their_rows_held_goes_too(cast_with_support_rows, hana):
    """The lines about peers in their supervision and the notes per readiness criterion hang from their
    rows, not from them."""
    from recruitment.models import CriterionNote
    from supervision.models import CaseloadNote

    assert CaseloadNote.objects.filter(supervisee__supporter=hana).exists()
    assert CriterionNote.objects.filter(conversation__supporter=hana).exists()
    erase_supporter(hana, by=cast_with_support_rows.members["hugo"])
    assert not CaseloadNote.objects.filter(supervisee__supporter=hana).exists()
    assert not CriterionNote.objects.filter(conversation__supporter=hana).exists()


def test_their_account_goes_when_they_belong_nowhere_else(cast_with_support_rows, hana, client_for):
    client_for("hana")  # a signed-in session of hers
    user = hana.membership.user
    assert EmailAddress.objects.filter(user=user).exists()
    assert SignedInSession.objects.filter(user=user).exists()
    email = user.email

    erase_supporter(hana, by=cast_with_support_rows.members["hugo"])

    user.refresh_from_db()
    assert user.display_name == ERASED_NAME and email not in user.email
    assert not user.has_usable_password() and not user.is_active and user.last_login is None
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not SignedInSession.objects.filter(user=user).exists()
    membership = Membership.objects.get(pk=hana.membership_id)
    assert not membership.is_active and membership.created_at == month_of(membership.created_at)


def test_their_account_stays_for_another_organisation_they_belong_to(cast_with_support_rows, hana):
    cast = cast_with_support_rows
    user = hana.membership.user
    with all_organisations():
        Membership.objects.create(user=user, organisation=cast.riverside, role="peer_supporter")

    erase_supporter(hana, by=cast.members["hugo"])

    user.refresh_from_db()
    assert user.display_name != ERASED_NAME and user.is_active and user.has_usable_password()
    membership = Membership.objects.select_related("user").get(pk=hana.membership_id)
    assert not membership.is_active
    assert membership.user_id != user.pk and membership.user.display_name == ERASED_NAME  # a stand-in, here


def test_the_invitations_that_carried_her_name_and_address_go_here_only(cast_with_support_rows, hana):
    """The one she accepted to join Harbour, and one from Riverside still open."""
    import secrets

    from accounts.models import Invitation

    cast, user = cast_with_support_rows, hana.membership.user
    for organisation, accepted in ((cast.harbour, timezone.now()), (cast.riverside, None)):
        Invitation.objects.create(
            organisation=organisation, email=user.email.upper(), display_name="Hana", role="peer_supporter",
            token_hash=secrets.token_hex(32), invited_by=cast.user("hugo"), accepted_at=accepted,
        )  # fmt: skip

    erase_supporter(hana, by=cast.members["hugo"])

    with all_organisations():
        left = Invitation.objects.filter(email__iexact=user.email)
        assert [i.organisation_id for i in left] == [cast.riverside.pk]


def test_the_erasure_is_audited_and_in_the_ledger(
    cast_with_support_rows, hana, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.ERASURE_LEDGER = tmp_path / "erasure-ledger.sqlite3"
    hugo = cast_with_support_rows.members["hugo"]
    with django_capture_on_commit_callbacks(execute=True):
        erase_supporter(hana, by=hugo)
    assert AuditEvent.objects.filter(action=Action.ERASE, record_type="peersupporter", record_id=str(hana.pk)).exists()
    assert ledger.entries(ledger.SUPPORTER) == [
        ledger.Erased(hana.pk, hana.organisation_id, hugo.pk, ledger.entries(ledger.SUPPORTER)[0].erased_month,
                      ledger.SUPPORTER)
    ]  # fmt: skip
    assert ledger.entries(ledger.PEER) == []


def test_erasing_twice_erases_once(cast_with_support_rows, hana):
    hugo = cast_with_support_rows.members["hugo"]
    erase_supporter(hana, by=hugo)
    erase_supporter(hana, by=hugo)
    assert (
        AuditEvent.objects.filter(action=Action.ERASE, record_type="peersupporter", record_id=str(hana.pk)).count() == 1
    )


def test_nobody_is_dropped_on_the_way_out(cast_with_support_rows):
    """Still supporting peers, not moved on, supervising someone, on call: each is said, and nothing changes."""
    from safeguarding.models import OnCall

    cast = cast_with_support_rows
    with organisation_scope(cast.harbour):
        hana, hugo = cast.supporters["hana_profile"], cast.members["hugo"]
        reasons = not_yet(hana)
        assert reasons == [
            "Move them on first, with the reason, so that their path says why they left.",
            "They still work with 2 peers: hand them over first.",
        ]
        hand_over(hana)
        move_to_stage(hana, SupporterStage.LEFT, by=hugo, why="—", reason="life")
        hana.refresh_from_db()
        assert not_yet(hana) == []
        rio = PeerSupporter.objects.create(organisation=cast.harbour, membership=Membership.objects.create(
            user=cast.user("rio"), organisation=cast.harbour, role="peer_supporter"), employment="volunteer",
            supervisor=hana.membership)  # fmt: skip
        assert "supervise" in not_yet(hana)[0]
        PeerSupporter.objects.filter(pk=rio.pk).update(supervisor=None)
        today = timezone.localdate()
        OnCall.objects.create(organisation=cast.harbour, starts_on=today, ends_on=today, duty_coordinator=hugo,
                              default_deputy=hana.membership, added_by=hugo)  # fmt: skip
        assert not_yet(hana) == ["They are on the on-call rota for concerns: put someone else on it first."]


def test_a_supporter_still_supporting_peers_is_not_erased(cast_with_support_rows, client_for):
    cast = cast_with_support_rows
    hana = cast.supporters["hana_profile"]
    response = client_for("hugo").post(f"/supporters/{hana.pk}/erase/", {"confirm": "erase"})
    assert response.status_code == 200 and b"Move them on first" in response.content
    with organisation_scope(cast.harbour):
        assert PeerSupporter.objects.get(pk=hana.pk).erased_at is None
        assert PeerSupporter.objects.get(pk=hana.pk).availability == hana.availability


@pytest.mark.parametrize("name", ["hana", "eve", "sina"])
def test_only_a_coordinator_or_admin_of_their_organisation_may_erase_them(
    cast_with_support_rows, hana, client_for, name
):
    """Their own self, an evaluator and a supervisor of another organisation get an audited 404."""
    response = client_for(name).post(f"/supporters/{hana.pk}/erase/", {"confirm": "erase"})
    assert response.status_code == 404
    with all_organisations():
        assert PeerSupporter.objects.get(pk=hana.pk).erased_at is None
        assert AuditEvent.objects.filter(
            action=Action.DENIED, record_id=str(hana.pk), organisation=hana.organisation
        ).exists()


def test_an_erased_supporter_is_no_longer_listed_or_opened(cast_with_support_rows, hana, client_for):
    erase_supporter(hana, by=cast_with_support_rows.members["hugo"])
    client = client_for("hugo")
    assert client.get(f"/supporters/{hana.pk}/path/").status_code == 404
    assert client.get(f"/supporters/{hana.pk}/erase/").status_code == 404
    assert hana.membership.user.display_name.encode() not in client.get("/recruitment/").content


def test_the_confirmation_says_whether_their_account_goes_and_that_their_name_goes_from_the_peers_records(
    cast_with_support_rows, hana, client_for
):
    page = client_for("hugo").get(f"/supporters/{hana.pk}/erase/").content.decode()
    assert "Their account goes too" in page and "show “—” where their name was" in page
    with all_organisations():
        Membership.objects.create(user=hana.membership.user, organisation=cast_with_support_rows.riverside,
                                  role="peer_supporter")  # fmt: skip
    page = client_for("hugo").get(f"/supporters/{hana.pk}/erase/").content.decode()
    assert "their account stays for that organisation" in page and "Their account goes too" not in page
    assert "show “—” where their name was" in page
