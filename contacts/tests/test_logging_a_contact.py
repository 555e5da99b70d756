"""A peer supporter logs a contact in a few taps; it is marked, without blame, when outside what was agreed."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from agreements.models import SupportAgreement
from audit.models import Action, AuditEvent
from conftest import queries_asked
from contacts import services
from contacts.models import Contact, ContactGoods, GoodsKind
from organisations.tenancy import organisation_scope
from people.models import Assignment


def amaras(cast):
    with organisation_scope(cast.riverside):
        return Assignment.objects.get(peer=cast.amara)


def log_url(cast):
    return f"/peers/{cast.amara.pk}/assignments/{amaras(cast).pk}/contacts/new/"


def minimal(**extra):
    now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
    return {"happened_at": now, "how": "phone", "length": "30", "kind": "check_in", **extra}


def test_the_form_has_a_default_for_everything_and_saves_with_the_defaults(cast, client_for):
    client = client_for("pat")
    page = client.get(log_url(cast)).content.decode()
    assert 'value="30"' in page and "checked" in page
    response = client.post(log_url(cast), minimal())
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        contact = Contact.objects.get()
        assert (contact.worker, contact.peer, contact.minutes, contact.kind) == (cast.pat, cast.amara, 30, "check_in")
        assert AuditEvent.objects.filter(
            action=Action.CREATE, record_type="contact", record_id=str(contact.pk)
        ).exists()


def test_needs_goods_other_length_and_a_note(cast, client_for):
    with organisation_scope(cast.riverside):
        parcel = GoodsKind.objects.create(organisation=cast.riverside, name="Food parcel")
    data = minimal(length="other", other_minutes="20", needs=["housing", "safety"], note="She is tired.")
    data[f"goods-{parcel.pk}"] = "2"
    assert client_for("pat").post(log_url(cast), data).status_code == 302
    with organisation_scope(cast.riverside):
        contact = Contact.objects.get()
        assert contact.minutes == 20 and contact.needs == ["housing", "safety"] and contact.note == "She is tired."
        assert list(ContactGoods.objects.values_list("kind__name", "quantity")) == [("Food parcel", 2)]


@pytest.mark.parametrize(
    "data",
    [
        {"how": "carrier_pigeon"},
        {"length": "other"},
        {"length": "other", "other_minutes": "99999"},
        {"needs": ["not_a_need"]},
        {"happened_at": "2999-01-01T10:00"},
        {"happened_at": "yesterday-ish"},
        {"goods-999999": "3"},
    ],
)
def test_bad_input_shows_the_form_again_with_what_was_typed(cast, client_for, data):
    response = client_for("pat").post(log_url(cast), minimal(note="Keep me", **data))
    with organisation_scope(cast.riverside):
        if "goods-999999" in data:  # an unknown goods field is ignored, not a 500
            assert response.status_code == 302
            assert not ContactGoods.objects.exists()
            return
        assert response.status_code == 200
        assert "Keep me" in response.content.decode()
        assert not Contact.objects.exists()


def test_a_channel_not_agreed_is_marked_gently(cast, client_for):
    # Amara and Pat agreed phone calls, never social media.
    response = client_for("pat").post(log_url(cast), minimal(how="text"), follow=True)
    page = response.content.decode()
    assert "outside what you agreed" in page and "worth a word with your supervisor" in page
    with organisation_scope(cast.riverside):
        assert Contact.objects.get().outside == ["channel"]


def test_the_agreed_way_is_not_marked(cast, client_for):
    client_for("pat").post(log_url(cast), minimal(how="phone"))
    with organisation_scope(cast.riverside):
        assert Contact.objects.get().outside == []


def test_outside_the_agreed_times_is_marked(in_riverside):
    cast = in_riverside
    SupportAgreement.objects.filter(peer=cast.amara).update(agreed_times=["tue_morning"])
    tuesday_10 = timezone.make_aware(datetime(2026, 11, 24, 10, 0))
    tuesday_20 = timezone.make_aware(datetime(2026, 11, 24, 20, 0))
    assert services.outside_what_was_agreed(amaras(cast), "phone", tuesday_10) == []
    assert services.outside_what_was_agreed(amaras(cast), "phone", tuesday_20) == ["time"]
    assert services.outside_what_was_agreed(amaras(cast), "online", tuesday_20) == ["channel", "time"]


def test_only_the_assignments_own_worker_logs_on_it(in_riverside):
    cast = in_riverside
    entry = services.Entry(how="phone", minutes=15, kind="check_in")
    for someone in (cast.sina, cast.cleo, cast.quinn):
        with pytest.raises(services.ContactError):
            services.log_contact(by=someone, assignment=amaras(cast), entry=entry)
    ended = amaras(cast)
    Assignment.objects.filter(pk=ended.pk).update(
        starts_on=timezone.localdate() - timedelta(days=9), ends_on=timezone.localdate() - timedelta(days=1)
    )
    ended.refresh_from_db()
    with pytest.raises(services.ContactError):
        services.log_contact(by=cast.pat, assignment=ended, entry=entry)
    assert not Contact.objects.exists()


def test_a_one_off_contact_needs_no_name_and_is_counted(cast, client_for):
    response = client_for("stef").post("/contacts/one-off/", minimal(kind="practical", needs=["housing"]))
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        contact = Contact.objects.get()
        assert contact.is_one_off and contact.worker == cast.stef
        counts = services.contact_counts(cast.riverside.pk, timezone.now() - timedelta(days=1))
    assert counts["total"] == 1 and counts["one_off"] == 1 and counts["by_kind"] == {"practical": 1}


def test_the_log_page_and_its_save_ask_a_fixed_number_of_queries(cast, client_for):
    client = client_for("pat")
    with organisation_scope(cast.riverside):
        for n in range(3):
            GoodsKind.objects.create(organisation=cast.riverside, name=f"Goods {n}")
    few, _ = queries_asked(client, log_url(cast))
    with organisation_scope(cast.riverside):
        for n in range(3, 12):
            GoodsKind.objects.create(organisation=cast.riverside, name=f"Goods {n}")
        for _ in range(20):
            services.log_contact(by=cast.pat, assignment=amaras(cast), entry=services.Entry("phone", 15, "check_in"))
    many, _ = queries_asked(client, log_url(cast))
    assert many == few <= 8, (few, many)
