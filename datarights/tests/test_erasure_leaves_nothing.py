"""After erasure nothing of a peer's own remains; what the counts need remains, to the month.

The check is derived from the models: every text, choice or list field of a peer and of every kind of
row that points to a peer must be empty unless it is named in KEPT_FOR_COUNTS below; every pointer to
a person must be empty; every date must say only its month. A field added later is checked too, and
this list (the specification) is kept apart from the one erasure uses, so widening that one fails here.
"""

from datetime import datetime, timedelta

import pytest
from django.db import connection, models
from django.utils import timezone

from consent.models import ConsentRecord, ConsentText, Purpose
from consent.services import record_consent
from datarights.services import ERASED_NAME, erase_peer, month_of
from diary import services as diary
from home.dashboards import dashboard_for
from home.figures import peer_figures
from organisations.models import Partner
from organisations.tenancy import organisation_scope
from people import services as people
from people.models import Assignment, ContactMethod, Need, Peer
from people.services import current_caseloads

# What an erased record may still hold, and why: each is a category the figures count.
KEPT_FOR_COUNTS = {
    "people.Peer": {"age_band", "primary_need", "support_format", "support_modes", "frequency", "supporter_gender"},
    "people.Need": {"domain"},
    "people.Assignment": {"kind"},
    "consent.ConsentRecord": set(),
    "intake.IntakeConversation": {"needs_first", "wants_peer_support"},
    "intake.Arrival": {"route"},
    "goals.Goal": {"domain", "kind", "status"},
    "contacts.Contact": {"how", "kind", "needs"},
    "safeguarding.Concern": {"urgency", "report", "authority", "outcome"},
    "referrals.Referral": {"status", "outcome", "warm_handoff", "sharing_ended_because"},
}
# Links to the organisation's own records, not to a person.
KEPT_LINKS = {"organisation", "peer", "text"}


def label(model) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def rows_about(peer):
    """The peer, then every row of every model that points to a peer (found from the model).

    A model whose table is not there (a test migrated back before the app existed) holds nothing.
    """
    yield peer
    tables = set(connection.introspection.table_names())
    for relation in Peer._meta.related_objects:
        if (relation.one_to_many or relation.one_to_one) and relation.related_model._meta.db_table in tables:
            yield from relation.related_model._default_manager.filter(**{relation.field.name: peer})


def is_text(field) -> bool:
    return isinstance(field, models.CharField | models.TextField | models.JSONField)


def filled_value(field, n: int):
    """A value for ``field`` that can be recognised later."""
    if field.choices:
        return [value for value, _ in field.flatchoices if value][0]
    if isinstance(field, models.JSONField) or field.get_default() == []:
        return [f"list-{field.name}-{n}"]
    length = getattr(field, "input_max_length", None) or field.max_length or 200
    return f"{field.name}-{n}-secret"[:length]


def a_peer_with_everything(cast, n: int = 1) -> Peer:
    fields = {
        f.name: filled_value(f, n)
        for f in Peer._meta.concrete_fields
        if is_text(f) and f.name not in {"organisation"} and not f.primary_key
    }
    peer = people.create_peer(
        membership=cast.cleo,
        fields=fields,
        needs=["housing", "mental_health"],
        contact_methods=[{"channel": "text", "detail": f"07700 900{n:03}", "is_safe": True}],
    )
    people.assign(
        peer=peer,
        worker=cast.pat,
        by=cast.cleo,
        kind="peer_support",
        starts_on=timezone.localdate() - timedelta(days=40),
        reason=f"reason-{n}-secret",
    )
    people.assign(peer=peer, worker=cast.stef, by=cast.cleo, kind="case_management", reason="second")
    diary.plan_meeting(
        assignment=peer.assignments.get(worker=cast.pat),
        by=cast.pat,
        plan=diary.Plan(starts_at=timezone.now() + timedelta(days=1), place=f"place-{n}-secret", note=f"note-{n}"),
    )
    record_consent(
        peer=peer,
        by=cast.cleo,
        text=ConsentText.objects.get(language="en"),
        agreed=[Purpose.TAKE_PART, Purpose.STORE_DATA, Purpose.REPORTS, Purpose.SHARE_WITH_PARTNERS],
        limits_explained_by=cast.cleo,
        limits_explained_at=timezone.now() - timedelta(days=3),
        partners=Partner.objects.filter(organisation=peer.organisation),
    )
    _contacts_with(cast, peer, n)
    _supervision_of(cast, peer, n)
    return peer


def _contacts_with(cast, peer, n: int) -> None:
    """A contact with everything filled in, a draft and a drifting-away mark."""
    from contacts import services as contacts
    from contacts.models import GoodsKind

    assignment = Assignment.objects.get(peer=peer, worker=cast.pat)
    kind = GoodsKind.objects.get_or_create(organisation=cast.riverside, name="Food parcel")[0]
    entry = contacts.Entry(
        how="phone", minutes=30, kind="emotional", needs=("housing",), goods={kind.pk: 2}, note=f"note-{n}-secret"
    )
    contacts.log_contact(by=cast.pat, assignment=assignment, entry=entry)
    contacts.save_draft(member=cast.pat, assignment=assignment, fields={"note": f"draft-{n}-secret"})
    contacts.mark_engagement(by=cast.pat, assignment=assignment, status="drifted")


