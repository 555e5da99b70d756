"""Kept apart after they were matched: an exclusion or a former-peer link recorded while they work together.

Nothing ends support on its own (a peer is not left without it by a click), so the coordinator is
told, on the page where it is recorded, who still works together though now kept apart.
"""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from conftest import make_peer
from matching import services
from organisations.tenancy import organisation_scope
from people.models import Assignment, AssignmentKind


def test_recording_an_exclusion_between_two_who_work_together_tells_the_coordinator(cast, client_for):
    client = client_for("cleo")
    url = reverse("matching:peer_exclusions", args=[cast.amara.pk])
    response = client.post(
        url,
        {"action": "record", "exclusion-other_supporter": cast.pat_profile.pk, "exclusion-reason": "same_network"},
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "still work together" in html
    assert reverse("people:peer_detail", args=[cast.amara.pk]) in html
    with organisation_scope(cast.riverside):
        assert [a.worker_id for a in services.working_together_though_kept_apart(cast.pat_profile)] == [cast.pat.pk]
        assert services.working_together_though_kept_apart(cast.quinn_profile) == []


def test_a_former_peer_link_set_after_matching_tells_the_coordinator(cast, client_for):
    today = timezone.localdate()
    with organisation_scope(cast.riverside):
        old_rio = make_peer(cast.riverside, "Old Rio", cast.user("cleo"))
        for peer in (old_rio, cast.fay):  # both once supported by Pat, at the same time
            Assignment.objects.create(
                organisation=cast.riverside,
                peer=peer,
                worker=cast.pat,
                kind=AssignmentKind.PEER_SUPPORT,
                starts_on=today - timedelta(days=400),
                ends_on=today - timedelta(days=300),
                created_by=cast.user("cleo"),
            )
    client = client_for("cleo")
    response = client.post(
        reverse("matching:supporter_details", args=[cast.rio_profile.pk]),
        {"former_peer_number": old_rio.pk, "age_band": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert "still work together" in response.content.decode()
    page = client.get(reverse("matching:supporter_exclusions", args=[cast.rio_profile.pk])).content.decode()
    assert "still work together" in page and "Fay" in page
