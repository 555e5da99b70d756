"""Every change to a person's record writes exactly its own audit entry: who, what, which record.

Each test compares the whole list of entries the change wrote, so a change that stops auditing,
audits the wrong action or names the wrong record fails here.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import Action, AuditEvent
from consent.models import ConsentText, Purpose
from consent.services import publish_text, record_consent, withdraw_consent
from datarights.services import erase_peer, export_peer_record
from people.models import AssignmentKind
from people.services import assign, create_peer, end_assignment, update_peer, update_supporter


@pytest.fixture
def written(in_riverside):
    """What the audit log gained since the test began, as (actor, action, type, id, organisation)."""
    start = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    def entries():
        return [
            (e.actor.display_name if e.actor else None, e.action, e.record_type, e.record_id, e.organisation_id)
            for e in AuditEvent.objects.filter(pk__gt=start).select_related("actor").order_by("pk")
        ]

    return entries


def _riverside(cast, who, action, record_type, record):
    return (cast.user(who).display_name, action, record_type, str(record.pk), cast.riverside.pk)


def test_editing_a_peer_is_audited(in_riverside, written):
    cast = in_riverside
    update_peer(peer=cast.amara, by=cast.pat, fields={"safety_notes": "Text first."}, needs=[], contact_methods=[])
    assert written() == [_riverside(cast, "pat", Action.UPDATE, "peer", cast.amara)]


def test_adding_a_peer_is_audited_and_so_is_the_assignment_it_makes(in_riverside, written):
    cast = in_riverside
    peer = create_peer(membership=cast.pat, fields={"chosen_name": "Noa"})
    (assignment,) = peer.assignments.all()
    assert written() == [
        _riverside(cast, "pat", Action.CREATE, "peer", peer),
        _riverside(cast, "pat", Action.CREATE, "assignment", assignment),
    ]


def test_editing_a_peer_supporter_is_audited(in_riverside, written):
    cast = in_riverside
    update_supporter(cast.pat_profile, by=cast.cleo, fields={"capacity": 5})
    assert written() == [_riverside(cast, "cleo", Action.UPDATE, "peersupporter", cast.pat_profile)]


def test_assigning_and_ending_an_assignment_are_audited(in_riverside, written):
    cast = in_riverside
    assignment = assign(peer=cast.dee, worker=cast.quinn, by=cast.cleo, kind=AssignmentKind.PEER_SUPPORT)
    assert written() == [_riverside(cast, "cleo", Action.CREATE, "assignment", assignment)]
    end_assignment(assignment, by=cast.ada)
    assert written()[1:] == [_riverside(cast, "ada", Action.UPDATE, "assignment", assignment)]


def test_recording_and_withdrawing_consent_are_audited_on_the_peer(in_riverside, written):
    cast = in_riverside
    record = record_consent(
        peer=cast.amara,
        by=cast.pat,
        text=ConsentText.objects.get(language="en"),
        agreed=[Purpose.TAKE_PART],
        limits_explained_by=cast.pat,
        limits_explained_at=timezone.now() - timedelta(hours=1),
    )
    assert written() == [_riverside(cast, "pat", Action.CONSENT_GIVEN, "peer", cast.amara)]
    assert AuditEvent.objects.order_by("-pk").first().reason == f"consent record {record.pk}"
    withdraw_consent(peer=cast.amara, by=cast.sina)
    assert written()[1:] == [_riverside(cast, "sina", Action.CONSENT_WITHDRAWN, "peer", cast.amara)]
    assert AuditEvent.objects.order_by("-pk").first().reason == f"consent record {record.pk}"


def test_withdrawing_when_nothing_is_in_force_writes_nothing(in_riverside, written):
    cast = in_riverside
    assert withdraw_consent(peer=cast.bea, by=cast.cleo) is None
    assert written() == []


def test_publishing_a_consent_text_is_audited(in_riverside, written):
    cast = in_riverside
    text = publish_text(organisation=cast.riverside, by=cast.ada, version=2, language="en", title="T", body="B")
    assert written() == [_riverside(cast, "ada", Action.CREATE, "consenttext", text)]


def test_exporting_and_erasing_a_record_are_audited(in_riverside, written):
    cast = in_riverside
    export_peer_record(cast.dee, by=cast.cleo, fmt="json")
    assert written() == [_riverside(cast, "cleo", Action.EXPORT, "peer", cast.dee)]
    assert AuditEvent.objects.order_by("-pk").first().reason == "json"
    erase_peer(cast.dee, by=cast.cleo)
    assert written()[1:] == [_riverside(cast, "cleo", Action.ERASE, "peer", cast.dee)]
