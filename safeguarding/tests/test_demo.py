"""The demo shows safeguarding at every scale: a rota, a few open concerns (one overdue), flags on
some peers, aggression on a couple, and a visit whose check-out is overdue; the demo's coordinator
(on duty) sees the concerns and the visit on their dashboard."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from organisations.models import Organisation
from organisations.tenancy import all_organisations
from safeguarding import services
from safeguarding.models import AggressionRecord, Concern, OnCall, SafetyFlag, Visit


@pytest.mark.parametrize("scale", [1, 2])
def test_the_demo_has_safeguarding_at_every_scale(db, scale):
    call_command("seed_demo", stdout=StringIO(), quiet=True, scale=scale)
    with all_organisations():
        for org in Organisation.objects.all():
            assert OnCall.objects.filter(organisation=org).count() == 1
            period = services.on_call(org)
            open_ = list(Concern.objects.filter(organisation=org, closed_at__isnull=True))
            assert 3 <= len(open_) <= 5, org.slug
            assert sum(c.untaken_too_long for c in open_) == 1, org.slug
            assert Concern.objects.filter(organisation=org, closed_at__isnull=False).exists()
            assert SafetyFlag.objects.filter(organisation=org).count() >= 2
            assert AggressionRecord.objects.filter(organisation=org).exists()
            assert [v.is_overdue for v in Visit.objects.filter(organisation=org)] == [True]
            needing = list(services.concerns_needing(period.duty_coordinator))
            assert len(needing) == 2  # the overdue one and the new one; the others are the supervisor's
            _, late = services.visits_on_the_dashboard(period.duty_coordinator)
            assert len(late) == 1
