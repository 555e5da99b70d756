"""A supporter refers a peer to a partner, with exactly the details the peer agreed to share; the partner
answers through single-use links, without an account; taking it back stops the link at once."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from audit.models import Action, AuditEvent
from consent.models import ConsentText, Purpose
from consent.services import record_consent, withdraw_consent
from datarights.services import erase_peer
from organisations.models import Partner
from organisations.tenancy import all_organisations, organisation_scope
from referrals import services
from referrals.models import PartnerLink, Referral, SharedItem, Status, Step, StepKind

from .helpers import fill_amara, links_in_mail, path_of, refer


@pytest.fixture
def made(cast, django_capture_on_commit_callbacks):
    with organisation_scope(cast.riverside), django_capture_on_commit_callbacks(execute=True):
        contact = fill_amara(cast.amara)
        referral, link = refer(cast, items=("chosen_name", "asked", "contact"), contact=contact)
    return referral, path_of(link)


def partner_get(path):
    return Client().get(path)


def test_the_referral_records_what_was_asked_exactly_what_may_be_shared_and_who_explained_it(cast, made):
    referral, _path = made
    with organisation_scope(cast.riverside):
        assert sorted(SharedItem.objects.filter(referral=referral).values_list("code", flat=True)) == [
            "asked",
            "chosen_name",
            "contact",
        ]
        referral.refresh_from_db()
        assert referral.explained_by == cast.user("pat") and referral.explained_at is not None
        assert [s.kind for s in Step.objects.filter(referral=referral)] == [StepKind.SENT]
        assert referral.status == Status.SENT
        assert PartnerLink.objects.filter(referral=referral).count() == 1
    assert AuditEvent.objects.filter(action=Action.CREATE, record_type="referral", record_id=str(referral.pk)).exists()


def test_the_email_to_the_partner_holds_the_link_and_nothing_about_the_peer(cast, made):
    referral, path = made
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["intake@housing.test"]
    assert links_in_mail() == [path]
    for detail in ("Amara", "Emergency housing", "07700", "Romanian", f"/peers/{cast.amara.pk}/"):
        assert detail not in message.body and detail not in message.subject, detail
    assert not message.attachments


def test_the_partners_page_shows_only_the_chosen_details_sets_no_cookie_and_is_not_stored(cast, made):
    referral, path = made
    response = partner_get(path)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Amara" in body and "Emergency housing assessment" in body and "07700 900111" in body
    for unchosen in ("she/her", "Romanian", "25 to 34", "Weekday mornings", "amara@hidden.test", "Housing<"):
        assert unchosen not in body, unchosen
    assert not response.cookies, "the partner's page sets no cookie (no session, no CSRF)"
    assert response["Cache-Control"] == "no-store"
    assert response["Referrer-Policy"] == "no-referrer"
    title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
    assert "Amara" not in title
    assert f"/peers/{cast.amara.pk}/" not in body and f"/{referral.pk}/" not in body


def test_opening_the_link_does_not_use_it(cast, made):
    _referral, path = made
    assert partner_get(path).status_code == 200
    assert partner_get(path).status_code == 200


def test_each_answer_uses_its_link_and_the_answer_page_gives_the_next_until_the_outcome(
    cast, made, django_capture_on_commit_callbacks
):
    referral, first = made
    with django_capture_on_commit_callbacks(execute=True):
        thanks = Client().post(first, {"kind": "acknowledged"})
    assert thanks.status_code == 200
    second = re.search(r'id="next-link">http://testserver(/partner/referral/[^<]+)</a>', thanks.content.decode())[1]
    assert links_in_mail()[-1] == second, "the next link is emailed too"
    assert partner_get(first).status_code == 410, "a used link no longer opens"
    with all_organisations():
        answered = AuditEvent.objects.filter(record_type="referral", record_id=str(referral.pk), actor=None)
        assert answered.filter(action=Action.UPDATE, reason="partner: acknowledged").exists(), "not audited"
    assert Client().post(first, {"kind": "outcome", "outcome": "helped"}).status_code == 410

    day = timezone.localdate() + timedelta(days=3)
    thanks = Client().post(second, {"kind": "appointment", "on": day.isoformat()})
    third = re.search(r'id="next-link">http://testserver(/partner/referral/[^<]+)</a>', thanks.content.decode())[1]
    thanks = Client().post(third, {"kind": "outcome", "outcome": "helped"})
    assert "complete" in thanks.content.decode()
    assert "next-link" not in thanks.content.decode()
    with organisation_scope(cast.riverside):
        referral.refresh_from_db()
        steps = list(Step.objects.filter(referral=referral))
    assert referral.status == Status.CLOSED and referral.outcome == "helped" and referral.appointment_on == day
    assert [(s.kind, s.by_partner) for s in steps] == [
        ("sent", False),
        ("acknowledged", True),
        ("appointment", True),
        ("outcome", True),
    ]
    for path in (first, second, third):
        assert partner_get(path).status_code == 410


def test_a_partners_answer_with_a_mistake_shows_the_form_again_and_uses_nothing(cast, made):
    _referral, path = made
    response = Client().post(path, {"kind": "appointment", "on": ""})
    assert response.status_code == 200
    assert "Give the date of the first appointment" in response.content.decode()
    assert partner_get(path).status_code == 200


def test_taking_back_a_detail_stops_the_link_at_once_and_tells_the_partner(
    cast, made, client_for, django_capture_on_commit_callbacks
):
    referral, path = made
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("pat").post(
            f"/peers/{cast.amara.pk}/referrals/{referral.pk}/take-back/", {"items": ["contact"]}
        )
    assert response.status_code == 302
    closed = partner_get(path)
    assert closed.status_code == 410
    assert "Sharing has ended" in closed.content.decode() and "Amara" not in closed.content.decode()
    told = mail.outbox[-1]
    assert "Sharing has ended" in told.subject and told.to == ["intake@housing.test"]
    assert "Amara" not in told.body and "/partner/" not in told.body
    with organisation_scope(cast.riverside):
        assert SharedItem.objects.get(referral=referral, code="contact").taken_back_at is not None


def test_withdrawing_consent_stops_every_referrals_link(cast, made, django_capture_on_commit_callbacks):
    _referral, path = made
    with organisation_scope(cast.riverside), django_capture_on_commit_callbacks(execute=True):
        record_consent(
            peer=cast.amara,
            by=cast.cleo,
            text=ConsentText.objects.get(language="en"),
            agreed=[Purpose.TAKE_PART, Purpose.STORE_DATA, Purpose.SHARE_WITH_PARTNERS],
            limits_explained_by=cast.cleo,
            limits_explained_at=timezone.now(),
        )
        assert partner_get(path).status_code == 200, "consent that still covers sharing changes nothing"
        withdraw_consent(peer=cast.amara, by=cast.cleo)
    assert partner_get(path).status_code == 410
    assert "Sharing has ended" in mail.outbox[-1].subject


def test_new_consent_without_sharing_stops_the_link(cast, made):
    _referral, path = made
    with organisation_scope(cast.riverside):
        record_consent(
            peer=cast.amara,
            by=cast.cleo,
            text=ConsentText.objects.get(language="en"),
            agreed=[Purpose.TAKE_PART, Purpose.STORE_DATA],
            limits_explained_by=cast.cleo,
            limits_explained_at=timezone.now(),
        )
    assert partner_get(path).status_code == 410


def test_an_expired_link_no_longer_opens(cast, made):
    referral, path = made
    with all_organisations():
        PartnerLink.objects.filter(referral=referral).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert partner_get(path).status_code == 410
    assert Client().post(path, {"kind": "acknowledged"}).status_code == 410


def test_a_new_link_replaces_the_old_one(cast, made, client_for, django_capture_on_commit_callbacks):
    referral, path = made
    with django_capture_on_commit_callbacks(execute=True):
        client_for("pat").post(f"/peers/{cast.amara.pk}/referrals/{referral.pk}/new-link/")
    newer = links_in_mail()[-1]
    assert newer != path
    assert partner_get(path).status_code == 410
    assert partner_get(newer).status_code == 200


def test_erasure_stops_every_link_tells_the_partner_and_keeps_how_it_went(
    cast, made, django_capture_on_commit_callbacks
):
    referral, path = made
    with organisation_scope(cast.riverside), django_capture_on_commit_callbacks(execute=True):
        erase_peer(cast.amara, by=cast.cleo)
        kept = Referral.objects.get(pk=referral.pk)
        assert not PartnerLink.objects.filter(referral=referral).exists()
        assert not SharedItem.objects.filter(referral=referral).exists()
        assert not Step.objects.filter(referral=referral).exists()
    assert partner_get(path).status_code == 404
    assert "Sharing has ended" in mail.outbox[-1].subject
    assert kept.status == Status.SENT and kept.sharing_ended_because == "erased"
    assert kept.asked == "" and kept.partner_email == "" and kept.partner_id is None and kept.made_by_id is None


def test_a_supporter_records_a_step_the_partner_gave_by_phone(cast, made, client_for):
    referral, _path = made
    url = f"/peers/{cast.amara.pk}/referrals/{referral.pk}/step/"
    client = client_for("pat")
    mistake = client.post(url, {"kind": "outcome"})
    assert mistake.status_code == 200 and "Choose how it went" in mistake.content.decode()
    assert client.post(url, {"kind": "acknowledged"}).status_code == 302
    with organisation_scope(cast.riverside):
        referral.refresh_from_db()
        assert referral.status == Status.ACKNOWLEDGED
        assert Step.objects.filter(referral=referral, kind="acknowledged", by=cast.user("pat")).exists()


def test_making_a_referral_through_the_form(cast, client_for, django_capture_on_commit_callbacks):
    with organisation_scope(cast.riverside):
        contact = fill_amara(cast.amara)
        partner = Partner.objects.get(organisation=cast.riverside)
    client = client_for("pat")
    url = f"/peers/{cast.amara.pk}/referrals/new/"
    page = client.get(url).content.decode()
    assert "One way to reach them" in page
    form = {
        "partner": partner.pk,
        "partner_email": "intake@housing.test",
        "asked": "A room this week",
        "items": ["chosen_name", "contact"],
        "explained_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "acknowledge_by": (timezone.localdate() + timedelta(days=7)).isoformat(),
        "outcome_by": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "warm_handoff": "goes_along",
    }
    again = client.post(url, form)
    assert again.status_code == 200 and "Choose the one way to reach them" in again.content.decode()
    assert "A room this week" in again.content.decode(), "what was typed is kept"
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {**form, "contact_method": contact.pk})
    assert done.status_code == 302
    with organisation_scope(cast.riverside):
        referral = Referral.objects.get()
    assert referral.warm_handoff == "goes_along" and referral.contact_method_id == contact.pk
    assert len(links_in_mail()) == 1


def test_an_unsafe_or_another_peers_contact_cannot_be_shared(cast, in_riverside):
    from people.models import ContactMethod

    fill_amara(cast.bea)
    beas = ContactMethod.objects.filter(peer=cast.bea).first()
    with pytest.raises(services.ReferralError):
        refer(cast, items=("contact",), contact=beas)
    unsafe = ContactMethod.objects.create(organisation=cast.riverside, peer=cast.amara, channel="text", is_safe=False)
    with pytest.raises(services.ReferralError):
        refer(cast, items=("contact",), contact=unsafe)
    with pytest.raises(services.ReferralError):
        refer(cast, items=())
    with pytest.raises(services.ReferralError):
        refer(cast, items=("everything",))


def test_a_link_left_open_on_a_record_marked_erased_opens_nothing(cast, made):
    """Erasure closes the links; should one survive it (a restore from an older copy, before the
    erasure is applied again), the link itself still refuses a peer marked erased."""
    referral, path = made
    with all_organisations():
        type(cast.amara).objects.filter(pk=cast.amara.pk).update(erased_at=timezone.now())
        assert PartnerLink.objects.filter(referral=referral, used_at__isnull=True).exists()
    page = partner_get(path)
    assert page.status_code == 410 and "Amara" not in page.content.decode()
    assert Client().post(path, {"kind": "acknowledged"}).status_code == 410
    with all_organisations():
        assert not Step.objects.filter(referral=referral, kind=StepKind.ACKNOWLEDGED).exists()


def test_a_link_left_open_on_a_referral_whose_sharing_ended_opens_nothing(cast, made):
    """Ending the sharing closes the links; should one survive it, the link still refuses."""
    referral, path = made
    with all_organisations():
        Referral.objects.filter(pk=referral.pk).update(sharing_ended_at=timezone.now())
        assert PartnerLink.objects.filter(referral=referral, closed_at__isnull=True).exists()
    page = partner_get(path)
    assert page.status_code == 410 and "Amara" not in page.content.decode()
    assert Client().post(path, {"kind": "acknowledged"}).status_code == 410
