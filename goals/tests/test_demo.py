"""The demo shows plans at every scale: the nine default areas of life in both organisations, goals
for most peers someone works with, basic needs among them, steps (some done), progress, a few due."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from goals.models import DEFAULT_DOMAINS, Goal, LifeDomain, ProgressEntry, Step
from organisations.models import Organisation
from organisations.tenancy import all_organisations
from people.models import Assignment


@pytest.mark.parametrize("scale", [1, 2])
def test_the_demo_has_plans_at_every_scale(db, scale):
    call_command("seed_demo", stdout=StringIO(), quiet=True, scale=scale)
    today = timezone.localdate()
    with all_organisations():
        for org in Organisation.objects.exclude(memberships__isnull=True).distinct():
            assert LifeDomain.objects.filter(organisation=org).count() == len(DEFAULT_DOMAINS)
            supported = Assignment.objects.current().filter(organisation=org).values("peer_id").distinct().count()
            goals = Goal.objects.filter(organisation=org)
            with_plan = goals.values("peer_id").distinct().count()
            assert with_plan >= 0.5 * supported > 0, org.slug
            assert goals.filter(kind="basic_need").exists() and goals.filter(kind="longer_term").exists()
            assert goals.exclude(status="working_on").exists()
            assert 2 <= sum(g.is_review_due for g in goals) <= max(2, goals.count() // 2)
            assert Step.objects.filter(organisation=org, done_on__isnull=False).exists()
            assert ProgressEntry.objects.filter(organisation=org).exists()
            assert all(g.created_on <= today for g in goals)
