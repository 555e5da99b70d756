"""The demo shows training at every scale: the curriculum, a ten-week cohort of the supporters in
training with attendance so far, monthly in-service sessions, and the documents with who agreed."""

from __future__ import annotations

import time
from io import StringIO

import pytest
from django.core.management import call_command

from organisations.models import Organisation
from organisations.tenancy import all_organisations, organisation_scope
from people.models import PeerSupporter
from training import services
from training.demo import CURRICULUM
from training.models import Attendance, Cohort, CohortKind, DocumentAgreement, DocumentVersion, Module, Trainee


@pytest.mark.parametrize("scale", [1, 2])
def test_the_demo_has_training_at_every_scale(db, scale):
    call_command("seed_demo", stdout=StringIO(), quiet=True, scale=scale)
    with all_organisations():
        for org in Organisation.objects.all():
            assert Module.objects.filter(organisation=org).count() == len(CURRICULUM)
            programme = Cohort.objects.get(organisation=org, name="Autumn programme")
            assert programme.weeks == 10
            assert Trainee.objects.filter(cohort=programme).exists(), org.slug
            assert Attendance.objects.filter(trainee__cohort=programme).exists(), org.slug
            assert Cohort.objects.filter(organisation=org, kind=CohortKind.IN_SERVICE).exists()
            assert set(DocumentVersion.objects.filter(organisation=org).values_list("kind", flat=True)) == {
                "role_description",
                "code_of_conduct",
                "safety_protocols",
            }
            assert DocumentAgreement.objects.filter(organisation=org).exists()
        firsts = [
            PeerSupporter.objects.filter(organisation=org).order_by("pk").first() for org in Organisation.objects.all()
        ]
    for first in firsts:
        with organisation_scope(first.organisation):
            assert services.modules_done(first.membership), "the demo supporter has done some training"


def test_the_demo_at_scale_20_is_quick(db):
    started = time.monotonic()
    call_command("seed_demo", stdout=StringIO(), quiet=True, scale=20)
    took = time.monotonic() - started
    with all_organisations():
        rows = Attendance.objects.count()
    print(f"seed_demo --scale 20: {took:.1f} s, {rows} attendance rows")
    assert rows > 0
