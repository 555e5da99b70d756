"""The demo shows supervision at every scale: sessions over the last months, notes and topics, lines
about the caseload, a few supporters overdue (the demo's own peer supporter among them)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from organisations.models import Organisation, Role
from organisations.tenancy import all_organisations
from people.models import PeerSupporter
from supervision import services
from supervision.models import CaseloadNote, Session, Supervisee


@pytest.mark.parametrize("scale", [1, 3])
def test_the_demo_has_supervision_at_every_scale(db, scale):
    call_command("seed_demo", stdout=StringIO(), quiet=True, scale=scale)
    today = timezone.localdate()
    with all_organisations():
        for org in Organisation.objects.all():
            sessions = Session.objects.filter(organisation=org)
            assert sessions.filter(held_on__lt=today.replace(day=1)).exists(), org.slug  # over months
            assert sessions.filter(status="cancelled").exists() or sessions.count() < 12
            assert Supervisee.objects.filter(organisation=org).exclude(notes="").exists()
            assert CaseloadNote.objects.filter(organisation=org).exists()
            overdue = services.overdue_supervisees(org)
            demo_supporter = PeerSupporter.objects.get(organisation=org, membership__role=Role.PEER_SUPPORTER,
                                                       membership__user__email__startswith="peer-supporter@")  # fmt: skip
            assert demo_supporter.pk in {d.supporter.pk for d in overdue}, org.slug
            assert len(overdue) < len(services.supervised_supporters(org)), org.slug
