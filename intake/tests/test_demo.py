"""The demo holds believable intakes at every scale: a few peers past the threshold, nobody silent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from intake.models import Arrival, IntakeConversation, WantsPeerSupport
from intake.services import waiting_past_threshold, waiting_peers, waiting_threshold
from organisations.models import Membership, Organisation, Role
from organisations.tenancy import all_organisations, organisation_scope
from people.models import Peer


@pytest.mark.parametrize("scale", [1, 2])
def test_every_demo_organisation_has_intakes_and_a_few_long_waits(db, scale):
    call_command("seed_demo", scale=scale, quiet=True)
    with all_organisations():
        organisations = list(Organisation.objects.all())
    assert len(organisations) == 2
    for org in organisations:
        coordinator = Membership.objects.filter(organisation=org, role=Role.COORDINATOR).order_by("pk").first()
        with organisation_scope(org):
            assert IntakeConversation.objects.count() >= 0.8 * Peer.objects.count()
            waiting = list(waiting_peers(coordinator))
            past = waiting_past_threshold(coordinator)
            assert 3 <= past < len(waiting), (org.slug, past, len(waiting))
            for conversation in IntakeConversation.objects.filter(wants_peer_support=WantsPeerSupport.NOW):
                assert conversation.ready_since == conversation.had_on
            partnered = Arrival.objects.filter(partner__isnull=False)
            assert partnered.exists() and set(partnered.values_list("route", flat=True)) == {"partner"}
            assert waiting_threshold(org) in (21, 30)
