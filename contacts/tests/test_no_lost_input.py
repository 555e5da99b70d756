"""What is typed is never lost: it is kept on the server while typing (encrypted), and a submit that
arrives after the session ended is kept as the draft too, offered back after signing in again."""

import re

from django.db import connection
from django.test import Client

from contacts.models import Contact, ContactDraft
from contacts.tests.test_logging_a_contact import amaras, log_url, minimal
from organisations.tenancy import organisation_scope


def draft_url(cast):
    return f"/peers/{cast.amara.pk}/assignments/{amaras(cast).pk}/contacts/draft/"


def key_on(page: str) -> str:
    return re.search(r'name="draft_key" value="([^"]+)"', page).group(1)


def test_typing_keeps_a_draft_on_the_server_encrypted_and_nothing_in_the_browser(cast, client_for):
    client = client_for("pat")
    response = client.post(draft_url(cast), minimal(note="She found a room"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "Kept as a draft" in response.content.decode()
    assert not [c for c in response.cookies if c != "sessionid"]
    with organisation_scope(cast.riverside):
        draft = ContactDraft.objects.get()
        assert (draft.member, draft.assignment) == (cast.pat, amaras(cast))
        assert draft.fields["note"] == "She found a room"
    with connection.cursor() as cursor:
        cursor.execute("SELECT fields FROM contacts_contactdraft")
        assert "room" not in cursor.fetchone()[0]


def test_the_next_visit_offers_the_draft_back_carry_on_or_discard(cast, client_for):
    client = client_for("pat")
    client.post(draft_url(cast), minimal(note="She found a room", needs=["housing"]))
    page = client.get(log_url(cast)).content.decode()
    assert "You had started a note" in page and "Carry on" in page and "Discard" in page
    assert "She found a room" not in page  # only once they choose to carry on
    carried = client.get(log_url(cast) + "?draft=carry-on").content.decode()
    assert "She found a room" in carried
    assert "You had started a note" in client.get("/contacts/").content.decode()
    client.post("/contacts/drafts/discard/", {"assignment": amaras(cast).pk})
    with organisation_scope(cast.riverside):
        assert not ContactDraft.objects.exists()


def test_saving_the_contact_clears_the_draft(cast, client_for):
    client = client_for("pat")
    client.post(draft_url(cast), minimal(note="Half a thought"))
    client.post(log_url(cast), minimal(note="The whole thought"))
    with organisation_scope(cast.riverside):
        assert not ContactDraft.objects.exists()
        assert Contact.objects.get().note == "The whole thought"


def test_a_submit_after_the_session_expired_keeps_the_input_for_after_sign_in(cast, client_for):
    client = client_for("pat")
    key = key_on(client.get(log_url(cast)).content.decode())
    client.logout()  # the session ended while the form was open

    response = client.post(log_url(cast), minimal(note="Typed while signed out", draft_key=key))

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    with organisation_scope(cast.riverside):
        assert not Contact.objects.exists()
        assert ContactDraft.objects.get(member=cast.pat).fields["note"] == "Typed while signed out"
    again = client_for("pat")
    assert "You had started a note" in again.get(log_url(cast)).content.decode()
    assert "Typed while signed out" in again.get(log_url(cast) + "?draft=carry-on").content.decode()


def test_an_autosave_after_the_session_expired_is_kept_and_says_so(cast, client_for):
    client = client_for("pat")
    key = key_on(client.get(log_url(cast)).content.decode())
    fresh = Client()  # no session at all (a dropped session, a restarted browser)
    response = fresh.post(draft_url(cast), minimal(note="Still typing", draft_key=key), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "What you typed is kept" in response.content.decode()
    with organisation_scope(cast.riverside):
        assert ContactDraft.objects.get(member=cast.pat).fields["note"] == "Still typing"


def test_signed_out_input_without_a_valid_key_is_not_kept(cast, client_for):
    fresh = Client()
    key = key_on(client_for("pat").get(log_url(cast)).content.decode())
    for bad in ("", "forged", key[:-3] + "abc"):
        response = fresh.post(log_url(cast), minimal(note="Someone else", draft_key=bad))
        assert response.status_code == 302
    # A key for one assignment does not write a draft on another.
    with organisation_scope(cast.riverside):
        other = amaras(cast).pk + 1000
    fresh.post(f"/peers/{cast.amara.pk}/assignments/{other}/contacts/draft/", minimal(note="x", draft_key=key))
    with organisation_scope(cast.riverside):
        assert not ContactDraft.objects.exists()


def test_the_key_is_bound_to_the_member_so_another_member_never_sees_the_draft(cast, client_for):
    client_for("pat").post(draft_url(cast), minimal(note="Pat's words"))
    page = client_for("sina").get("/contacts/").content.decode()
    assert "You had started a note" not in page
