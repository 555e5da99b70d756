"""Someone erased here is invited back one day. She starts a new path, as anyone new would. The exclusions
that kept her apart from a peer follow her new profile, because the peer's safety outlasts her erasure.
Nothing else of her old self comes back, and nothing of this organisation names her old account.

hana (Harbour) has moved on. An exclusion in force keeps her apart from zed, Harbour's peer.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.db import connection
from django.utils import timezone

from accounts.services import accept_invitation_as, accept_invitation_with_new_account, invite_member
from audit.log import audit
from audit.models import Action, AuditEvent
from conftest import make_member, make_peer
from datarights.services import ERASED_NAME, peer_record
from datarights.tests.test_attacks_supporter_erasure import PASSWORD, erase_hana, moved_on  # noqa: F401 (a fixture)
from matching.rules import person_of
from matching.services import active_exclusions_of, record_exclusion
from organisations.models import Membership, Role
from organisations.tenancy import all_organisations, organisation_scope
from people.choices import SupporterStage
from people.models import PeerSupporter


@pytest.fixture
def kept_apart(cast, moved_on):  # noqa: F811
    with organisation_scope(cast.harbour):
        return record_exclusion(first=cast.peers["zed"], second=moved_on, by=cast.members["hugo"], reason="not_said")


def invite_back(cast, email: str):
    invitation, _link = invite_member(
        organisation=cast.harbour, invited_by=cast.user("hugo"), email=email, display_name="Hana",
        role=Role.PEER_SUPPORTER, base_url="https://alongside.test",
    )  # fmt: skip
    return invitation


def new_profile(cast, user) -> PeerSupporter:
    with organisation_scope(cast.harbour):
        return PeerSupporter.objects.select_related("membership__user").get(
            membership__user=user, membership__is_active=True
        )


def kept_from(cast, supporter: PeerSupporter) -> set:
    with organisation_scope(cast.harbour):
        return {frozenset(e.sides) for e in active_exclusions_of(supporter)}


def apart(*someone) -> frozenset:
    return frozenset(person_of(s) for s in someone)


def test_invited_back_while_another_organisation_kept_her_account_the_exclusion_follows(cast, moved_on, kept_apart):  # noqa: F811
    user = cast.user("hana")
    with all_organisations():
        Membership.objects.create(user=user, organisation=cast.riverside, role=Role.PEER_SUPPORTER)
    sides = kept_from(cast, moved_on)
    erase_hana(cast, moved_on)

    accept_invitation_as(invite_back(cast, user.email), user)

    hana = new_profile(cast, user)
    assert hana.pk != moved_on.pk and hana.stage == SupporterStage.RECRUITED
    assert sides == {apart(cast.peers["zed"], moved_on)}
    assert kept_from(cast, hana) == {apart(cast.peers["zed"], hana)}
    with all_organisations():  # each exclusion moved (the cast's lifted one too) is in Harbour's audit log, as hers
        moved = set(
            AuditEvent.objects.filter(reason="followed them back").values_list(
                "actor_id", "action", "record_type", "record_id", "organisation_id"
            )
        )
    assert (user.pk, Action.UPDATE, "exclusion", str(kept_apart.pk), cast.harbour.pk) in moved and len(moved) == 2
    with all_organisations():
        old = PeerSupporter.objects.get(pk=moved_on.pk)
        assert old.returning_address == ""  # it has done its work: nothing of her is kept on the old profile now
        assert not active_exclusions_of(old).exists()


def test_invited_back_at_her_old_address_after_signing_in_with_another_the_exclusion_follows(
    cast,
    moved_on,  # noqa: F811
    kept_apart,
):
    """She now signs in to Riverside with another address; the old one is still hers (proved), and the
    invitation goes to it: her path starts here again, and the exclusion follows."""
    from allauth.account.models import EmailAddress

    user = cast.user("hana")
    old_address = user.email
    with all_organisations():
        Membership.objects.create(user=user, organisation=cast.riverside, role=Role.PEER_SUPPORTER)
    erase_hana(cast, moved_on)
    EmailAddress.objects.update_or_create(user=user, email=old_address, defaults={"verified": True, "primary": False})
    EmailAddress.objects.create(user=user, email="hana.now@example.org", verified=True, primary=True)
    type(user).objects.filter(pk=user.pk).update(email="hana.now@example.org")
    user.refresh_from_db()

    accept_invitation_as(invite_back(cast, old_address), user)

    hana = new_profile(cast, user)
    assert kept_from(cast, hana) == {apart(cast.peers["zed"], hana)}


def test_invited_back_with_a_new_account_after_hers_was_erased_the_exclusion_follows(cast, moved_on, kept_apart):  # noqa: F811
    email = cast.user("hana").email
    erase_hana(cast, moved_on)

    user = accept_invitation_with_new_account(invite_back(cast, email.upper()), PASSWORD)

    hana = new_profile(cast, user)
    assert kept_from(cast, hana) == {apart(cast.peers["zed"], hana)}


def test_her_address_is_kept_only_while_an_exclusion_keeps_her_apart_and_never_readably(cast, moved_on, kept_apart):  # noqa: F811
    email = cast.user("hana").email
    erase_hana(cast, moved_on)
    with all_organisations():
        assert PeerSupporter.objects.get(pk=moved_on.pk).returning_address == email
    with connection.cursor() as cursor:
        cursor.execute("SELECT returning_address FROM people_peersupporter WHERE id = %s", [moved_on.pk])
        (raw,) = cursor.fetchone()
    assert raw and email not in raw and "hana" not in raw.lower()


def test_without_an_exclusion_in_force_nothing_of_her_is_kept(cast, moved_on):  # noqa: F811
    """(The cast's exclusion between zed and hana was lifted long ago.)"""
    email = cast.user("hana").email
    with organisation_scope(cast.harbour):  # someone else's exclusion in force keeps nothing of hers
        other = PeerSupporter.objects.create(
            organisation=cast.harbour, membership=make_member(cast.harbour, "oda", Role.PEER_SUPPORTER)
        )
        record_exclusion(first=cast.peers["zed"], second=other, by=cast.members["hugo"], reason="not_said")
    erase_hana(cast, moved_on)
    with all_organisations():
        assert PeerSupporter.objects.get(pk=moved_on.pk).returning_address == ""

    user = accept_invitation_with_new_account(invite_back(cast, email), PASSWORD)
    assert kept_from(cast, new_profile(cast, user)) == set()


def test_someone_else_invited_is_not_kept_apart_from_her_peer(cast, moved_on, kept_apart):  # noqa: F811
    erase_hana(cast, moved_on)
    user = accept_invitation_with_new_account(invite_back(cast, "someone.new@example.org"), PASSWORD)
    assert kept_from(cast, new_profile(cast, user)) == set()
    with all_organisations():
        assert PeerSupporter.objects.get(pk=moved_on.pk).returning_address != ""  # still kept for her


def account_pointers() -> list[tuple[type, str]]:
    """Every pointer to an account from a model that belongs to an organisation (the test's own list)."""
    found = []
    for model in apps.get_models():
        if any(f.name == "organisation" for f in model._meta.concrete_fields):
            for field in model._meta.concrete_fields:
                if field.is_relation and field.related_model is get_user_model():
                    found.append((model, field.attname))
    return found


def test_when_another_organisation_keeps_her_account_nothing_here_names_it(cast, moved_on):  # noqa: F811
    """Harbour's rows name an erased stand-in (its admins' audit log excepted: it is append-only); Riverside's
    rows, her account and her way of signing in stay as they were."""
    user = cast.user("hana")
    with all_organisations():
        Membership.objects.create(user=user, organisation=cast.riverside, role=Role.PEER_SUPPORTER)
        make_peer(cast.harbour, "Yan", user)  # peers she added, one in each organisation
        make_peer(cast.riverside, "Rae", user)
    with organisation_scope(cast.harbour):
        audit(user, Action.VIEW, cast.peers["zed"])  # she once opened zed's record

    def naming_her(organisation) -> list[str]:
        with all_organisations():
            return [
                f"{model._meta.label}.{attname}"
                for model, attname in account_pointers()
                if model._default_manager.filter(organisation=organisation, **{attname: user.pk}).exists()
            ]

    assert len(naming_her(cast.harbour)) > 3  # the check has rows to look at (memberships, peers, changes, audit)
    riverside = naming_her(cast.riverside)

    erase_hana(cast, moved_on)

    assert naming_her(cast.harbour) == ["audit.AuditEvent.actor_id"]
    assert naming_her(cast.riverside) == riverside
    user.refresh_from_db()
    assert user.display_name == "Hana" and user.is_active
    assert authenticate(email=user.email, password=PASSWORD) == user
    with all_organisations():
        stand_in = Membership.objects.select_related("user").get(pk=moved_on.membership_id).user
    assert stand_in.pk != user.pk and stand_in.display_name == ERASED_NAME
    assert not stand_in.is_active and not stand_in.has_usable_password()
    assert not stand_in.emailaddress_set.exists()


def test_when_another_organisation_keeps_her_account_the_peers_record_does_not_say_she_opened_it(
    cast,
    moved_on,  # noqa: F811
    client_for,
):
    """hana opened zed's record while she worked at Harbour. After her erasure, Harbour's coordinator opens it
    and exports it: who opened it says "someone no longer here" (no one, in the export) for her, as for an erased
    account, never her name or address (the audit log is append-only and still names her account; its admins
    read it)."""
    user = cast.user("hana")
    with all_organisations():
        Membership.objects.create(user=user, organisation=cast.riverside, role=Role.PEER_SUPPORTER)
    with organisation_scope(cast.harbour):
        audit(user, Action.VIEW, cast.peers["zed"])
    erase_hana(cast, moved_on)

    zed = cast.peers["zed"]
    hugo = client_for("hugo")
    for page in (f"/peers/{zed.pk}/", f"/peers/{zed.pk}/opened/"):
        body = hugo.get(page).content.decode()
        assert "Hana" not in body and user.email not in body
        assert "someone no longer here" in body
    with organisation_scope(cast.harbour):
        who = {row["who"] for row in peer_record(zed)["who_opened_the_record"]}
    assert "Hana" not in who and user.email not in who and "Hugo" in who


def test_once_the_last_exclusion_that_kept_her_apart_is_lifted_her_address_is_forgotten(cast, moved_on, kept_apart):  # noqa: F811
    """Her address is kept only while an exclusion keeps her apart from someone here: hugo lifts it after her
    erasure, and nothing of her is kept; invited back, she is no longer kept apart from zed."""
    from matching.services import lift_exclusion

    email = cast.user("hana").email
    erase_hana(cast, moved_on)
    with organisation_scope(cast.harbour):
        lift_exclusion(kept_apart, by=cast.members["hugo"], reason="Zed asked for it to be lifted.")
    with all_organisations():
        assert PeerSupporter.objects.get(pk=moved_on.pk).returning_address == ""

    user = accept_invitation_with_new_account(invite_back(cast, email), PASSWORD)
    assert kept_from(cast, new_profile(cast, user)) == set()


def test_her_address_is_forgotten_when_her_last_exclusion_is_lifted_not_before_and_nobody_elses(
    cast,
    moved_on,  # noqa: F811
    kept_apart,
):
    """Two exclusions keep her apart, on either side of each (zed from her; her from yan). Another erased
    supporter, hol, is kept apart from yan too, and his address is kept for it. Lifting her first exclusion
    keeps her address; lifting her last forgets it; hol's stays."""
    from conftest import make_member, make_supporter
    from matching.services import lift_exclusion

    hugo = cast.members["hugo"]
    with organisation_scope(cast.harbour):
        yan = make_peer(cast.harbour, "Yan", cast.user("hugo"))
        hers = record_exclusion(first=moved_on, second=yan, by=hugo, reason="not_said")
        hol = make_supporter(make_member(cast.harbour, "hol", Role.PEER_SUPPORTER))
        record_exclusion(first=hol, second=yan, by=hugo, reason="not_said")
        PeerSupporter.objects.filter(pk=hol.pk).update(erased_at=timezone.now(), returning_address="hol@old.test")
    erase_hana(cast, moved_on)

    def kept(supporter) -> str:
        with all_organisations():
            return PeerSupporter.objects.get(pk=supporter.pk).returning_address

    with organisation_scope(cast.harbour):
        lift_exclusion(kept_apart, by=hugo, reason="Zed asked for it to be lifted.")
        assert kept(moved_on) != ""
        lift_exclusion(hers, by=hugo, reason="Yan asked for it to be lifted.")
    assert kept(moved_on) == "" and kept(hol) == "hol@old.test"
