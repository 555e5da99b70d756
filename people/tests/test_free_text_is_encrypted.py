"""Free text about a person's experience, identity or whereabouts is encrypted in the database.

Every other text column of the models holding person data is listed in ARCHITECTURE.md with the reason
it is plain, so a new plain column fails here until someone decides and writes down why.
"""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor

from encryption.fields import EncryptedTextField, decrypt
from organisations.tenancy import organisation_scope
from people.models import Peer, PeerSupporter

PERSON_DATA_APPS = (
    "people", "consent", "agreements", "intake", "matching", "diary", "goals", "contacts", "safeguarding", "referrals",
    "recruitment",
    "training",
)  # fmt: skip
PERSON_DATA_MODELS = [("accounts", "user")]


def raw(table: str, column: str, pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {connection.ops.quote_name(column)} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_a_supporters_lived_experience_and_availability_are_stored_encrypted_and_the_form_still_works(cast, client_for):
    response = client_for("cleo").post(
        f"/supporters/{cast.pat_profile.pk}/edit/",
        {
            "lived_experience": ["trafficking", "substance_use"],
            "languages": ["ro"],
            "availability": "Tuesday evenings near the Mill Road shelter",
            "capacity": "4",
            "employment": "paid",
            "stage": "recruited",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    for column in ("lived_experience", "availability"):
        stored = raw("people_peersupporter", column, cast.pat_profile.pk)
        assert "trafficking" not in stored and "Mill Road" not in stored
        decrypt(stored)
    with organisation_scope(cast.riverside):
        supporter = PeerSupporter.objects.get(pk=cast.pat_profile.pk)
    assert supporter.lived_experience == ["trafficking", "substance_use"]
    assert supporter.availability == "Tuesday evenings near the Mill Road shelter"
    form = client_for("cleo").get(f"/supporters/{cast.pat_profile.pk}/edit/").content.decode()
    assert re.search(r'value="trafficking"[^>]*checked', form)
    page = client_for("cleo").get(f"/supporters/{cast.pat_profile.pk}/").content.decode()
    assert "Mill Road shelter" in page


def test_no_lived_experience_is_stored_as_nothing_and_read_as_an_empty_list(in_riverside):
    cast = in_riverside
    PeerSupporter.objects.filter(pk=cast.quinn_profile.pk).update(lived_experience=[])
    assert raw("people_peersupporter", "lived_experience", cast.quinn_profile.pk) == ""
    assert PeerSupporter.objects.get(pk=cast.quinn_profile.pk).lived_experience == []


def test_a_peers_gender_in_their_own_words_and_pronouns_are_stored_encrypted(in_riverside):
    cast = in_riverside
    Peer.objects.filter(pk=cast.amara.pk).update(
        gender="self_described", gender_in_own_words="two-spirit", pronouns="ze/zir"
    )
    for column in ("gender_in_own_words", "pronouns"):
        stored = raw("people_peer", column, cast.amara.pk)
        assert "two-spirit" not in stored and "ze/zir" not in stored
    peer = Peer.objects.get(pk=cast.amara.pk)
    assert (peer.gender_in_own_words, peer.pronouns) == ("two-spirit", "ze/zir")


def _plain_text_columns():
    chosen = [m for m in apps.get_models() if m._meta.app_label in PERSON_DATA_APPS]
    chosen += [apps.get_model(*name) for name in PERSON_DATA_MODELS]
    for model in chosen:
        for field in model._meta.concrete_fields:
            is_text = isinstance(field, models.CharField | models.TextField | models.JSONField)
            if is_text and not isinstance(field, EncryptedTextField) and not field.choices:
                yield f"{model._meta.app_label}.{model.__name__}.{field.name}"


def _documented_plain_columns() -> set[str]:
    text = Path(settings.BASE_DIR, "ARCHITECTURE.md").read_text()
    section = text.split("## Columns that are not encrypted", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([\w.]+)` \|", section, re.M))


def test_every_plain_text_column_of_person_data_is_listed_with_its_reason():
    plain = set(_plain_text_columns())
    documented = _documented_plain_columns()
    assert plain - documented == set(), "encrypt these, or say in ARCHITECTURE.md why they are plain"
    assert documented - plain == set(), "ARCHITECTURE.md lists columns that are encrypted or gone"


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_what_was_stored_plain():
    executor = MigrationExecutor(connection)
    before, after = [("people", "0002_assignment_end_date_message")], [("people", "0004_encrypt_existing_free_text")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    with _everything():
        org = old.get_model("organisations", "Organisation").objects.create(name="Old", slug="old")
        user = old.get_model("accounts", "User").objects.create(email="old@example.test", display_name="Old")
        member = old.get_model("organisations", "Membership").objects.create(
            user=user, organisation=org, role="peer_supporter"
        )
        peer = old.get_model("people", "Peer").objects.create(
            organisation=org, chosen_name="Olga", pronouns="she/her", gender_in_own_words="femme"
        )
        supporter = old.get_model("people", "PeerSupporter").objects.create(
            organisation=org,
            membership=member,
            employment="paid",
            lived_experience=["homelessness"],
            availability="Fridays",
        )
        empty = old.get_model("people", "PeerSupporter").objects.create(
            organisation=org,
            membership=old.get_model("organisations", "Membership").objects.create(
                user=old.get_model("accounts", "User").objects.create(email="o2@example.test", display_name="O2"),
                organisation=org,
                role="peer_supporter",
            ),
            employment="paid",
        )

    executor = MigrationExecutor(connection)
    executor.migrate(after)

    for table, column, pk, plain in [
        ("people_peer", "pronouns", peer.pk, "she/her"),
        ("people_peer", "gender_in_own_words", peer.pk, "femme"),
        ("people_peersupporter", "availability", supporter.pk, "Fridays"),
        ("people_peersupporter", "lived_experience", supporter.pk, '["homelessness"]'),
    ]:
        stored = raw(table, column, pk)
        assert plain not in stored and decrypt(stored) == plain
    assert raw("people_peersupporter", "lived_experience", empty.pk) == ""
    with _everything():
        # Only this column: later migrations add others that are not there yet.
        stored = PeerSupporter.objects.filter(pk=supporter.pk).values_list("lived_experience", flat=True)
        assert list(stored) == [["homelessness"]]

    # And back: the old columns hold the plain text again.
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    assert raw("people_peersupporter", "availability", supporter.pk) == "Fridays"
    assert raw("people_peer", "gender_in_own_words", peer.pk) == "femme"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def _everything():
    from organisations.tenancy import all_organisations

    return all_organisations()
