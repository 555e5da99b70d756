"""Sensitive text is unreadable in the database and survives a key rotation."""

import json

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from encryption.fields import EncryptedJSONField, decrypt, encrypt, encrypted_fields
from organisations.tenancy import all_organisations, organisation_scope
from people.models import Peer
from people.services import replace_contact_methods

SECRET = "She is staying at her aunt's flat above the bakery on Mill Street."


def raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def test_the_raw_database_column_does_not_hold_the_plaintext(cast):
    with organisation_scope(cast.riverside):
        peer = cast.amara
        peer.safety_notes = SECRET
        peer.code_word = "sunflower"
        peer.save()
        replace_contact_methods(peer, [{"channel": "text", "detail": "07700 900123", "is_safe": True}])
        assert Peer.objects.get(pk=peer.pk).safety_notes == SECRET

    stored = raw("SELECT safety_notes FROM people_peer WHERE id = %s", [peer.pk])
    assert SECRET not in stored and "Mill Street" not in stored
    assert stored.startswith("gAAAA")  # a Fernet token
    assert "sunflower" not in raw("SELECT code_word FROM people_peer WHERE id = %s", [peer.pk])
    assert "900123" not in raw("SELECT detail FROM people_contactmethod WHERE peer_id = %s", [peer.pk])


# The encrypted columns we know of. The registry may hold more (a new one is checked below without
# being listed here); it may never hold fewer: a field turned back into plain text fails here.
KNOWN_ENCRYPTED = {
    "people.Peer.country_of_origin",
    "people.Peer.safe_times",
    "people.Peer.code_word",
    "people.Peer.safety_notes",
    "people.Peer.needs_notes",
    "people.Peer.supporter_culture",
    "people.ContactMethod.detail",
    "people.Assignment.reason",
    "people.Peer.pronouns",
    "people.Peer.gender_in_own_words",
    "people.PeerSupporter.lived_experience",
    "people.PeerSupporter.availability",
    "agreements.SupportAgreement.contact_notes",
    "agreements.SupportAgreement.contact_hours",
    "agreements.SupportAgreement.out_of_hours",
    "agreements.SupportAgreement.sharing_notes",
    "agreements.SupportAgreement.crisis_contact",
    "agreements.SupportAgreement.other_notes",
    # A peer supporter's own wellbeing: their words, and their check-in's answers and score.
    "wellbeing.SelfCarePlan.what_helps",
    "wellbeing.SelfCarePlan.early_signs",
    "wellbeing.SelfCarePlan.who_i_turn_to",
    "wellbeing.CheckIn.answers",
    "wellbeing.CheckIn.score",
    "wellbeing.CheckIn.for_supervisor",
    "wellbeing.HardMoment.words",
    "wellbeing.DirectoryEntry.glad_to_talk_about",
}


def _registered():
    return [(model, field) for model, field in encrypted_fields()]


def test_every_known_encrypted_column_is_in_the_registry():
    registered = {f"{model._meta.label}.{field.name}" for model, field in _registered()}
    assert registered >= KNOWN_ENCRYPTED, f"no longer encrypted: {sorted(KNOWN_ENCRYPTED - registered)}"


def _a_row_of(model):
    """A row of ``model`` from the cast; a model with encrypted fields and no row in the cast fails here."""
    row = model.objects.order_by("pk").first()
    assert row is not None, f"give the cast a {model.__name__}, so its encrypted columns are checked"
    return row


def test_every_registered_encrypted_column_holds_a_fernet_token_never_the_text(cast_with_support_rows):
    cast = cast_with_support_rows
    with organisation_scope(cast.riverside):
        replace_contact_methods(cast.amara, [{"channel": "text", "detail": "07700 900123", "is_safe": True}])
    checked, plain = [], []
    with all_organisations():
        for number, (model, field) in enumerate(_registered()):
            row = _a_row_of(model)
            secret = f"Mill Street {number:02d}"
            # A JSON column holds a list of words; its token decrypts to that list written as JSON.
            value = [secret] if isinstance(field, EncryptedJSONField) else secret
            # Through the field, as save() would (a recorded agreement's save() refuses: versions are frozen).
            model.objects.filter(pk=row.pk).update(**{field.attname: value})

            table, quote = model._meta.db_table, connection.ops.quote_name
            stored = raw(
                f"SELECT {quote(field.column)} FROM {quote(table)} WHERE {quote(model._meta.pk.column)} = %s",
                [row.pk],
            )
            label = f"{model._meta.label}.{field.name}"
            written = json.dumps(value) if isinstance(field, EncryptedJSONField) else value
            if "Mill Street" in stored or not stored.startswith("gAAAA") or decrypt(stored) != written:
                plain.append(label)
            assert getattr(model.objects.get(pk=row.pk), field.attname) == value, f"{label} does not read back"
            checked.append(label)
    assert not plain, f"stored without encryption: {plain}"
    assert set(checked) >= KNOWN_ENCRYPTED


def test_rotating_to_a_new_key_re_encrypts_everything(cast, settings):
    old_keys = list(settings.ENCRYPTION_KEYS)
    with organisation_scope(cast.riverside):
        cast.amara.safety_notes = SECRET
        cast.amara.save()
    before = raw("SELECT safety_notes FROM people_peer WHERE id = %s", [cast.amara.pk])

    new_key = Fernet.generate_key().decode()
    with override_settings(ENCRYPTION_KEYS=[new_key, *old_keys]):
        call_command("rotate_encryption_key", verbosity=0)
    after = raw("SELECT safety_notes FROM people_peer WHERE id = %s", [cast.amara.pk])
    assert after != before

    # With only the new key left, everything still reads.
    with override_settings(ENCRYPTION_KEYS=[new_key]), organisation_scope(cast.riverside):
        assert Peer.objects.get(pk=cast.amara.pk).safety_notes == SECRET
    # And the old key alone can no longer read it.
    with pytest.raises(InvalidToken):
        Fernet(old_keys[0].encode()).decrypt(after.encode())


def test_totp_secrets_are_encrypted_too(cast):
    from allauth.mfa.models import Authenticator

    authenticator = Authenticator.objects.filter(user=cast.user("pat")).first()
    stored = raw("SELECT data FROM mfa_authenticator WHERE id = %s", [authenticator.pk])
    from conftest import TOTP_SECRET

    assert TOTP_SECRET not in str(stored)


def test_changing_the_keys_setting_takes_effect_at_once(cast):
    new_key = Fernet.generate_key().decode()
    with override_settings(ENCRYPTION_KEYS=[new_key]):
        token = encrypt("sunflower")
    assert Fernet(new_key.encode()).decrypt(token.encode()) == b"sunflower"


def test_an_empty_value_stays_empty_in_the_database(cast):
    with organisation_scope(cast.riverside):
        cast.amara.safety_notes = ""
        cast.amara.save()
    assert raw("SELECT safety_notes FROM people_peer WHERE id = %s", [cast.amara.pk]) == ""


def test_an_encrypted_short_text_keeps_its_length_label_and_widget_for_forms():
    from django import forms

    from people.models import ContactMethod

    field = ContactMethod._meta.get_field("detail")
    assert str(field.verbose_name) == "number, address or handle"
    form_field = field.formfield()
    assert form_field.max_length == 200 and isinstance(form_field.widget, forms.TextInput)
    assert field.deconstruct()[3]["max_length"] == 200  # migrations keep the limit
    assert "max_length" not in Peer._meta.get_field("safety_notes").deconstruct()[3]
