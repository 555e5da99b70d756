"""Who opens a support agreement: the peer's own supporter records it; their supervisor and the
coordinators and admins read it; nobody else, whatever else they see (an audited 404, the same as
for a record of another organisation). Every opening is on the peer's audit trail."""

from __future__ import annotations

import re

import pytest

from agreements.access import OPENED_FOR
from agreements.models import SupportAgreement
from audit.models import Action, AuditEvent
from conftest import assign
from organisations.tenancy import all_organisations, organisation_scope
from people.models import Assignment, AssignmentKind

from .helpers import amaras_assignment, form, url

PAGES = ("agreement", "for_the_peer")


def _refused(cast, client, who, address, method="get") -> bool:
    before = AuditEvent.objects.filter(actor=cast.user(who), action=Action.DENIED).count()
    response = getattr(client, method)(address, form() if method == "post" else None)
    after = AuditEvent.objects.filter(actor=cast.user(who), action=Action.DENIED).count()
    if response.status_code == 404:
        assert after > before, "the refusal was not audited"
        return True
    assert response.status_code in (200, 302), response.status_code
    return False


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    ("who", "sees"),
    [("pat", True), ("sina", True), ("cleo", True), ("ada", True), ("quinn", False), ("sol", False), ("rio", False),
     ("stef", False), ("eve", False), ("hugo", False), ("hana", False)],
)  # fmt: skip
def test_who_reads_amaras_agreement(cast, client_for, page, who, sees):
    assert _refused(cast, client_for(who), who, url(cast, page)) is not sees


@pytest.mark.parametrize(("who", "records"), [("pat", True), ("sina", False), ("cleo", False), ("ada", False)])
def test_only_pat_records_amaras_agreement(cast, client_for, who, records):
    client = client_for(who)
    assert _refused(cast, client, who, url(cast, "record")) is not records
    assert _refused(cast, client, who, url(cast, "record"), "post") is not records
    with organisation_scope(cast.riverside):
        assert SupportAgreement.objects.filter(peer=cast.amara).count() == (2 if records else 1)


def test_a_case_manager_who_works_with_the_peer_still_does_not_see_the_agreement(cast, client_for):
    with all_organisations():
        assign(cast.amara, cast.stef, AssignmentKind.CASE_MANAGEMENT)
    client = client_for("stef")
    assert client.get(f"/peers/{cast.amara.pk}/").status_code == 200  # the record, yes
    assert "Support agreement" not in client.get(f"/peers/{cast.amara.pk}/").content.decode()
    for page in PAGES:
        assert _refused(cast, client, "stef", url(cast, page))


def test_a_supervisor_who_sees_the_peer_for_another_reason_does_not_see_anothers_agreement(cast, client_for):
    """sol counsels amara directly; amara's peer supporter is pat, whom sina supervises, not sol."""
    with all_organisations():
        assign(cast.amara, cast.sol, AssignmentKind.COUNSELLING)
    client = client_for("sol")
    assert client.get(f"/peers/{cast.amara.pk}/").status_code == 200
    for page in PAGES:
        assert _refused(cast, client, "sol", url(cast, page))
    assert "Support agreement" not in client.get(f"/peers/{cast.amara.pk}/").content.decode()


def test_a_supervisor_who_is_the_peers_supporter_records_their_agreement(cast, client_for):
    with all_organisations():
        dees = assign(cast.dee, cast.sol, AssignmentKind.PEER_SUPPORT)
    client = client_for("sol")
    response = client.post(url(cast, "record", assignment=dees), form())
    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        assert SupportAgreement.objects.get(assignment=dees).recorded_by == cast.user("sol")


def test_once_the_support_has_ended_the_supporter_can_no_longer_add_a_version(cast, client_for):
    with all_organisations():
        Assignment.objects.filter(pk=amaras_assignment(cast).pk).update(ends_on="2020-01-01", starts_on="2019-01-01")
    assert _refused(cast, client_for("pat"), "pat", url(cast, "record"))
    # The coordinator still reads what was agreed, and is told it is no longer in force.
    body = client_for("cleo").get(url(cast)).content.decode()
    assert "This support has ended" in body


def test_another_peers_assignment_through_our_peers_address_is_refused(cast, client_for):
    with all_organisations():
        beas = Assignment.objects.get(peer=cast.bea)
        zeds = Assignment.objects.get(peer=cast.zed)
    for assignment in (beas, zeds):
        for page in (*PAGES, "record"):
            assert _refused(cast, client_for("cleo"), "cleo", url(cast, page, assignment=assignment, peer=cast.amara))


@pytest.mark.parametrize("bad", ["0", "99999999999999999999999", "-3"])
def test_ids_that_cannot_be_ids_are_refused_before_the_database(cast, client_for, bad):
    client = client_for("cleo")
    for address in (f"/peers/{bad}/assignments/1/agreement/", f"/peers/{cast.amara.pk}/assignments/{bad}/agreement/"):
        response = client.get(address)
        assert response.status_code == 404


def test_every_opening_is_on_the_peers_audit_trail(cast, client_for):
    for page in PAGES:
        client_for("sina").get(url(cast, page))
    openings = AuditEvent.objects.filter(
        actor=cast.user("sina"), action=Action.VIEW, record_type="peer", record_id=str(cast.amara.pk), reason=OPENED_FOR
    )
    assert openings.count() == 2


def test_titles_name_nobody(cast, client_for):
    client = client_for("pat")
    for page in (*PAGES, "record"):
        body = client.get(url(cast, page)).content.decode()
        title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
        assert "Amara" not in title and "Pat" not in title, title


def test_the_peers_copy_names_nobody_at_all(cast, client_for):
    body = client_for("pat").get(url(cast, "for_the_peer")).content.decode()
    article = body.split('<article class="agreement">', 1)[1].split("</article>", 1)[0]
    for name in ("Amara", "Pat", "Riverside"):
        assert name not in article
