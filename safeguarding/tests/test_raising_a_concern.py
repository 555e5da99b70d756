"""A peer supporter says something worries them, in one tap from the record, and it reaches their
supervisor (or the deputy when the supervisor is away) and the duty coordinator at once."""

from __future__ import annotations

import re

from django.core import mail

from audit.models import Action, AuditEvent
from organisations.tenancy import organisation_scope
from safeguarding.models import Concern, ConcernRecipient, ConcernStep

from .helpers import away, concern, raw, rota


def _recipients(c) -> dict[str, str]:
    rows = ConcernRecipient.objects.filter(concern=c).select_related("membership__user")
    return {r.membership.user.display_name: r.because for r in rows}


def test_the_record_has_the_button_and_the_form_asks_two_things(cast, client_for):
    client = client_for("pat")
    record = client.get(f"/peers/{cast.amara.pk}/").content.decode()
    assert f'href="/peers/{cast.amara.pk}/something-worries-me/"' in record
    assert "Something worries me" in record
    form = client.get(f"/peers/{cast.amara.pk}/something-worries-me/").content.decode()
    assert 'name="urgency"' in form and 'name="what_happened"' in form
    ours = form.split('<form method="post" novalidate>')[1].split("</form>")[0]
    assert set(re.findall(r'name="(\w+)"', ours)) - {"csrfmiddlewaretoken"} == {"urgency", "what_happened"}


def test_raising_it_sends_it_to_the_supervisor_and_the_duty_coordinator_with_an_email_each(
    cast, client_for, django_capture_on_commit_callbacks
):
    with organisation_scope(cast.riverside):
        rota(cast, duty="cleo", deputy="sol")
    client = client_for("pat")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/peers/{cast.amara.pk}/something-worries-me/",
            {"urgency": "today", "what_happened": "She said her old boss found her address."},
        )
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        c = Concern.objects.get()
        assert response["Location"] == f"/concerns/{c.pk}/"
        assert _recipients(c) == {"Sina": "supervisor", "Cleo": "duty_coordinator"}
        assert list(ConcernStep.objects.filter(concern=c).values_list("kind", flat=True)) == [
            "raised",
            "routed",
            "routed",
        ]
    assert sorted(m.to[0] for m in mail.outbox) == ["cleo@riverside.test", "sina@riverside.test"]
    for message in mail.outbox:
        assert message.subject == "A new concern needs you"
        assert f"/concerns/{c.pk}/" in message.body
        for secret in ("Amara", "old boss", "address"):
            assert secret not in message.body + message.subject
    # Loud on their dashboards and lists at once.
    for name in ("sina", "cleo"):
        page = client_for(name).get("/").content.decode()
        assert "1 concern needs you" in page and "Amara" in page, name
        assert f"/concerns/{c.pk}/" in client_for(name).get("/concerns/").content.decode()
    assert AuditEvent.objects.filter(action=Action.CREATE, record_type="concern", record_id=str(c.pk)).exists()


def test_when_the_supervisor_is_away_it_goes_to_their_deputy_instead(in_riverside):
    cast = in_riverside
    rota(cast, duty="cleo", deputy="ada", deputies={"sina": "sol"})
    away(cast, "sina")
    assert _recipients(concern(cast)) == {"Sol": "deputy", "Cleo": "duty_coordinator"}


def test_with_no_deputy_named_for_them_the_default_deputy_stands_in(in_riverside):
    cast = in_riverside
    rota(cast, duty="cleo", deputy="ada")
    away(cast, "sina")
    assert _recipients(concern(cast)) == {"Ada": "deputy", "Cleo": "duty_coordinator"}


def test_a_deputy_who_is_away_too_is_passed_over_for_the_default(in_riverside):
    cast = in_riverside
    rota(cast, duty="cleo", deputy="ada", deputies={"sina": "sol"})
    away(cast, "sina")
    away(cast, "sol")
    assert _recipients(concern(cast)) == {"Ada": "deputy", "Cleo": "duty_coordinator"}


def test_a_supporter_nobody_supervises_reaches_the_default_deputy(in_riverside):
    cast = in_riverside
    rota(cast, duty="cleo", deputy="sol")
    assert _recipients(concern(cast, peer="bea", by="quinn")) == {"Sol": "deputy", "Cleo": "duty_coordinator"}


def test_with_nobody_on_the_rota_it_reaches_every_coordinator(in_riverside):
    cast = in_riverside
    assert _recipients(concern(cast)) == {"Sina": "supervisor", "Cleo": "coordinator"}


def test_what_happened_is_stored_encrypted(in_riverside):
    c = concern(in_riverside, what="She said her old boss found her address.")
    assert "old boss" not in raw("safeguarding_concern", "what_happened", c.pk)
    assert Concern.objects.get(pk=c.pk).what_happened == "She said her old boss found her address."


def test_a_form_without_urgency_comes_back_with_what_was_typed(cast, client_for):
    response = client_for("pat").post(
        f"/peers/{cast.amara.pk}/something-worries-me/", {"what_happened": "Typed before the bus came."}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Typed before the bus came." in body and "field-error" in body
    with organisation_scope(cast.riverside):
        assert not Concern.objects.exists()


def test_a_huge_or_made_up_urgency_is_the_form_again_never_a_500(cast, client_for):
    client = client_for("pat")
    for data in ({"urgency": "yesterday", "what_happened": "x"}, {"urgency": "today", "what_happened": "x" * 5000}):
        assert client.post(f"/peers/{cast.amara.pk}/something-worries-me/", data).status_code == 200
    with organisation_scope(cast.riverside):
        assert not Concern.objects.exists()


def test_nobody_raises_a_concern_about_a_peer_they_do_not_see(cast, client_for):
    assert (
        client_for("pat")
        .post(f"/peers/{cast.bea.pk}/something-worries-me/", {"urgency": "today", "what_happened": "x"})
        .status_code
        == 404
    )
    with organisation_scope(cast.riverside):
        assert not Concern.objects.exists()