def _supervision_of(cast, peer, n: int) -> None:
    """pat's supervisor walks through pat's caseload, with a line about this peer."""
    from supervision import services as supervision
    from supervision.choices import Approach, Arranged, Format

    facts = supervision.Facts(Format.ONE_TO_ONE, Arranged.PLANNED, Approach.PEER, timezone.localdate(), 60)
    said = supervision.WhatWasSaid(notes="—", caseload={peer.pk: f"supervision-{n}-secret"})
    supervision.record_session(
        by=cast.sina, supporters=[cast.pat_profile], facts=facts, said={cast.pat_profile.pk: said}
    )


def said_to_the_month(value) -> bool:
    if isinstance(value, datetime):
        return value == month_of(value)
    return value.day == 1


def what_is_left(peer) -> list[str]:
    """Every way the erased ``peer``'s rows still hold something that is not for the counts."""
    left = []
    for row in rows_about(Peer.objects.get(pk=peer.pk)):
        model = type(row)
        kept = KEPT_FOR_COUNTS.get(label(model), set())
        for field in model._meta.concrete_fields:
            name, value = f"{label(model)}.{field.name}", getattr(row, field.attname)
            if field.primary_key or field.name in KEPT_LINKS or field.name in kept:
                continue
            if (
                is_text(field)
                and value not in ("", [], {}, None)
                and not (field.name == "chosen_name" and value == ERASED_NAME)
            ):
                left.append(f"{name} = {value!r}")
            elif isinstance(field, models.ForeignKey) and value is not None:
                left.append(f"{name} points to someone")
            elif isinstance(field, models.DateField) and value is not None and not said_to_the_month(value):
                left.append(f"{name} = {value} (more than its month)")
        for m2m in model._meta.many_to_many:
            if getattr(row, m2m.name).exists():
                left.append(f"{label(model)}.{m2m.name} still names some")
    return left


def test_an_erased_record_keeps_nothing_but_what_the_counts_need(cast, client_for):
    with organisation_scope(cast.riverside):
        peer = a_peer_with_everything(cast)
        assert what_is_left(peer), "the check must see a filled-in record"

    response = client_for("cleo").post(f"/peers/{peer.pk}/erase/", {"confirm": "erase"})

    assert response.status_code == 302
    with organisation_scope(cast.riverside):
        assert what_is_left(peer) == []
        assert not ContactMethod.objects.filter(peer=peer).exists()
        erased = Peer.objects.get(pk=peer.pk)
        assert erased.is_erased and erased.chosen_name == ERASED_NAME


def test_what_the_counts_need_is_still_there_and_the_figures_add_up(cast, client_for):
    with organisation_scope(cast.riverside):
        peer = a_peer_with_everything(cast)
        before = peer_figures()
    client_for("cleo").post(f"/peers/{peer.pk}/erase/", {"confirm": "erase"})
    with organisation_scope(cast.riverside):
        erased = Peer.objects.get(pk=peer.pk)
        for name in KEPT_FOR_COUNTS["people.Peer"]:
            assert getattr(erased, name) not in ("", []), name
        assert sorted(Need.objects.filter(peer=peer).values_list("domain", flat=True)) == ["housing", "mental_health"]
        assert sorted(Assignment.objects.filter(peer=peer).values_list("kind", flat=True)) == [
            "case_management",
            "peer_support",
        ]
        assert ConsentRecord.objects.filter(peer=peer, reports=True, share_with_partners=True).exists()
        after = peer_figures()
    for key in ("by_need", "by_primary_need", "by_age"):
        assert [f.count for f in after[key]] == [f.count for f in before[key]], key
    assert after["total"].count == before["total"].count


def test_an_erased_peer_no_longer_fills_anyones_caseload_or_the_dashboard(cast):
    with organisation_scope(cast.riverside):
        peer = a_peer_with_everything(cast)
        loads = current_caseloads()
        tiles = {t.label: t.value for t in dashboard_for(cast.cleo).tiles}

        erase_peer(peer, by=cast.cleo)
        after = current_caseloads()
        tiles_after = {t.label: t.value for t in dashboard_for(cast.cleo).tiles}
    assert after.get(cast.pat.pk, 0) == loads[cast.pat.pk] - 1
    assert after.get(cast.stef.pk, 0) == loads[cast.stef.pk] - 1
    assert None not in after
    assert tiles_after["Peers"] == tiles["Peers"] - 1


@pytest.mark.parametrize("days_ago", [0, 40, 400])
def test_dates_are_kept_to_the_month(cast, days_ago):
    with organisation_scope(cast.riverside):
        peer = a_peer_with_everything(cast)
        Peer.objects.filter(pk=peer.pk).update(created_at=timezone.now() - timedelta(days=days_ago))

        erase_peer(peer, by=cast.cleo)
        erased = Peer.objects.get(pk=peer.pk)
        registered = timezone.localtime(timezone.now() - timedelta(days=days_ago))
    assert timezone.localtime(erased.created_at).date() == registered.date().replace(day=1)
    assert erased.created_at == month_of(erased.created_at) and erased.updated_at == month_of(erased.updated_at)
