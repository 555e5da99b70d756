"""A record shows the latest few people who opened it, and links to all of them."""

import re

from audit.log import audit
from audit.models import Action, AuditEvent
from organisations.tenancy import all_organisations


def _openings_listed(body: str) -> int:
    section = body.split('id="opened-heading"', 1)[1].split("</section>", 1)[0]
    return len(re.findall(r"<li>", section))


def test_the_record_shows_the_latest_five_openings_and_links_to_all_of_them(cast, client_for):
    client = client_for("cleo")
    for _ in range(7):
        client.get(f"/peers/{cast.amara.pk}/")
    body = client.get(f"/peers/{cast.amara.pk}/").content.decode()  # the 8th opening
    assert _openings_listed(body) == 5
    assert f'href="/peers/{cast.amara.pk}/opened/"' in body
    assert "See every time it has been opened" in body


def test_a_record_opened_only_a_few_times_lists_them_all_without_a_link(cast, client_for):
    body = client_for("pat").get(f"/peers/{cast.amara.pk}/").content.decode()
    assert _openings_listed(body) == 1
    assert "/opened/" not in body


def test_the_full_list_is_paged_newest_first_and_is_itself_an_audited_opening(cast, client_for):
    client = client_for("pat")
    client.get(f"/peers/{cast.amara.pk}/")
    client_for("cleo").get(f"/peers/{cast.amara.pk}/")
    client = client_for("pat")
    response = client.get(f"/peers/{cast.amara.pk}/opened/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Opened 3 times, newest first." in body
    assert body.index("Pat") < body.index("Cleo")  # pat's opening of this list is the newest
    assert (
        AuditEvent.objects.filter(actor=cast.user("pat"), action=Action.VIEW, record_id=str(cast.amara.pk)).count() == 2
    )


def test_someone_who_may_not_see_the_record_cannot_see_who_opened_it(cast, client_for):
    response = client_for("quinn").get(f"/peers/{cast.amara.pk}/opened/")
    assert response.status_code == 404
    assert AuditEvent.objects.filter(actor=cast.user("quinn"), action=Action.DENIED).exists()


def test_the_list_holds_only_this_records_openings(cast, client_for):
    client_for("cleo").get(f"/peers/{cast.bea.pk}/")  # another peer
    with all_organisations():  # the same number, as another kind of record and in another organisation
        audit(
            cast.user("cleo"),
            Action.VIEW,
            record_type="peersupporter",
            record_id=cast.amara.pk,
            organisation=cast.riverside,
        )
        audit(cast.user("hugo"), Action.VIEW, record_type="peer", record_id=cast.amara.pk, organisation=cast.harbour)
    body = client_for("pat").get(f"/peers/{cast.amara.pk}/opened/").content.decode()
    assert "Opened 1 time, newest first." in body
