"""The demo shows wellbeing at every scale: check-ins, a plan, hard moments, the directory, and the
demo supervisor's dashboard with a few warnings and their reasons (never a check-in's answers)."""

from __future__ import annotations

import time
from io import StringIO

import pytest
from django.core.management import call_command

from organisations.models import Membership, Organisation, Role
from organisations.tenancy import all_organisations, organisation_scope
from people.models import PeerSupporter
from wellbeing import gather
from wellbeing import warning as w
from wellbeing.models import CheckIn, DirectoryEntry, HardMoment, SelfCarePlan


@pytest.mark.parametrize("scale", [1, 3])
def test_the_demo_has_wellbeing_at_every_scale(db, scale):
    started = time.perf_counter()
    call_command("seed_demo", stdout=StringIO(), quiet=True, scale=scale)
    print(f"\nseed_demo --scale {scale}: {time.perf_counter() - started:.1f}s")
    with all_organisations():
        for org in Organisation.objects.all():
            assert CheckIn.objects.filter(organisation=org).count() >= 5, org.slug
            assert SelfCarePlan.objects.filter(organisation=org).exists()
            assert HardMoment.objects.filter(organisation=org).exists()
            assert DirectoryEntry.objects.filter(organisation=org).exists()
            supervisor = Membership.objects.filter(organisation=org, role=Role.SUPERVISOR).order_by("pk").first()
            with organisation_scope(org):
                supervisees = list(PeerSupporter.objects.filter(supervisor=supervisor))
                warnings = gather.warnings_for(supervisees, last_supervised={})
            talking = [found for found in warnings.values() if found.level == w.TALK]
            assert talking, f"{org.slug}: the demo supervisor should see a warning"
            assert all(found.raised for found in talking)
