"""Adding and changing a peer: only a name is needed, mistakes are explained, nothing is half-saved."""

import logging

from audit.models import Action, AuditEvent
from organisations.tenancy import organisation_scope
from people.models import Assignment, ContactMethod, Peer

# What a browser sends for the two empty "way of getting in touch" rows.
EMPTY_CONTACTS = {
    "contact-TOTAL_FORMS": "2",
    "contact-INITIAL_FORMS": "0",
    "contact-MIN_NUM_FORMS": "0",
    "contact-MAX_NUM_FORMS": "6",
    "contact-0-leave_message": "unknown",
    "contact-1-leave_message": "unknown",
}


def test_only_a_chosen_name_is_needed(cast, client_for):
    response = client_for("cleo").post("/peers/new/", {"chosen_name": "Rosa", **EMPTY_CONTACTS})
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        peer = Peer.objects.get(chosen_name="Rosa")
    assert AuditEvent.objects.filter(action=Action.CREATE, record_type="peer", record_id=str(peer.pk)).exists()


def test_a_form_with_a_mistake_keeps_what_was_typed_and_saves_nothing(cast, client_for):
    response = client_for("cleo").post(
        "/peers/new/",
        {
            **EMPTY_CONTACTS,
            "chosen_name": "",
            "safety_notes": "Do not call on Sundays.",
            "contact-0-channel": "text",
            "contact-0-detail": "07700 900555",
            "contact-0-is_safe": "on",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "This field is required" in body
    assert "Do not call on Sundays." in body and "07700 900555" in body
    with organisation_scope(cast.riverside):
        assert not ContactMethod.objects.exists()
        assert Peer.objects.count() == 5  # the cast's five, and no new one


def test_a_peer_supporter_who_adds_a_peer_is_working_with_them(cast, client_for):
    client = client_for("pat")
    client.post("/peers/new/", {"chosen_name": "Ines", **EMPTY_CONTACTS})
    with organisation_scope(cast.riverside):
        peer = Peer.objects.get(chosen_name="Ines")
        assert Assignment.objects.current().filter(peer=peer, worker=cast.pat).exists()
    assert client.get(f"/peers/{peer.pk}/").status_code == 200


def test_only_safe_ways_of_getting_in_touch_are_shown(cast, client_for):
    client = client_for("cleo")
    client.post(
        f"/peers/{cast.amara.pk}/edit/",
        {
            **EMPTY_CONTACTS,
            "chosen_name": "Amara",
            "contact-0-channel": "text",
            "contact-0-detail": "07700 900111",
            "contact-0-is_safe": "on",
            "contact-0-leave_message": "no",
            "contact-1-channel": "phone_call",
            "contact-1-detail": "07700 900999",
            "contact-1-leave_message": "unknown",
        },
    )
    body = client.get(f"/peers/{cast.amara.pk}/").content.decode()
    assert "07700 900111" in body and "never leave a message" in body
    assert "07700 900999" not in body


def test_the_edit_form_keeps_existing_ways_of_getting_in_touch(cast, client_for):
    client = client_for("cleo")
    first = {
        **EMPTY_CONTACTS,
        "chosen_name": "Amara",
        "contact-0-channel": "text",
        "contact-0-detail": "07700 900111",
        "contact-0-is_safe": "on",
        "contact-0-leave_message": "no",
    }
    client.post(f"/peers/{cast.amara.pk}/edit/", first)
    with organisation_scope(cast.riverside):
        method = ContactMethod.objects.get(peer=cast.amara)
    # Saving the form again, changing only the name, keeps the way of getting in touch.
    again = {
        **EMPTY_CONTACTS,
        "chosen_name": "Amara Z.",
        "contact-TOTAL_FORMS": "3",
        "contact-INITIAL_FORMS": "1",
        "contact-0-id": str(method.pk),
        "contact-0-channel": "text",
        "contact-0-detail": "07700 900111",
        "contact-0-is_safe": "on",
        "contact-0-leave_message": "no",
        "contact-2-leave_message": "unknown",
    }
    assert client.post(f"/peers/{cast.amara.pk}/edit/", again).status_code == 302
    with organisation_scope(cast.riverside):
        assert list(ContactMethod.objects.filter(peer=cast.amara).values_list("detail", flat=True)) == ["07700 900111"]
        assert Peer.objects.get(pk=cast.amara.pk).chosen_name == "Amara Z."


def test_nothing_personal_reaches_the_application_logs(cast, client_for, caplog):
    caplog.set_level(logging.DEBUG)
    client = client_for("cleo")
    client.post(
        "/peers/new/", {"chosen_name": "Yasmin Secretname", "safety_notes": "hiding at the shelter", **EMPTY_CONTACTS}
    )
    client.post("/peers/", {"q": "Secretname"})
    client.get(f"/peers/{cast.zed.pk}/")  # a refused attempt
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Secretname" not in logged and "shelter" not in logged
