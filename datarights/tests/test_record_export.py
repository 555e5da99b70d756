"""A peer's copy of their record holds every field we keep about them, as they would read it.

The fields are taken from the model, so a field added to ``Peer`` must appear in the export too.
"""

from datetime import date, timedelta

from django.db import models
from django.utils import timezone

from audit.log import audit
from audit.models import Action
from consent.models import ConsentText, Purpose
from consent.services import record_consent, withdraw_consent
from datarights.services import export_peer_record, peer_record
from organisations.models import Partner
from people.choices import SupportMode
from people.models import Assignment, AssignmentKind, ContactMethod, Peer
from people.services import replace_contact_methods, set_needs

# Bookkeeping, not something the peer told us.
NOT_ABOUT_THEM = {"id", "organisation", "created_by", "updated_at", "erased_at", "chosen_name", "created_at"}


def _leaves(data) -> list:
    if isinstance(data, dict):
        return [leaf for value in data.values() for leaf in _leaves(value)]
    if isinstance(data, list):
        return [leaf for value in data for leaf in _leaves(value)]
    return [data]


def _fill_every_field(peer: Peer) -> dict[str, object]:
    """Give every field a value; return what each must read as in the export."""
    expected: dict[str, object] = {}
    for field in Peer._meta.concrete_fields:
        if field.name in NOT_ABOUT_THEM:
            continue
        if field.choices:
            value, label = [(v, label) for v, label in field.choices if v][-1]
            setattr(peer, field.attname, value)
            expected[field.name] = {"value": value, "label": str(label)}
        elif field.name == "languages":
            peer.languages = ["fr", "es"]
            expected[field.name] = ["French", "Spanish"]
        elif field.name == "support_modes":
            peer.support_modes = [SupportMode.ONLINE, "no-longer-offered"]
            expected[field.name] = ["Online"]
        elif isinstance(field, models.CharField | models.TextField):
            text = f"{field.name} value"[: field.max_length or 80]
            setattr(peer, field.attname, text)
            expected[field.name] = text
        else:
            raise AssertionError(f"teach this test how to fill Peer.{field.name}")
    peer.save()
    return expected


def test_every_field_we_keep_about_a_peer_is_in_their_record(in_riverside):
    cast = in_riverside
    expected = _fill_every_field(cast.amara)
    record = peer_record(Peer.objects.get(pk=cast.amara.pk))
    sections = {key: value for part in record.values() if isinstance(part, dict) for key, value in part.items()}
    leaves = _leaves(record)
    for name, value in expected.items():
        if isinstance(value, list):
            assert value in sections.values(), f"{name} is missing from the record"
        else:
            assert value in sections.values() or value in leaves, f"{name} is missing from the record"
    assert record["about"]["chosen_name"] == "Amara"
    assert record["about"]["registered_on"] == cast.amara.created_at.isoformat()


def test_an_unanswered_choice_reads_as_nothing(in_riverside):
    record = peer_record(in_riverside.dee)
    assert record["about"]["age_band"] is None and record["preferences"]["main_need"] is None


def test_the_record_lists_their_contacts_needs_consents_workers_and_who_opened_it(in_riverside):
    cast = in_riverside
    amara = cast.amara
    set_needs(amara, ["housing"])
    replace_contact_methods(amara, [{"channel": "text", "detail": "07700 900123", "is_safe": True}])
    partner = Partner.objects.get(organisation=cast.riverside)
    explained = timezone.now() - timedelta(hours=2)
    record_consent(
        peer=amara,
        by=cast.cleo,
        text=ConsentText.objects.get(language="en"),
        agreed=[Purpose.TAKE_PART, Purpose.SHARE_WITH_PARTNERS],
        limits_explained_by=cast.pat,
        limits_explained_at=explained,
        partners=[partner],
    )
    withdrawn = withdraw_consent(peer=amara, by=cast.cleo)
    Assignment.objects.filter(peer=amara).update(starts_on=date(2026, 1, 5), ends_on=date(2026, 6, 30), reason="Asked")
    audit(cast.user("sina"), Action.VIEW, amara)

    record = export_peer_record(amara, by=cast.cleo, fmt="json")

    assert record["safety_and_contact"]["contact_methods"] == [
        {
            "channel": "Text message",
            "detail": "07700 900123",
            "safe_to_use": True,
            "leave_a_message": str(ContactMethod(leave_message="unknown").get_leave_message_display()),
        }
    ]
    assert record["needs"]["areas"] == ["Housing"]
    (consent,) = record["consent"]
    assert consent == {
        "text": {"title": "Taking part", "version": 1, "language": "en", "body": "Words."},
        "given_on": withdrawn.given_at.isoformat(),
        "agreed": {
            "take_part": True,
            "store_data": False,
            "share_with_partners": True,
            "follow_up": False,
            "stories": False,
            "reports": False,
        },
        "named_partners": [partner.name],
        "limits_explained_by": str(cast.user("pat")),
        "limits_explained_on": explained.isoformat(),
        "withdrawn_on": withdrawn.withdrawn_at.isoformat(),
        "superseded_on": None,
    }
    assert record["who_works_with_them"] == [
        {
            "with": str(cast.user("pat")),
            "kind": str(AssignmentKind.PEER_SUPPORT.label),
            "from": "2026-01-05",
            "until": "2026-06-30",
            "reason": "Asked",
        }
    ]
    opened = record["who_opened_the_record"]
    assert {"who": str(cast.user("sina")), "what": "Opened"} in [{"who": o["who"], "what": o["what"]} for o in opened]
    assert all(o["when"] for o in opened)


