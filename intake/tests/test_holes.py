"""Holes found by an attacker's pass over the intake pages, each kept shut by a test."""

from __future__ import annotations

from intake.models import IntakeConversation
from organisations.tenancy import all_organisations, organisation_scope

from .helpers import intake


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_saving_again_does_not_tell_a_supporter_what_was_said_of_a_network_link(cast, client_for):
    """A peer supporter may not read back the network-link answer; the message after saving must not
    say it either (the earlier "yes" is carried over, and the message used to warn about it)."""
    with organisation_scope(cast.riverside):
        intake(cast.amara, cast.cleo, network_link="yes", network_notes="Someone at the drop-in")
    response = client_for("pat").post(f"/peers/{cast.amara.pk}/intake/new/", {"safe_to_come": "yes"}, follow=True)
    assert _messages(response) == ["The intake conversation has been saved."]
    with all_organisations():
        assert IntakeConversation.objects.in_force().get(peer=cast.amara).network_link == "yes"  # still kept


def test_saving_after_a_carried_over_no_reads_the_same(cast, client_for):
    """The same message whatever was said before, so that nothing can be learnt by comparing."""
    with organisation_scope(cast.riverside):
        intake(cast.amara, cast.cleo, network_link="no")
    response = client_for("pat").post(f"/peers/{cast.amara.pk}/intake/new/", {"safe_to_come": "yes"}, follow=True)
    assert _messages(response) == ["The intake conversation has been saved."]


def test_a_supporter_who_hears_of_a_network_link_is_told_a_coordinator_will_act(cast, client_for):
    response = client_for("pat").post(f"/peers/{cast.amara.pk}/intake/new/", {"network_link": "maybe"}, follow=True)
    assert _messages(response) == [
        "Saved. A coordinator will make sure they are never put with anyone linked to that network."
    ]
