"""Supervision notes are private to the supervisee and their supervisors; coordinators see that
sessions happen and when, never what was said; other supporters and evaluators never see any."""

import pytest

from organisations.tenancy import organisation_scope
from supervision.models import Session

from .helpers import held

NOTES, LINE = "Felt pulled into housing paperwork.", "Asked about her court date."


@pytest.fixture
def sessions(cast):
    with organisation_scope(cast.riverside):
        pats = held(cast.sina, cast.pat_profile, days_ago=3, notes=NOTES, topics=["role_creep"],
                    caseload={cast.amara.pk: LINE})  # fmt: skip
        rios = held(cast.sol, cast.rio_profile, days_ago=2, notes="Rio's own words.", topics=["self_care"])
    return pats, rios


def _page(cast, supporter, session=None):
    base = f"/supporters/{supporter.pk}/supervision/"
    return base if session is None else f"{base}{session.pk}/"


@pytest.mark.parametrize("who", ["pat", "sina"])
def test_the_supervisee_and_their_supervisor_read_the_notes(cast, client_for, sessions, who):
    body = client_for(who).get(_page(cast, cast.pat_profile, sessions[0])).content.decode()
    assert NOTES in body and LINE in body


@pytest.mark.parametrize("who", ["cleo", "ada"])
def test_coordinators_and_admins_see_when_not_what(cast, client_for, sessions, who):
    client = client_for(who)
    listing = client.get(_page(cast, cast.pat_profile)).content.decode()
    assert sessions[0].held_on.strftime("%B") in listing
    assert "Topics that recur" not in listing
    body = client.get(_page(cast, cast.pat_profile, sessions[0])).content.decode()
    assert NOTES not in body and LINE not in body and "Amara" not in body


@pytest.mark.parametrize("who", ["rio", "quinn", "sol", "stef", "eve", "hugo"])
def test_nobody_else_opens_pats_supervision(cast, client_for, sessions, who):
    """Other supporters never see each other's notes; nor does another supervisor, staff, an evaluator
    or another organisation: the audited 404."""
    client = client_for(who)
    assert client.get(_page(cast, cast.pat_profile)).status_code == 404
    assert client.get(_page(cast, cast.pat_profile, sessions[0])).status_code == 404


@pytest.mark.parametrize("who", ["pat", "cleo"])
def test_another_supporters_session_under_pats_address_is_refused(cast, client_for, sessions, who):
    """rio's session asked for through pat's address (by pat, or by a coordinator who sees both) is the
    404, not rio's session."""
    response = client_for(who).get(_page(cast, cast.pat_profile, sessions[1]))
    assert response.status_code == 404
    assert "Rio's own words." not in response.content.decode()


def test_the_supervisor_sees_which_topics_recur_as_counts(cast, client_for, sessions):
    with organisation_scope(cast.riverside):
        held(cast.sina, cast.pat_profile, days_ago=1, notes="Again.", topics=["role_creep", "boundaries"])
    body = client_for("sina").get(_page(cast, cast.pat_profile)).content.decode()
    assert "Drifting into case management: 2" in body
    assert "Boundaries: 1" in body


def test_a_caseload_line_shows_only_to_those_who_see_the_peer_now(cast, client_for, sessions):
    """The supervisee no longer works with amara: the line about her is not shown to them."""
    from datetime import timedelta

    from people.models import Assignment

    with organisation_scope(cast.riverside):
        day = sessions[0].held_on - timedelta(days=30)
        Assignment.objects.filter(peer=cast.amara).update(starts_on=day, ends_on=day + timedelta(days=1))
    body = client_for("pat").get(_page(cast, cast.pat_profile, sessions[0])).content.decode()
    assert NOTES in body and LINE not in body


def test_a_supervisor_who_ran_a_session_still_reads_it_after_handing_over(cast, in_riverside, sessions):
    """seen_supervisees: the member who ran a session keeps it; the new supervisor reads it too."""
    from supervision.access import may_read_notes, seen_supervisees

    pats = sessions[0]
    cast.pat_profile.supervisor = cast.sol
    cast.pat_profile.save()
    for member in (cast.sina, cast.sol):
        row = seen_supervisees(member).get(session=pats)
        assert may_read_notes(member, row), member
    assert not seen_supervisees(cast.rio).filter(session=pats).exists()
    assert Session.objects.count() == 2
