"""Staff safety: flags on a peer and a record of aggression, shown prominently to whoever meets them;
a visit checked in and out, an overdue check-out on the duty coordinator's dashboard and in an email."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from organisations.tenancy import organisation_scope
from safeguarding import services
from safeguarding.models import AggressionRecord, SafetyFlag, Visit

from .helpers import raw, rota


def test_a_flag_and_aggression_show_at_the_top_of_the_record_to_whoever_meets_them(cast, client_for):
    client = client_for("pat")
    url = f"/peers/{cast.amara.pk}/staff-safety/"
    assert client.post(url, {"step": "flag", "flag-kind": "meet_in_pairs"}).status_code == 302
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = client.post(
        url, {"step": "aggression", "aggression-happened_on": yesterday, "aggression-description": "Shouted at me."}
    )
    assert response.status_code == 302
    for name in ("pat", "sina", "cleo"):
        page = client_for(name).get(f"/peers/{cast.amara.pk}/").content.decode()
        top = page.split("<h1>")[1].split("Safe ways to get in touch")[0]
        assert "Meet in pairs" in top and "1 record of aggression." in top, name
    with organisation_scope(cast.riverside):
        record = AggressionRecord.objects.get()
    assert "Shouted" not in raw("safeguarding_aggressionrecord", "description", record.pk)


def test_other_flag_needs_its_words_kept_encrypted(cast, client_for):
    url = f"/peers/{cast.amara.pk}/staff-safety/"
    client = client_for("pat")
    assert client.post(url, {"step": "flag", "flag-kind": "other"}).status_code == 200
    client.post(url, {"step": "flag", "flag-kind": "other", "flag-details": "Not near the station."})
    with organisation_scope(cast.riverside):
        flag = SafetyFlag.objects.get()
    assert "station" not in raw("safeguarding_safetyflag", "details", flag.pk)


def test_a_peer_supporter_cannot_lift_a_flag_a_supervisor_can_and_it_is_kept(cast, client_for):
    with organisation_scope(cast.riverside):
        flag = services.add_flag(cast.amara, by=cast.pat, kind="office_only")
    url = f"/peers/{cast.amara.pk}/staff-safety/"
    assert client_for("pat").post(url, {"step": "lift", "flag_id": flag.pk}).status_code == 200
    with organisation_scope(cast.riverside):
        assert SafetyFlag.objects.get().lifted_at is None
    assert client_for("sina").post(url, {"step": "lift", "flag_id": flag.pk}).status_code == 302
    with organisation_scope(cast.riverside):
        assert SafetyFlag.objects.get().lifted_by == cast.sina
    assert "Meet at the office only" not in client_for("pat").get(f"/peers/{cast.amara.pk}/").content.decode()


def test_a_visit_is_checked_in_and_out(cast, client_for):
    client = client_for("pat")
    url = f"/peers/{cast.amara.pk}/visit/"
    assert client.post(url, {"step": "in", "visit-where": "14 Mill Lane", "visit-back_in": "60"}).status_code == 302
    with organisation_scope(cast.riverside):
        visit = Visit.objects.get()
    assert "Mill Lane" not in raw("safeguarding_visit", "where", visit.pk)
    assert "check out" in client.get("/").content.decode()
    assert client.post(url, {"step": "out"}).status_code == 302
    with organisation_scope(cast.riverside):
        assert Visit.objects.get().checked_out_at is not None


def test_a_visit_back_by_a_made_up_time_is_the_form_again(cast, client_for):
    response = client_for("pat").post(f"/peers/{cast.amara.pk}/visit/", {"step": "in", "visit-back_in": "99999"})
    assert response.status_code == 200
    with organisation_scope(cast.riverside):
        assert not Visit.objects.exists()


def _overdue_visit(cast):
    with organisation_scope(cast.riverside):
        visit = services.check_in(cast.amara, by=cast.pat, where="", back_by=timezone.now() + timedelta(minutes=5))
        Visit.objects.filter(pk=visit.pk).update(back_by=timezone.now() - timedelta(minutes=1))
    return visit


def test_an_overdue_check_out_is_on_the_duty_coordinators_dashboard(cast, client_for):
    with organisation_scope(cast.riverside):
        rota(cast, duty="ada")
    _overdue_visit(cast)
    assert "Pat expected to be back by" in client_for("ada").get("/").content.decode()
    assert "Pat expected to be back by" not in client_for("sina").get("/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_the_periodic_check_emails_the_duty_coordinator_once_without_the_peer(cast):
    with organisation_scope(cast.riverside):
        rota(cast, duty="ada")
    _overdue_visit(cast)
    call_command("alert_overdue_visits", base_url="https://alongside.example")
    call_command("alert_overdue_visits", base_url="https://alongside.example")
    assert [m.to for m in mail.outbox] == [["ada@riverside.test"]]
    assert "Amara" not in mail.outbox[0].body and "https://alongside.example/" in mail.outbox[0].body
