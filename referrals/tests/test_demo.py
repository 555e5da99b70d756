"""The demo holds believable referrals at every scale: every stage, a warm handoff, some overdue."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from organisations.models import Membership, Organisation, Role
from organisations.tenancy import all_organisations, organisation_scope
from referrals.access import visible_referrals
from referrals.models import Referral, SharedItem, Status, Step
from referrals.shareable import CODES


@pytest.mark.parametrize("scale", [1, 2])
def test_every_demo_organisation_has_referrals_at_every_stage(db, scale):
    call_command("seed_demo", scale=scale, quiet=True)
    with all_organisations():
        organisations = list(Organisation.objects.all())
    for org in organisations:
        coordinator = Membership.objects.filter(organisation=org, role=Role.COORDINATOR).order_by("pk").first()
        with organisation_scope(org):
            referrals = Referral.objects.all()
            assert set(referrals.values_list("status", flat=True)) == set(Status.values), org.slug
            assert referrals.exclude(warm_handoff="").exists()
            assert visible_referrals(coordinator).overdue().exists()
            assert not SharedItem.objects.exclude(code__in=CODES).exists()
            for referral in referrals:
                steps = list(Step.objects.filter(referral=referral).values_list("kind", flat=True))
                assert steps[0] == "sent"
                assert referral.partner.organisation_id == org.pk
                assert referral.contact_method is None or referral.contact_method.peer_id == referral.peer_id
