"""The demo shows every stage in both organisations at every scale, each supporter with a history that
ends at their stage, readiness conversations with every judgement, posts, barriers, and Harbour's own
five-year thresholds."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from organisations.models import Organisation
from organisations.tenancy import all_organisations
from people.choices import SupporterStage
from people.models import PeerSupporter
from recruitment.models import Barrier, Post, ReadinessConversation, ReadinessCriterion, StageChange


@pytest.mark.parametrize("scale", [1, 2])
def test_the_demo_shows_every_stage_at_every_scale(db, scale):
    call_command("seed_demo", stdout=StringIO(), quiet=True, scale=scale)
    with all_organisations():
        for org in Organisation.objects.exclude(memberships__isnull=True).distinct():
            supporters = list(PeerSupporter.objects.filter(organisation=org))
            assert {s.stage for s in supporters} == set(SupporterStage.values), org.slug
            last = {}
            for change in StageChange.objects.filter(organisation=org).order_by("at", "pk"):
                last[change.supporter_id] = change.to_stage
            assert last == {s.pk: s.stage for s in supporters}
            assert not StageChange.objects.filter(organisation=org, to_stage__in=["paused", "left"], reason="").exists()
            judgements = set(ReadinessConversation.objects.filter(organisation=org).values_list("judgement", flat=True))
            assert "not_yet" in judgements and judgements & {"ready", "ready_with_support"}
            assert Post.objects.filter(organisation=org).count() == 4
            assert Barrier.objects.filter(organisation=org).exists()
            thresholds = set(
                ReadinessCriterion.objects.filter(organisation=org).values_list("threshold_years", flat=True)
            )
            assert thresholds == ({None, 5} if org.slug == "harbour" else {None})
