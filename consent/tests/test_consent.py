"""A peer gives, changes and withdraws consent; what depends on it follows at once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.models import Action, AuditEvent
from consent.models import ConsentRecord, ConsentText, NamedPartner, Purpose
from consent.services import (
    ConsentError,
    consent_in_force,
    has_consent,
    peers_to_contact_for_follow_up,
    record_consent,
    withdraw_consent,
)
from organisations.models import Partner
from organisations.tenancy import all_organisations


def give(cast, peer, *purposes, partners=()):
    return record_consent(
        peer=peer,
        by=cast.pat,
        text=ConsentText.objects.get(language="en"),
        agreed=purposes,
        partners=partners,
        limits_explained_by=cast.pat,
        limits_explained_at=timezone.now(),
    )


def test_withdrawing_consent_stops_follow_up_contact_from_that_moment(in_riverside):
    cast = in_riverside
    give(cast, cast.amara, Purpose.TAKE_PART, Purpose.STORE_DATA, Purpose.FOLLOW_UP)
    give(cast, cast.bea, Purpose.TAKE_PART, Purpose.STORE_DATA, Purpose.FOLLOW_UP)
    assert set(peers_to_contact_for_follow_up()) == {cast.amara, cast.bea}

    withdraw_consent(peer=cast.amara, by=cast.pat)

    assert list(peers_to_contact_for_follow_up()) == [cast.bea]
    assert not has_consent(cast.amara, Purpose.FOLLOW_UP)
    assert not has_consent(cast.amara, Purpose.TAKE_PART)


def test_support_needs_only_taking_part_and_keeping_a_record(in_riverside):
    cast = in_riverside
    record = give(cast, cast.amara, Purpose.TAKE_PART, Purpose.STORE_DATA)
    assert record.covers(Purpose.TAKE_PART)
    for optional in (Purpose.SHARE_WITH_PARTNERS, Purpose.FOLLOW_UP, Purpose.STORIES, Purpose.REPORTS):
        assert not record.covers(optional)
    assert cast.amara not in peers_to_contact_for_follow_up()


def test_a_change_of_mind_keeps_the_history_and_only_the_newest_is_in_force(in_riverside):
    cast = in_riverside
    first = give(cast, cast.amara, Purpose.TAKE_PART, Purpose.STORE_DATA, Purpose.STORIES)
    second = give(cast, cast.amara, Purpose.TAKE_PART, Purpose.STORE_DATA)
    first.refresh_from_db()
    assert first.superseded_at is not None
    assert consent_in_force(cast.amara) == second
    assert not has_consent(cast.amara, Purpose.STORIES)
    assert ConsentRecord.objects.filter(peer=cast.amara).count() == 2


def test_the_text_shown_is_kept_by_version_and_language(in_riverside):
    cast = in_riverside
    french = ConsentText.objects.get(language="fr")
    record = record_consent(
        peer=cast.amara,
        by=cast.pat,
        text=french,
        agreed=[Purpose.TAKE_PART],
        limits_explained_by=cast.sina,
        limits_explained_at=timezone.now() - timedelta(days=1),
    )
    record.refresh_from_db()
    assert (record.text.version, record.text.language) == (1, "fr")
    assert record.limits_explained_by == cast.user("sina")


def test_partners_can_only_be_named_when_sharing_is_agreed(in_riverside):
    cast = in_riverside
    partner = Partner.objects.get(organisation=cast.riverside)
    with pytest.raises(ConsentError):
        give(cast, cast.amara, Purpose.TAKE_PART, partners=[partner])
    record = give(cast, cast.amara, Purpose.TAKE_PART, Purpose.SHARE_WITH_PARTNERS, partners=[partner])
    assert list(record.partners.all()) == [partner]
    assert list(NamedPartner.objects.filter(consentrecord=record).values_list("organisation", flat=True)) == [
        cast.riverside.pk  # the join carries the organisation too, so it can be partitioned by it
    ]


def test_a_partner_of_another_organisation_cannot_be_named(in_riverside):
    cast = in_riverside
    with all_organisations():
        elsewhere = Partner.objects.create(organisation=cast.harbour, name="Harbour's own")
    before = ConsentRecord.objects.count()
    with pytest.raises(ConsentError):
        give(cast, cast.amara, Purpose.TAKE_PART, Purpose.SHARE_WITH_PARTNERS, partners=[elsewhere])
    assert ConsentRecord.objects.count() == before


def test_giving_and_withdrawing_consent_are_audited(in_riverside):
    cast = in_riverside
    give(cast, cast.amara, Purpose.TAKE_PART)
    withdraw_consent(peer=cast.amara, by=cast.pat)
    actions = list(
        AuditEvent.objects.filter(record_type="peer", record_id=str(cast.amara.pk)).values_list("action", flat=True)
    )
    assert Action.CONSENT_GIVEN in actions and Action.CONSENT_WITHDRAWN in actions


def test_the_consent_form_keeps_the_answers_and_says_what_to_fix(cast, client_for):
    client = client_for("pat")
    partner = Partner.objects.get(organisation=cast.riverside)
    response = client.post(
        f"/peers/{cast.amara.pk}/consent/",
        {
            "take_part": "on",
            "follow_up": "on",
            "partners": [partner.pk],
            "limits_explained_by": cast.pat.pk,
            "limits_explained_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tick sharing with partners too" in body
    assert 'name="follow_up" id="id_follow_up" checked' in body  # their answer is kept
    assert not ConsentRecord.objects.with_scopes_disabled().filter(peer=cast.amara).exists()  # nothing half-saved


def test_withdrawal_through_the_page(cast, client_for):
    client = client_for("pat")
    client.post(
        f"/peers/{cast.amara.pk}/consent/",
        {
            "take_part": "on",
            "store_data": "on",
            "follow_up": "on",
            "limits_explained_by": cast.pat.pk,
            "limits_explained_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
    )
    response = client.post(f"/peers/{cast.amara.pk}/consent/withdraw/")
    assert response.status_code == 302
    record = ConsentRecord.objects.with_scopes_disabled().get(peer=cast.amara)
    assert record.withdrawn_at is not None
