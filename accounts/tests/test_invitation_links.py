"""An invitation link: only its hash is stored, it works once, it expires, and a newer one replaces it.
Whatever is done with old or repeated invitations, nobody sees an error page."""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from accounts.models import Invitation, User, hash_token
from accounts.services import invite_member
from organisations.models import Membership

from .signing_in import sign_in

PASSWORD = {"password": "quiet river morning", "password_again": "quiet river morning"}


def invite(cast, email="noor@example.org", organisation=None, by="ada", role="peer_supporter"):
    _invitation, link = invite_member(
        organisation=organisation or cast.riverside,
        invited_by=cast.user(by),
        email=email,
        display_name="Noor",
        role=role,
        base_url="http://testserver/",
    )
    return link.split("testserver", 1)[1]


def token_of(path):
    return path.rstrip("/").rsplit("/", 1)[1]


def test_the_database_holds_only_a_hash_of_the_token(cast):
    path = invite(cast)
    token = token_of(path)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_invitation")
        row = cursor.fetchone()
    assert token not in [str(value) for value in row]
    assert Invitation.objects.get().token_hash == hash_token(token)


def test_a_link_works_once(cast, client):
    path = invite(cast)
    assert client.post(path, PASSWORD).status_code == 302
    client.logout()
    assert client.get(path).status_code == 404
    assert client.post(path, PASSWORD).status_code == 404
    assert User.objects.filter(email="noor@example.org").count() == 1


def test_an_expired_link_does_nothing(cast, client):
    path = invite(cast)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(path).status_code == 404
    assert client.post(path, PASSWORD).status_code == 404
    assert not User.objects.filter(email="noor@example.org").exists()


def test_a_made_up_or_altered_token_does_nothing(cast, client):
    path = invite(cast)
    assert client.get(path[:-2] + "x/").status_code == 404
    assert client.get("/accounts/join/" + "a" * 500 + "/").status_code == 404
    assert client.get(f"/accounts/join/{Invitation.objects.get().token_hash}/").status_code == 404


def test_inviting_the_same_address_again_replaces_the_first_link(cast, client):
    first = invite(cast)
    second = invite(cast, role="coordinator")
    assert client.get(first).status_code == 404
    assert client.post(second, PASSWORD).status_code == 302
    assert Membership.objects.get(user__email="noor@example.org").role == "coordinator"


def test_two_open_invitations_for_one_address_never_give_an_error_page(cast, client):
    """Two invitations still open for the same address and organisation (made before links replaced
    each other): the second used to try to add the same membership again (IntegrityError, a 500)."""
    first = invite(cast)
    token = "second-open-invitation-token"
    Invitation.objects.create(
        organisation=cast.riverside,
        invited_by=cast.user("ada"),
        email="noor@example.org",
        display_name="Noor",
        role="peer_supporter",
        token_hash=hash_token(token),
    )
    second = f"/accounts/join/{token}/"
    assert client.post(first, PASSWORD).status_code == 302  # Noor joins and is signed in
    page = client.get(second)
    assert page.status_code == 200
    response = client.post(second, follow=True)
    assert response.status_code == 200
    assert "already a member" in response.content.decode()
    assert Membership.objects.filter(user__email="noor@example.org").count() == 1


def test_invitations_from_two_organisations_to_a_new_address(cast, client):
    """The first makes the account; the second is then accepted by signing in to it."""
    make_harbour_admin(cast)
    riverside = invite(cast)
    harbour = invite(cast, organisation=cast.harbour, by="hal", role="evaluator")
    assert client.post(riverside, PASSWORD).status_code == 302
    client.logout()
    page = client.get(harbour)
    assert page.status_code == 200 and 'type="password"' not in page.content.decode()
    sign_in(client, "noor@example.org", "quiet river morning", next=harbour)
    # Noor has not set up two-step sign-in yet; joining needs no code, the second step comes after.
    assert client.post(harbour).status_code == 302
    assert Membership.objects.filter(user__email="noor@example.org").count() == 2


def test_the_same_new_address_accepted_twice_at_once_never_gives_an_error_page(cast, client):
    """Both links opened before either is accepted: the second finds the account already made."""
    make_harbour_admin(cast)
    riverside = invite(cast)
    harbour = invite(cast, organisation=cast.harbour, by="hal", role="evaluator")
    from accounts import services

    invitation = services.open_invitation(token_of(harbour))
    assert client.post(riverside, PASSWORD).status_code == 302
    client.logout()
    try:
        services.accept_invitation_with_new_account(invitation, "quiet river morning")
    except services.InvitationError as error:
        assert "already an account" in str(error)
    else:  # pragma: no cover
        raise AssertionError("a second account for the same address")


def make_harbour_admin(cast):
    from conftest import make_member

    cast.members["hal"] = make_member(cast.harbour, "hal", "admin")


def test_someone_who_had_left_comes_back_with_the_role_offered(cast, client):
    from audit.models import Action, AuditEvent

    from .signing_in import sign_in

    hana = cast.members["hana"]
    hana.is_active = False
    hana.save()
    path = invite(cast, email="hana@harbour.test", organisation=cast.harbour, by="hugo", role="staff")
    sign_in(client, "hana@harbour.test", next=path)
    assert client.post(path).status_code == 302
    hana.refresh_from_db()
    assert hana.is_active and hana.role == "staff"
    assert AuditEvent.objects.filter(action=Action.UPDATE, record_type="membership", record_id=str(hana.pk)).exists()
