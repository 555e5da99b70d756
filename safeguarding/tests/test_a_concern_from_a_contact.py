"""A supporter logging a contact that worried them goes straight on to "Something worries me": the
concern remembers the contact it came from. Only a contact of theirs with that peer can be named."""

import pytest
from django.utils import timezone

from contacts import services as contacts
from contacts.models import Contact
from contacts.tests.test_logging_a_contact import amaras, log_url, minimal
from organisations.tenancy import organisation_scope
from people.models import Assignment
from safeguarding import services
from safeguarding.models import Concern

RAISE = "/peers/{}/something-worries-me/"


def log(cast, by, assignment):
    with organisation_scope(cast.riverside):
        return contacts.log_contact(by=by, assignment=assignment, entry=contacts.Entry("phone", 20, "check_in"))


def test_save_and_something_worries_me_leads_to_the_concern_about_that_contact(cast, client_for):
    client = client_for("pat")
    assert "Save, and something worries me" in client.get(log_url(cast)).content.decode()
    response = client.post(log_url(cast), minimal(then="worry"))
    with organisation_scope(cast.riverside):
        contact = Contact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == RAISE.format(cast.amara.pk) + f"?contact={contact.pk}"
    page = client.get(response["Location"]).content.decode()
    assert f'name="contact" value="{contact.pk}"' in page and "From the contact on" in page

    answer = client.post(response["Location"], {"urgency": "this_week", "what_happened": "She seemed scared."})
    with organisation_scope(cast.riverside):
        concern = Concern.objects.get()
    assert concern.from_contact == contact
    assert "From the contact on" in client.get(answer["Location"]).content.decode()


def test_a_plain_save_goes_back_to_the_contact_log(cast, client_for):
    response = client_for("pat").post(log_url(cast), minimal())
    assert response["Location"] == "/contacts/"


def _others_contacts(cast):
    """A contact of quinn's (with bea), and one of pat's with dee: neither is pat's with amara."""
    with organisation_scope(cast.riverside):
        quinns = log(cast, cast.quinn, Assignment.objects.get(peer=cast.bea))
        from conftest import assign

        assign(cast.dee, cast.pat)
        with_dee = log(cast, cast.pat, Assignment.objects.get(peer=cast.dee, worker=cast.pat))
    return quinns, with_dee


def test_a_contact_of_someone_else_or_of_another_peer_is_not_named_and_says_nothing(cast, client_for):
    quinns, with_dee = _others_contacts(cast)
    client = client_for("pat")
    for other in (quinns, with_dee, Contact.objects.model(pk=999_999)):
        page = client.get(RAISE.format(cast.amara.pk) + f"?contact={other.pk}").content.decode()
        assert "From the contact on" not in page and f'value="{other.pk}"' not in page
        client.post(
            RAISE.format(cast.amara.pk) + f"?contact={other.pk}",
            {"urgency": "this_week", "what_happened": "—", "contact": other.pk},
        )
    with organisation_scope(cast.riverside):
        assert list(Concern.objects.values_list("from_contact", flat=True)) == [None, None, None]


def test_the_service_refuses_a_contact_the_raiser_does_not_see(cast):
    quinns, with_dee = _others_contacts(cast)
    with organisation_scope(cast.riverside):
        for other in (quinns, with_dee):
            with pytest.raises(services.SafeguardingError):
                services.raise_concern(
                    peer=cast.amara, by=cast.pat, urgency="today", what_happened="—", from_contact=other
                )
        own = log(cast, cast.pat, amaras(cast))
        made = services.raise_concern(
            peer=cast.amara, by=cast.pat, urgency="today", what_happened="—", from_contact=own
        )
        assert made.from_contact == own and made.raised_at <= timezone.now()
