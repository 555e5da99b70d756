"""Who sees contacts: the worker who logged it, their supervisor, coordinators and admins; the private
note only its author and the author's supervisor; evaluators counts only; another organisation nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import queries_asked
from contacts import services
from contacts.access import may_read_note, seen_contacts
from contacts.models import Contact, ContactSettings
from contacts.tests.test_logging_a_contact import amaras
from organisations.tenancy import organisation_scope
from people.models import Assignment


@pytest.fixture
def logged(cast):
    with organisation_scope(cast.riverside):
        return services.log_contact(
            by=cast.pat, assignment=amaras(cast), entry=services.Entry("phone", 45, "emotional", note="Hard day.")
        )


@pytest.mark.parametrize(
    ("name", "sees", "reads_note"),
    [("pat", True, True), ("sina", True, True), ("cleo", True, False), ("ada", True, False), ("sol", False, False),
     ("quinn", False, False), ("stef", False, False), ("eve", False, False)],
)  # fmt: skip
def test_who_sees_a_contact_and_its_note(cast, logged, name, sees, reads_note):
    with organisation_scope(cast.riverside):
        found = seen_contacts(cast.members[name]).filter(pk=logged.pk).first()
        assert (found is not None) == sees
        assert (found is not None and may_read_note(cast.members[name], found)) == reads_note


def test_another_organisation_sees_none(cast, logged):
    with organisation_scope(cast.harbour):
        assert not seen_contacts(cast.hugo).exists()


@pytest.mark.parametrize(("name", "note_shown"), [("pat", True), ("sina", True), ("cleo", False)])
def test_the_peer_record_and_the_contact_list_show_the_note_only_to_author_and_supervisor(
    cast, client_for, logged, name, note_shown
):
    client = client_for(name)
    for url in (f"/peers/{cast.amara.pk}/", f"/peers/{cast.amara.pk}/contacts/"):
        page = client.get(url).content.decode()
        assert "Emotional support" in page
        assert ("Hard day." in page) == note_shown, url


def test_the_contact_list_and_the_record_ask_the_same_number_of_queries_for_many_contacts(cast, client_for, logged):
    client = client_for("sina")
    few_list, _ = queries_asked(client, f"/peers/{cast.amara.pk}/contacts/")
    few_record, _ = queries_asked(client, f"/peers/{cast.amara.pk}/")
    with organisation_scope(cast.riverside):
        for _ in range(30):
            services.log_contact(by=cast.pat, assignment=amaras(cast), entry=services.Entry("phone", 15, "check_in"))
    assert queries_asked(client, f"/peers/{cast.amara.pk}/contacts/")[0] == few_list
    assert queries_asked(client, f"/peers/{cast.amara.pk}/")[0] == few_record


def test_hours_add_up_per_week_and_outside_agreement_names_no_peer(in_riverside):
    cast = in_riverside
    now = timezone.now()
    for days, how in ((0, "phone"), (0, "text"), (7, "phone"), (8, "phone")):
        services.log_contact(
            by=cast.pat,
            assignment=amaras(cast),
            entry=services.Entry(how, 30, "check_in", happened_at=now - timedelta(days=days)),
        )
    weeks = services.hours_by_week(cast.pat, 4)
    assert len(weeks) == 4 and sum(w.minutes for w in weeks) == 120
    assert weeks[-1].starts_on == services.week_start(timezone.localdate())
    assert weeks[-1].minutes == 60 and weeks[-1].contacts == 2
    outside = services.outside_agreement(cast.pat, timezone.localdate() - timedelta(days=30))
    assert [o.reasons for o in outside] == [("channel",)]
    assert services.hours_by_week(cast.quinn, 4)[-1].minutes == 0


def test_my_week_and_the_supporters_hours_page(cast, client_for, logged):
    page = client_for("pat").get("/contacts/my-week/").content.decode()
    assert "Amara" in page and "Hours each week" in page
    assert client_for("sina").get(f"/supporters/{cast.pat_profile.pk}/contacts/").status_code == 200
    assert client_for("sol").get(f"/supporters/{cast.pat_profile.pk}/contacts/").status_code == 404


def test_my_week_asks_the_same_number_of_queries_for_many_contacts(cast, client_for, logged):
    client = client_for("pat")
    few, _ = queries_asked(client, "/contacts/my-week/")
    with organisation_scope(cast.riverside):
        for _ in range(30):
            services.log_contact(by=cast.pat, assignment=amaras(cast), entry=services.Entry("phone", 15, "check_in"))
    assert queries_asked(client, "/contacts/my-week/")[0] == few


# --- Not heard from -------------------------------------------------------------------------------


def _began_weeks_ago(cast, weeks):
    with organisation_scope(cast.riverside):
        Assignment.objects.update(starts_on=timezone.localdate() - timedelta(weeks=weeks))


def test_not_heard_from_lists_only_the_supporters_own_quiet_peers_with_only_safe_ways(cast, client_for):
    _began_weeks_ago(cast, 10)
    with organisation_scope(cast.riverside):
        from people.models import ContactMethod

        ContactMethod.objects.create(
            organisation=cast.riverside, peer=cast.amara, channel="text", detail="07700 900111", is_safe=True
        )
        ContactMethod.objects.create(
            organisation=cast.riverside, peer=cast.amara, channel="email", detail="unsafe@x.test", is_safe=False
        )
        cast.amara.safe_times = "Weekday mornings"
        cast.amara.save()
    page = client_for("pat").get("/contacts/not-heard-from/").content.decode()
    assert "Amara" in page and "Bea" not in page and "Fay" not in page
    assert "Text message" in page and "Weekday mornings" in page
    assert "Email" not in page and "unsafe@" not in page
    whole = client_for("cleo").get("/contacts/not-heard-from/").content.decode()
    assert all(name in whole for name in ("Amara", "Bea", "Fay")) and "Zed" not in whole


def test_a_contact_takes_a_peer_off_the_list_and_the_organisation_sets_n(cast, client_for):
    _began_weeks_ago(cast, 10)
    with organisation_scope(cast.riverside):
        services.log_contact(
            by=cast.pat, assignment=amaras(cast),
            entry=services.Entry("phone", 15, "check_in", happened_at=timezone.now() - timedelta(weeks=4)),
        )  # fmt: skip
        assert cast.amara.pk in {a.peer_id for a in services.quiet_assignments(cast.pat)}  # 4 weeks > 3
        ContactSettings.objects.create(organisation=cast.riverside, quiet_weeks=6)
        assert cast.amara.pk not in {a.peer_id for a in services.quiet_assignments(cast.pat)}


def test_a_new_support_is_not_yet_quiet(in_riverside):
    assert not services.quiet_assignments(in_riverside.pat).exists()  # the cast's supports began today


def test_drifting_away_and_coming_back_are_recorded_and_close_nothing(cast, client_for):
    _began_weeks_ago(cast, 10)
    client = client_for("pat")
    url = f"/peers/{cast.amara.pk}/assignments/{amaras(cast).pk}/contacts/engagement/"
    client.post(url, {"status": "drifted"})
    assert "drifted away" in client.get("/contacts/not-heard-from/").content.decode()
    client.post(url, {"status": "back"})
    with organisation_scope(cast.riverside):
        assert list(cast.amara.engagement_marks.values_list("status", flat=True)) == ["back", "drifted"]
        assert Assignment.objects.get(pk=amaras(cast).pk).ends_on is None
    assert client_for("sina").post(url, {"status": "drifted"}).status_code == 404


def test_the_not_heard_from_list_asks_the_same_number_of_queries_for_many_peers(cast, client_for):
    from conftest import assign, make_peer

    _began_weeks_ago(cast, 10)
    client = client_for("cleo")
    few, _ = queries_asked(client, "/contacts/not-heard-from/")
    with organisation_scope(cast.riverside):
        for n in range(15):
            assign(make_peer(cast.riverside, f"Quiet {n}", cast.user("cleo")), cast.quinn)
        Assignment.objects.update(starts_on=timezone.localdate() - timedelta(weeks=10))
    assert queries_asked(client, "/contacts/not-heard-from/")[0] == few


def test_the_settings_page_sets_n_and_the_goods(cast, client_for):
    client = client_for("cleo")
    assert client.post("/organisation/contacts/", {"what": "weeks", "quiet_weeks": "5"}).status_code == 302
    assert client.post("/organisation/contacts/", {"what": "goods", "name": "Travel pass"}).status_code == 302
    again = client.post("/organisation/contacts/", {"what": "goods", "name": "travel  pass"})
    assert again.status_code == 200 and "already" in again.content.decode()
    bad = client.post("/organisation/contacts/", {"what": "weeks", "quiet_weeks": "0"})
    assert bad.status_code == 200
    with organisation_scope(cast.riverside):
        assert services.quiet_weeks(cast.riverside.pk) == 5
        assert [g.name for g in services.goods_offered(cast.riverside.pk)] == ["Travel pass"]
    assert client_for("pat").get("/organisation/contacts/").status_code == 404
    assert Contact  # imported for the reader: contacts themselves are untouched here
