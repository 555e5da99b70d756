"""The audit log only grows: neither the application nor (on PostgreSQL) the database lets it change."""

import pytest
from django.db import DatabaseError, connection, transaction

from audit.log import audit
from audit.models import Action, AppendOnlyError, AuditEvent


def test_the_application_cannot_change_or_delete_an_entry(cast):
    event = audit(cast.user("cleo"), Action.VIEW, cast.amara)
    event.reason = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="changed")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_on_postgresql_a_trigger_refuses_update_and_delete(cast):
    event = audit(cast.user("cleo"), Action.VIEW, cast.amara)
    for sql in (
        "UPDATE audit_auditevent SET reason = 'x' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk, reason="").exists()


def test_an_entry_names_the_record_and_action_never_search_terms(cast, client_for):
    client = client_for("cleo")
    client.post("/peers/", {"q": "Amara lives at 12 Mill Street"})
    client.get(f"/peers/{cast.amara.pk}/", {"q": "Mill Street"})
    for event in AuditEvent.objects.all():
        assert "Mill" not in f"{event.record_type} {event.record_id} {event.reason}"


def test_an_admin_browses_and_filters_the_log(cast, client_for):
    client_for("pat").get(f"/peers/{cast.amara.pk}/")
    client_for("cleo").get(f"/peers/{cast.zed.pk}/")  # refused: another organisation
    client = client_for("ada")
    body = client.get("/audit/", {"action": "denied"}).content.decode()
    assert "Cleo" in body and "Refused access" in body
    assert "Opened" not in body.split("<tbody>")[1]
    body = client.get("/audit/", {"actor": cast.pat.pk}).content.decode()
    assert "Pat" in body and "Opened" in body


def test_only_admins_can_read_the_log(cast, client_for):
    assert client_for("cleo").get("/audit/").status_code == 404


def test_the_log_of_one_organisation_never_shows_anothers(cast, client_for):
    client_for("hugo").get(f"/peers/{cast.zed.pk}/")
    body = client_for("ada").get("/audit/").content.decode()
    assert "Hugo" not in body
