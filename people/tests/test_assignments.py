"""A coordinator records who works with whom; support never waits on optional consent."""

from datetime import timedelta

import pytest
from django.utils import timezone

from organisations.tenancy import organisation_scope
from people.models import Assignment
from people.services import AssignmentError, assign, end_assignment


def test_a_coordinator_assigns_a_peer_supporter_and_the_supporter_then_sees_the_peer(cast, client_for):
    assert client_for("quinn").get(f"/peers/{cast.dee.pk}/").status_code == 404
    response = client_for("cleo").post(
        f"/peers/{cast.dee.pk}/assign/",
        {
            "worker": cast.quinn.pk,
            "kind": "peer_support",
            "starts_on": timezone.localdate().isoformat(),
            "reason": "Both speak Romanian.",
        },
    )
    assert response.status_code == 302
    assert client_for("quinn").get(f"/peers/{cast.dee.pk}/").status_code == 200


def test_support_does_not_depend_on_consent_to_share_follow_up_or_reports(in_riverside):
    cast = in_riverside
    # Dee has no consent recorded at all: she can still be matched with a peer supporter.
    assignment = assign(peer=cast.dee, worker=cast.quinn, by=cast.cleo, kind="peer_support")
    assert assignment.is_current


def test_the_kind_of_support_must_fit_the_role(in_riverside):
    cast = in_riverside
    with pytest.raises(AssignmentError):
        assign(peer=cast.dee, worker=cast.eve, by=cast.cleo, kind="peer_support")
    with pytest.raises(AssignmentError):
        assign(peer=cast.dee, worker=cast.hugo, by=cast.cleo, kind="case_management")  # another organisation


def test_an_assignment_that_ends_stops_access_the_next_day(in_riverside):
    cast = in_riverside
    assignment = Assignment.objects.get(peer=cast.amara, worker=cast.pat)
    end_assignment(assignment, by=cast.cleo, on=timezone.localdate())
    assert Assignment.objects.current().filter(pk=assignment.pk).exists()  # still today
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert not Assignment.objects.current(on=tomorrow).filter(pk=assignment.pk).exists()


def test_a_mistake_in_the_assignment_form_is_explained(cast, client_for):
    today = timezone.localdate()
    response = client_for("cleo").post(
        f"/peers/{cast.dee.pk}/assign/",
        {
            "worker": cast.quinn.pk,
            "kind": "peer_support",
            "starts_on": today.isoformat(),
            "ends_on": (today - timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "The end date is before the start date." in response.content.decode()
    with organisation_scope(cast.riverside):
        assert not Assignment.objects.filter(peer=cast.dee).exists()


def test_the_caseload_search_answers_htmx_with_only_the_results(cast, client_for):
    response = client_for("cleo").post("/peers/", {"q": "am"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="results"')
    assert "Amara" in body and "Bea" not in body
    assert "<html" not in body
