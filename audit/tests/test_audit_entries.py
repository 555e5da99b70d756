"""What one audit entry holds: the actor (or nobody), the action, the record's type and id, the
organisation it is filed under, and a short reason; never more than the column holds."""

import pytest
from django.contrib.auth.models import AnonymousUser

from audit.log import audit
from audit.models import Action, AppendOnlyError, AuditEvent


def _fields(event: AuditEvent):
    event = AuditEvent.objects.get(pk=event.pk)
    return (event.actor_id, event.action, event.record_type, event.record_id, event.organisation_id, event.reason)


def test_an_entry_about_a_record_names_it_and_its_organisation(cast):
    event = audit(cast.user("cleo"), Action.VIEW, cast.zed)
    assert _fields(event) == (cast.user("cleo").pk, Action.VIEW, "peer", str(cast.zed.pk), cast.harbour.pk, "")


def test_an_entry_can_be_filed_under_another_organisation_than_the_records(cast):
    event = audit(cast.user("cleo"), Action.VIEW, cast.zed, organisation=cast.riverside, reason="why")
    assert _fields(event) == (cast.user("cleo").pk, Action.VIEW, "peer", str(cast.zed.pk), cast.riverside.pk, "why")


def test_a_refusal_names_what_was_tried_without_an_object(cast):
    event = audit(cast.user("pat"), Action.DENIED, organisation=cast.riverside, record_type="peer", record_id=12)
    assert _fields(event) == (cast.user("pat").pk, Action.DENIED, "peer", "12", cast.riverside.pk, "")


def test_an_entry_with_nothing_but_an_action_holds_empty_fields(cast):
    event = audit(cast.user("pat"), Action.VIEW)
    assert _fields(event) == (cast.user("pat").pk, Action.VIEW, "", "", None, "")


def test_a_record_without_an_organisation_is_filed_under_none(cast):
    event = audit(cast.user("ada"), Action.UPDATE, cast.user("pat"))
    assert _fields(event) == (cast.user("ada").pk, Action.UPDATE, "user", str(cast.user("pat").pk), None, "")


@pytest.mark.parametrize("actor", [None, AnonymousUser()], ids=["nobody", "signed out"])
def test_an_entry_by_nobody_or_a_signed_out_visitor_has_no_actor(cast, actor):
    event = audit(actor, Action.DENIED, organisation=cast.riverside, record_type="page", record_id="log")
    assert _fields(event)[0] is None


def test_a_long_reason_is_cut_to_what_the_column_holds(cast):
    event = audit(cast.user("cleo"), Action.EXPORT, cast.amara, reason="x" * 250)
    assert _fields(event)[-1] == "x" * 200


def test_the_refusals_to_change_the_log_say_so(cast):
    event = audit(cast.user("cleo"), Action.VIEW, cast.amara)
    with pytest.raises(AppendOnlyError, match="^The audit log cannot be changed.$"):
        event.save()
    with pytest.raises(AppendOnlyError, match="^The audit log cannot be changed.$"):
        AuditEvent.objects.filter(pk=event.pk).update(reason="changed")
    with pytest.raises(AppendOnlyError, match="^The audit log cannot be deleted.$"):
        event.delete()
    with pytest.raises(AppendOnlyError, match="^The audit log cannot be deleted.$"):
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_the_log_is_filtered_by_one_of_our_members_named_as_colleagues_see_them(cast, client_for):
    audit(cast.user("pat"), Action.VIEW, cast.amara)
    audit(cast.user("cleo"), Action.UPDATE, cast.bea)
    response = client_for("ada").get("/audit/", {"actor": cast.pat.pk})
    form = response.context["form"]
    choices = {label for value, label in form.fields["actor"].choices if value}
    riverside = {m.user.display_name for m in cast.members.values() if m.organisation_id == cast.riverside.pk}
    assert choices == riverside  # named as colleagues see them, and nobody from Harbour
    events = list(response.context["page"].object_list)
    assert events and {e.actor_id for e in events} == {cast.user("pat").pk}


def test_a_page_that_lists_people_writes_one_entry_each_with_who_looked_and_why(cast):
    """audit_shown: a cohort's trainees or a supervision's supervisees, each read written down."""
    from audit.log import audit_shown

    shown = [cast.supporters["pat_profile"], cast.supporters["quinn_profile"]]
    audit_shown(cast.user("cleo"), shown, reason="cohort")
    events = AuditEvent.objects.order_by("pk")
    assert [_fields(e) for e in events] == [
        (cast.user("cleo").pk, Action.VIEW, "peersupporter", str(s.pk), cast.riverside.pk, "cohort") for s in shown
    ]
