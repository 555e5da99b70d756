"""A refused attempt on a record is seen by the admins of the organisation that holds the record.

Hugo (Harbour) tries Riverside's Amara: Harbour's admins see what Hugo tried, and Riverside's admins
see that someone tried their record. Hugo gets the same 404 as for a record that does not exist.
"""

import re

import pytest

from accounts.models import User
from audit.models import Action, AuditEvent

HUGE = "9" * 41


def without_tokens(content: bytes) -> str:
    """The page without its CSRF tokens, which differ on every response, and the seconds the
    session has left, which move with the clock between two requests."""
    text = content.decode()
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    text = re.sub(r'data-idle-seconds="\d+"', "", text)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", text)


def denials(**filters):
    return AuditEvent.objects.filter(action=Action.DENIED, **filters)


def test_a_record_tried_from_another_organisation_is_in_the_holders_audit_log(cast, client_for):
    response = client_for("hugo").get(f"/peers/{cast.amara.pk}/")

    assert response.status_code == 404
    tried = denials(actor=cast.user("hugo"), record_type="peer", record_id=str(cast.amara.pk))
    assert set(tried.values_list("organisation_id", flat=True)) == {cast.harbour.pk, cast.riverside.pk}
    page = client_for("ada").get("/audit/", {"action": "denied"}).content.decode()
    assert "Hugo" in page and f"Peer {cast.amara.pk}" in page


def test_the_person_trying_cannot_tell_a_record_elsewhere_from_one_that_does_not_exist(cast, client_for):
    client = client_for("hugo")
    elsewhere = client.get(f"/peers/{cast.amara.pk}/")
    nowhere = client.get("/peers/987654321/")
    assert elsewhere.status_code == nowhere.status_code == 404
    assert without_tokens(elsewhere.content).replace(f"/peers/{cast.amara.pk}/", "/peers/987654321/") == (
        without_tokens(nowhere.content)
    )
    assert dict(elsewhere.items()).keys() == dict(nowhere.items()).keys()


def test_a_supporter_of_another_organisation_tried_is_filed_with_its_holder_too(cast, client_for):
    client_for("hugo").get(f"/supporters/{cast.pat_profile.pk}/")
    tried = denials(actor=cast.user("hugo"), record_type="peersupporter")
    assert set(tried.values_list("organisation_id", flat=True)) == {cast.harbour.pk, cast.riverside.pk}


def test_a_refusal_inside_the_organisation_is_written_once(cast, client_for):
    client_for("pat").get(f"/peers/{cast.bea.pk}/")
    tried = denials(actor=cast.user("pat"), record_id=str(cast.bea.pk))
    assert list(tried.values_list("organisation_id", flat=True)) == [cast.riverside.pk]


def test_someone_with_no_organisation_trying_a_record_is_seen_by_its_holder(cast, client):
    stranger = User.objects.create_user("stranger@example.test", "a long test password", display_name="Stranger")
    client.force_login(stranger)
    assert client.get(f"/peers/{cast.zed.pk}/").status_code == 404
    assert set(denials(actor=stranger).values_list("organisation_id", flat=True)) == {None, cast.harbour.pk}


@pytest.mark.parametrize(
    "url",
    [
        f"/peers/{HUGE}/",
        f"/peers/{HUGE}/edit/",
        f"/peers/{HUGE}/record.json",
        f"/supporters/{HUGE}/",
        f"/peers/{2**63}/",
    ],
)
def test_a_number_too_big_to_be_a_record_is_refused_and_written_down(cast, client_for, url):
    response = client_for("cleo").get(url)
    assert response.status_code == 404
    entry = denials(actor=cast.user("cleo")).get()
    assert entry.organisation_id == cast.riverside.pk
    assert len(entry.record_id) <= 40 and entry.record_id[:20] == url.split("/")[2][:20]


def test_ending_an_assignment_with_a_number_too_big_is_refused(cast, client_for):
    response = client_for("cleo").post(f"/peers/{cast.amara.pk}/assignments/{HUGE}/end/")
    assert response.status_code == 404
    assert denials(actor=cast.user("cleo"), record_type="assignment").exists()


def test_the_holders_copy_says_the_attempt_came_from_outside(cast, client_for):
    client_for("hugo").get(f"/peers/{cast.amara.pk}/")
    page = client_for("ada").get("/audit/", {"action": "denied"}).content.decode()
    assert "Tried from outside this organisation" in page
