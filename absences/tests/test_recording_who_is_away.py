"""A coordinator records that Pat is away; cover and deputies ask who is away on a day."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from absences import services
from absences.models import Absence, AbsenceKind
from audit.models import Action, AuditEvent
from organisations.tenancy import organisation_scope

URL = "/team/away/"


def _today():
    return timezone.localdate()


def _record(client, **fields):
    data = {"action": "record", "kind": AbsenceKind.LEAVE, **fields}
    return client.post(URL, data)


def test_a_coordinator_records_an_absence_and_it_says_who_is_away_each_day(cast, client_for):
    today = _today()
    client = client_for("cleo")
    response = _record(client, member=cast.pat.pk, starts_on=today, ends_on=today + timedelta(days=6))
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        absence = Absence.objects.get()
        assert services.is_away(cast.pat)
        assert services.is_away(cast.pat, today + timedelta(days=6))
        assert not services.is_away(cast.pat, today + timedelta(days=7))
        assert not services.is_away(cast.pat, today - timedelta(days=1))
        assert not services.is_away(cast.quinn)
        assert services.away_member_ids(cast.riverside) == {cast.pat.pk}
        assert services.absence_of(cast.pat) == absence
    assert AuditEvent.objects.filter(action=Action.CREATE, record_type="absence", record_id=str(absence.pk)).exists()
    page = client.get(URL).content.decode()
    assert "Pat" in page and "On leave" in page


def test_back_early_or_away_longer_changes_the_dates(cast, client_for, in_riverside):
    today = _today()
    absence = services.record_absence(
        member=cast.pat, by=cast.cleo, starts_on=today, ends_on=today + timedelta(days=10), kind=AbsenceKind.AWAY
    )
    client = client_for("cleo")
    response = client.post(
        URL, {"action": "change", "absence": absence.pk, "starts_on": today, "ends_on": today + timedelta(days=2)}
    )
    assert response.status_code == 302
    absence.refresh_from_db()
    assert absence.ends_on == today + timedelta(days=2)
    assert not services.is_away(cast.pat, today + timedelta(days=3))
    client.post(URL, {"action": "cancel", "absence": absence.pk})
    assert not Absence.objects.exists()
    assert AuditEvent.objects.filter(action=Action.DELETE, record_type="absence").exists()


def test_a_last_day_before_the_first_keeps_what_was_typed_and_saves_nothing(cast, client_for, in_riverside):
    today = _today()
    response = _record(client_for("cleo"), member=cast.pat.pk, starts_on=today, ends_on=today - timedelta(days=1))
    assert response.status_code == 200
    body = response.content.decode()
    assert "The last day is before the first day." in body
    assert f'value="{today:%Y-%m-%d}"' in body
    assert not Absence.objects.exists()


def test_nobody_of_another_organisation_can_be_recorded_as_away(cast, client_for, in_riverside):
    today = _today()
    response = _record(client_for("cleo"), member=cast.hana.pk, starts_on=today, ends_on=today)
    assert response.status_code == 200
    assert not Absence.objects.exists()
    with pytest.raises(services.AbsenceError):
        services.record_absence(member=cast.hana, by=cast.cleo, starts_on=today, ends_on=today, kind="away")


def test_another_organisations_absence_cannot_be_changed_or_taken_off(cast, client_for):
    today = _today()
    with organisation_scope(cast.harbour):
        theirs = services.record_absence(
            member=cast.hana, by=cast.hugo, starts_on=today, ends_on=today + timedelta(days=3), kind="away"
        )
    client = client_for("cleo")
    for data in (
        {"action": "change", "absence": theirs.pk, "starts_on": today, "ends_on": today},
        {"action": "cancel", "absence": theirs.pk},
        {"action": "cancel", "absence": "1 OR 1=1"},
    ):
        assert client.post(URL, data).status_code == 404
    with organisation_scope(cast.harbour):
        theirs.refresh_from_db()
        assert theirs.ends_on == today + timedelta(days=3)


def test_only_coordinators_and_admins_record_absences(cast, in_riverside):
    today = _today()
    for who in ("sina", "pat", "stef", "eve"):
        with pytest.raises(services.AbsenceError):
            services.record_absence(member=cast.pat, by=cast.members[who], starts_on=today, ends_on=today, kind="away")
    assert not Absence.objects.exists()
