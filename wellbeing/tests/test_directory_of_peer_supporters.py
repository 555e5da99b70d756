"""The directory of peer supporters across the organisations on one installation: nobody is in it
unless they join; it shows name, organisation, languages and what they are glad to talk about; it
carries no peer data at all; leaving takes them out at once."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from organisations.tenancy import all_organisations, organisation_scope
from wellbeing import services
from wellbeing.models import DirectoryEntry

pytestmark = pytest.mark.django_db

# What an entry may hold: who it is (the membership, and so their name, organisation and languages)
# and what they chose to say. Anything else, and above all anything pointing at a peer, fails here.
ALLOWED_FIELDS = {"id", "organisation", "member", "glad_to_talk_about", "joined_at"}
PEER_MODELS = {"people.Peer", "people.Assignment", "contacts.Contact", "safeguarding.Concern"}


def test_an_entry_holds_no_peer_data_by_its_fields():
    fields = {f.name for f in DirectoryEntry._meta.get_fields()}
    assert fields == ALLOWED_FIELDS, "a new field in the directory: is it about a peer? It must not be."
    for field in DirectoryEntry._meta.get_fields():
        if field.is_relation:
            assert field.related_model._meta.label in {"organisations.Organisation", "organisations.Membership"}


def test_nothing_reaches_a_peer_from_an_entry():
    """The models an entry leads to (membership, organisation) lead to no peer row by a forward key."""
    for label in ("organisations.Membership", "organisations.Organisation"):
        model = apps.get_model(label)
        forward = [f for f in model._meta.get_fields() if isinstance(f, models.ForeignKey | models.OneToOneField)]
        assert not {f.related_model._meta.label for f in forward if f.concrete} & PEER_MODELS


def test_nobody_is_listed_until_they_join(cast, client_for):
    body = client_for("pat").get("/wellbeing/directory/").content.decode()
    assert "Nobody is in the directory yet." in body


def test_joining_lists_them_across_organisations_and_leaving_takes_them_out(cast, client_for):
    client = client_for("hana")
    client.post("/wellbeing/directory/join/", {"glad_to_talk_about": "Keeping boundaries by text"})
    with organisation_scope(cast.riverside):
        cast.pat_profile.languages = ["en", "fr"]
        cast.pat_profile.save()
    client = client_for("pat")
    client.post("/wellbeing/directory/join/", {"glad_to_talk_about": "Starting out"})
    body = client.get("/wellbeing/directory/").content.decode()
    assert "Hana" in body and "Harbour" in body and "Keeping boundaries by text" in body
    assert "Pat" in body and "French" in body
    # Nothing of the peers they support.
    for peer in ("Amara", "Zed"):
        assert peer not in body
    client_for("hana").post("/wellbeing/directory/leave/")
    body = client_for("pat").get("/wellbeing/directory/").content.decode()
    assert "Hana" not in body and "Keeping boundaries by text" not in body
    with all_organisations():
        assert not DirectoryEntry.objects.filter(member=cast.hana).exists()


def test_only_peer_supporters_use_it(cast, client_for):
    for who in ("sina", "cleo", "eve", "stef"):
        assert client_for(who).get("/wellbeing/directory/").status_code == 404
    with organisation_scope(cast.riverside), pytest.raises(services.WellbeingError):
        services.join_directory(cast.sina, glad_to_talk_about="")
