"""A supervisor records a session with their supervisee, walking through the caseload peer by peer."""

from datetime import timedelta

from django.utils import timezone

from audit.models import Action, AuditEvent
from organisations.tenancy import organisation_scope
from supervision.models import CaseloadNote, Session, Supervisee


def _url(cast, page="record", session=None):
    base = f"/supporters/{cast.pat_profile.pk}/supervision/"
    return base + ("new/" if page == "record" else f"{session.pk}/" if page == "session" else "")


def _form(cast, **over):
    data = {
        "held_on": (timezone.localdate() - timedelta(days=1)).isoformat(), "minutes": "50", "status": "held",
        "format": "one_to_one", "arranged": "planned", "approach": "peer", "external_supervisor": "",
        "notes": "Talked about saying no to late calls.", "topics": ["boundaries", "capacity"],
        f"peer_{cast.amara.pk}": "Settling into the new flat.",
    }  # fmt: skip
    data.update(over)
    return data


def test_the_form_walks_through_the_peers_this_supervisor_sees(cast, client_for):
    body = client_for("sina").get(_url(cast)).content.decode()
    assert "Amara" in body
    for other in ("Bea", "Fay", "Cat", "Zed"):
        assert other not in body
    # Showing amara on the walk-through is a read of her record, audited.
    assert AuditEvent.objects.filter(
        actor=cast.user("sina"), action=Action.VIEW, record_type="peer", record_id=str(cast.amara.pk)
    ).exists()


def test_a_session_is_saved_with_its_notes_topics_and_a_line_per_peer(cast, client_for):
    response = client_for("sina").post(_url(cast), _form(cast))
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        session = Session.objects.get()
        row = Supervisee.objects.get(session=session)
        assert (session.supervisor, session.recorded_by, session.minutes) == (cast.sina, cast.sina, 50)
        assert row.notes == "Talked about saying no to late calls."
        assert row.topics == ["boundaries", "capacity"]
        assert CaseloadNote.objects.get(supervisee=row, peer=cast.amara).note == "Settling into the new flat."
    page = client_for("sina").get(response["Location"]).content.decode()
    assert "Settling into the new flat." in page and "Boundaries" in page


def test_an_external_supervisor_is_named_and_the_member_who_recorded_it_kept(cast, client_for):
    client_for("sina").post(_url(cast), _form(cast, external_supervisor="Dr Imogen Vale", approach="clinical"))
    with organisation_scope(cast.riverside):
        session = Session.objects.get()
    assert (session.supervisor, session.recorded_by, session.external_supervisor) == (None, cast.sina, "Dr Imogen Vale")


def test_a_line_about_a_peer_the_supervisor_does_not_see_is_not_saved(cast, client_for):
    """A forged field naming bea (quinn's peer) is not a field of the form: nothing about her is kept."""
    client_for("sina").post(_url(cast), _form(cast, **{f"peer_{cast.bea.pk}": "Forged."}))
    with organisation_scope(cast.riverside):
        assert not CaseloadNote.objects.filter(peer=cast.bea).exists()


def test_bad_input_comes_back_with_what_to_fix(cast, client_for):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client_for("sina").post(_url(cast), _form(cast, held_on=tomorrow, minutes="0", notes="Kept."))
    body = response.content.decode()
    assert response.status_code == 200
    assert "A session in the future is planned, not yet held." in body
    assert "Kept." in body
    with organisation_scope(cast.riverside):
        assert not Session.objects.exists()


def test_a_group_session_takes_only_the_supervisors_own_supervisees(cast, client_for):
    # quinn is supervised by nobody: not a choice for sina's group.
    response = client_for("sina").post(_url(cast), _form(cast, format="group", others=[cast.quinn_profile.pk]))
    assert response.status_code == 200
    with organisation_scope(cast.riverside):
        assert not Session.objects.exists()


def test_the_supervisee_adds_their_own_reflection(cast, client_for):
    client_for("sina").post(_url(cast), _form(cast))
    with organisation_scope(cast.riverside):
        session = Session.objects.get()
    url = f"/supporters/{cast.pat_profile.pk}/supervision/{session.pk}/"
    assert "Save my reflection" in client_for("pat").get(url).content.decode()
    client_for("pat").post(url + "reflection/", {"reflection": "I will say no kindly."})
    with organisation_scope(cast.riverside):
        assert Supervisee.objects.get().reflection == "I will say no kindly."
    assert "I will say no kindly." in client_for("sina").get(url).content.decode()
    # Their supervisor does not write it for them.
    assert client_for("sina").post(url + "reflection/", {"reflection": "Not mine."}).status_code == 404
