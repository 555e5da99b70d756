"""An admin invites someone by email: once per organisation, with the name they gave."""

import re

from django.core import mail

from accounts.models import Invitation


def _invite(client, email, capture, name="Noor", role="peer_supporter"):
    with capture(execute=True):
        return client.post("/team/", {"display_name": name, "email": email, "role": role})


def test_someone_already_in_the_organisation_is_not_invited_again(cast, client_for, django_capture_on_commit_callbacks):
    response = _invite(client_for("ada"), "  Pat@Riverside.test ", django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "already a member" in response.content.decode()
    assert not Invitation.objects.exists() and not mail.outbox


def test_a_member_of_another_organisation_can_be_invited_here(cast, client_for, django_capture_on_commit_callbacks):
    response = _invite(client_for("ada"), "hugo@harbour.test", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Invitation.objects.get().email == "hugo@harbour.test"


def test_the_invitation_greets_them_by_the_name_the_admin_gave(cast, client_for, django_capture_on_commit_callbacks):
    _invite(client_for("ada"), "noor@example.org", django_capture_on_commit_callbacks, name="Noor Haddad")
    assert Invitation.objects.get().display_name == "Noor Haddad"
    (message,) = mail.outbox
    assert "Noor Haddad" in message.body and message.to == ["noor@example.org"]
    assert re.search(r"http://testserver/accounts/join/\S+/", message.body)
