"""The demo shows the diary at every scale: meetings this week and next for most current supports,
earlier ones that happened or did not, a few cancelled, and reminders for the demo's peer supporter."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from diary.models import DiarySettings, Meeting
from organisations.models import Organisation
from organisations.tenancy import all_organisations
from people.models import Assignment


@pytest.mark.parametrize("scale", [1, 2])
def test_the_demo_has_a_diary_at_every_scale(db, scale):
    call_command("seed_demo", stdout=StringIO(), quiet=True, scale=scale)
    now = timezone.now()
    with all_organisations():
        for org in Organisation.objects.all():
            meetings = Meeting.objects.filter(organisation=org)
            # Cover (arranged after the diary is seeded, continuity/demo.py) is left out.
            current = Assignment.objects.current().filter(organisation=org, worker__isnull=False).exclude(kind="cover")
            with_some = current.filter(meetings__isnull=False).distinct().count()
            assert with_some >= 0.6 * current.count() > 0, org.slug
            assert set(meetings.values_list("status", flat=True)) == {"planned", "happened", "missed", "cancelled"}
            assert meetings.filter(kind="meeting").exists() and meetings.exclude(kind="meeting").exists()
            assert not meetings.filter(starts_at__lt=now, status="planned").exists()
            assert not meetings.filter(starts_at__gt=now, status__in=("happened", "missed")).exists()
            for meeting in meetings.select_related("assignment"):
                assert meeting.assignment.peer_id == meeting.peer_id and meeting.planned_by_id is not None
            reminded = DiarySettings.objects.get(organisation=org)
            assert meetings.filter(assignment__worker=reminded.membership, remind_at__isnull=False).exists()
            assert not meetings.exclude(assignment__worker=reminded.membership).filter(remind_at__isnull=False).exists()
