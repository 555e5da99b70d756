"""The demo shows agreements at every scale: thresholds in both organisations, agreements for most
current peer supports, a few past their review date, and the threshold in both languages."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from agreements.models import SharingThreshold, SupportAgreement
from organisations.models import Organisation
from organisations.tenancy import all_organisations
from people.models import Assignment, AssignmentKind


@pytest.mark.parametrize("scale", [1, 2])
def test_the_demo_has_agreements_at_every_scale(db, scale):
    call_command("seed_demo", stdout=StringIO(), quiet=True, scale=scale)
    today = timezone.localdate()
    with all_organisations():
        for org in Organisation.objects.all():
            assert set(SharingThreshold.objects.filter(organisation=org).values_list("language", flat=True)) == {
                "en",
                "fr",
            }
            current = Assignment.objects.current().filter(organisation=org, kind=AssignmentKind.PEER_SUPPORT)
            with_one = current.filter(support_agreements__isnull=False).distinct().count()
            assert with_one >= 0.6 * current.count() > 0, org.slug
            latest = {}
            for agreement in SupportAgreement.objects.filter(organisation=org).order_by("version"):
                latest[agreement.assignment_id] = agreement
                assert agreement.agreed_on <= today and agreement.review_on >= agreement.agreed_on
                assert agreement.recorded_by_id == agreement.assignment.worker.user_id
            overdue = [a for a in latest.values() if a.review_on < today]
            assert 2 <= len(overdue) <= max(2, len(latest) // 2), org.slug
            assert any(a.version > 1 for a in latest.values())


def test_the_same_seed_gives_the_same_agreements(db):
    from django.db import transaction

    def seeded():
        with transaction.atomic():
            call_command("seed_demo", stdout=StringIO(), quiet=True, seed=7)
            with all_organisations():
                result = list(
                    SupportAgreement.objects.order_by("organisation__slug", "peer__chosen_name", "pk").values_list(
                        "organisation__slug", "version", "how_often", "review_on", "peer_experience"
                    )
                )
            transaction.set_rollback(True)
        return result

    assert seeded() == seeded()
