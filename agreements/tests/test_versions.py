"""An agreement is recorded in versions: a new one never rewrites an old one, each says who recorded
it and when, and the newest is the one in force. The threshold is frozen the same way."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from agreements import services
from agreements.models import FrozenVersionError, SharingThreshold, SupportAgreement
from audit.models import Action, AuditEvent
from people.models import Assignment

from .helpers import amaras_assignment, form, record, url


def _stored(agreement) -> tuple:
    """The row as it is in the database, every column (encrypted ones as their tokens)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM agreements_supportagreement WHERE id = %s", [agreement.pk])
        return cursor.fetchone()


def test_a_new_version_leaves_every_earlier_one_exactly_as_it_was(in_riverside):
    cast = in_riverside
    first = SupportAgreement.objects.get(peer=cast.amara)
    before = _stored(first)

    second = record(cast, how_often="fortnightly", crisis_contact="The duty line")
    third = record(cast, how_often="monthly", crisis_contact="")

    assert _stored(first) == before
    assert [a.version for a in services.versions(amaras_assignment(cast))] == [3, 2, 1]
    assert services.in_force(amaras_assignment(cast)) == third
    second.refresh_from_db()
    assert (second.how_often, second.crisis_contact) == ("fortnightly", "The duty line")


def test_each_version_says_who_recorded_it_when_and_which_threshold_it_showed(in_riverside):
    cast = in_riverside
    before = timezone.now()
    agreement = record(cast)
    assert agreement.recorded_by == cast.user("pat")
    assert agreement.recorded_at >= before
    assert agreement.threshold == SharingThreshold.objects.get(organisation=cast.riverside, language="en")
    assert AuditEvent.objects.filter(
        actor=cast.user("pat"), action=Action.CREATE, record_type="supportagreement", record_id=str(agreement.pk)
    ).exists()


def test_a_recorded_version_cannot_be_saved_over(in_riverside):
    agreement = SupportAgreement.objects.get(peer=in_riverside.amara)
    agreement.how_often = "monthly"
    with pytest.raises(FrozenVersionError):
        agreement.save()
    agreement.refresh_from_db()
    assert agreement.how_often == "weekly"


def test_a_published_threshold_cannot_be_saved_over(in_riverside):
    threshold = SharingThreshold.objects.get(organisation=in_riverside.riverside, language="en")
    threshold.body = "Everything is shared."
    with pytest.raises(FrozenVersionError):
        threshold.save()


def test_saving_the_form_twice_makes_two_versions_and_keeps_the_first(cast, client_for):
    client = client_for("pat")
    for often in ("fortnightly", "monthly"):
        response = client.post(url(cast, "record"), form(how_often=often))
        assert response.status_code == 302, response.content.decode()[:3000]
    from organisations.tenancy import organisation_scope

    with organisation_scope(cast.riverside):
        rows = list(SupportAgreement.objects.filter(peer=cast.amara).order_by("version"))
    assert [(a.version, a.how_often) for a in rows] == [(1, "weekly"), (2, "fortnightly"), (3, "monthly")]


def test_the_page_shows_an_earlier_version_and_says_it_is_no_longer_in_force(cast, client_for):
    from organisations.tenancy import organisation_scope

    with organisation_scope(cast.riverside):
        record(cast, how_often="monthly")
    client = client_for("cleo")
    latest = client.get(url(cast)).content.decode()
    assert "once a month" in latest and "no longer in force" not in latest
    first = client.get(url(cast) + "?version=1").content.decode()
    assert "once a week" in first and "This is version 1. It is no longer in force." in first
    for hostile in ("9", "0", "-1", "x", "1" * 30, "1\x00"):
        assert client.get(url(cast), {"version": hostile}).status_code == 404, hostile


def test_an_agreement_is_only_made_on_a_peer_support_going_on_now(in_riverside):
    cast = in_riverside
    assignment = amaras_assignment(cast)
    Assignment.objects.filter(pk=assignment.pk).update(
        starts_on=timezone.localdate() - timedelta(days=30), ends_on=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(services.AgreementError):
        record(cast)
    cats = Assignment.objects.get(peer=cast.cat)  # case management, with stef
    with pytest.raises(services.AgreementError):
        record(cast, assignment=cats, by=cast.stef)


def test_only_the_peers_own_supporter_records_it(in_riverside):
    cast = in_riverside
    for someone in (cast.cleo, cast.sina, cast.quinn):
        with pytest.raises(services.AgreementError):
            record(cast, by=someone)
    assert SupportAgreement.objects.filter(peer=cast.amara).count() == 1


def test_the_terms_are_checked_whoever_calls(in_riverside):
    cast = in_riverside
    today = timezone.localdate()
    for wrong in (
        {"channels": ("text",), "never_channels": ("text",)},
        {"channels": ("carrier pigeon",)},
        {"agreed_on": today + timedelta(days=2)},
        {"agreed_on": today, "review_on": today - timedelta(days=1)},
    ):
        with pytest.raises(services.AgreementError):
            record(cast, **wrong)


def test_a_threshold_version_is_published_once_per_language(in_riverside):
    cast = in_riverside
    assert services.next_threshold_version(cast.riverside) == 2
    services.publish_threshold(organisation=cast.riverside, by=cast.ada, version=2, language="en", body="New words.")
    with pytest.raises(services.AgreementError):
        services.publish_threshold(organisation=cast.riverside, by=cast.ada, version=2, language="en", body="Again.")
    assert services.current_threshold(cast.riverside, "en").body == "New words."
    # Version 2 has no French yet: the newest wording is shown rather than an older one.
    assert services.current_threshold(cast.riverside, "fr").version == 2
    assert services.current_threshold(cast.riverside, "\x00" * 50).version == 2