def test_the_record_is_laid_out_as_its_readers_expect(in_riverside):
    """The download's layout is what a peer (or their advocate, or another service) reads: fixed."""
    cast = in_riverside
    audit(cast.user("cleo"), Action.VIEW, cast.amara)
    record = peer_record(cast.amara)
    layout = {key: sorted(value) if isinstance(value, dict) else type(value).__name__ for key, value in record.items()}
    assert layout == {
        "about": [
            "age_band",
            "chosen_name",
            "country_of_origin",
            "gender",
            "gender_in_own_words",
            "languages",
            "pronouns",
            "registered_on",
        ],
        "safety_and_contact": ["code_word", "contact_methods", "safe_times", "safety_notes"],
        "needs": ["areas", "notes"],
        "preferences": [
            "how_often",
            "main_need",
            "one_to_one_or_group",
            "supporter_culture",
            "supporter_gender",
            "supporter_language",
            "ways_of_meeting",
        ],
        "consent": "list",
        "who_works_with_them": "list",
        "offers_of_a_peer_supporter": "list",
        "finding_a_peer_supporter": [
            "places_to_keep_away_from",
            "supporter_age",
            "times_free",
            "what_matters_most",
            "would_rather_have_staff",
        ],
        "support_agreements": "list",
        "intake": ["how_they_arrived", "intake_conversations", "waiting"],
        "meetings_and_appointments": "list",
        "plan_and_goals": "list",
        "contacts": "list",
        "endings_and_cover": ["cover_while_their_peer_supporter_was_away", "endings"],
        "safeguarding": ["aggression_recorded", "concerns", "staff_safety_flags", "visits"],
        "referrals": "list",
        "noted_in_supervision": "list",
        "who_opened_the_record": "list",
    }
    assert sorted(record["who_opened_the_record"][0]) == ["what", "when", "who"]


def test_who_opened_the_record_is_about_this_record_only(in_riverside):
    cast = in_riverside
    amara = cast.amara
    audit(cast.user("sina"), Action.VIEW, amara)
    audit(None, Action.VIEW, amara)  # a system job, nobody signed in
    audit(cast.user("cleo"), Action.VIEW, cast.bea)  # another peer
    audit(cast.user("ada"), Action.UPDATE, organisation=cast.riverside, record_type="assignment", record_id=amara.pk)
    opened = [(o["who"], o["what"]) for o in peer_record(amara)["who_opened_the_record"]]
    assert sorted(opened, key=str) == sorted([(str(cast.user("sina")), "Opened"), (None, "Opened")], key=str)


def test_a_replaced_consent_says_when_it_was_replaced(in_riverside):
    cast = in_riverside
    for purposes in ([Purpose.TAKE_PART], [Purpose.TAKE_PART, Purpose.REPORTS]):
        record_consent(
            peer=cast.amara,
            by=cast.cleo,
            text=ConsentText.objects.get(language="en"),
            agreed=purposes,
            limits_explained_by=cast.cleo,
            limits_explained_at=timezone.now(),
        )
    first, second = peer_record(cast.amara)["consent"]
    assert first["superseded_on"] is not None and second["superseded_on"] is None
