"""The README's rotation: a new key first, run rotate_encryption_key, drop the old key. Pat (a peer
supporter with an authenticator and recovery codes) still signs in, with a code and with a recovery
code, through the real sign-in pages, and the two-step page still opens."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import call_command
from django.test import Client, override_settings

from accounts.adapter import MFA_SECRETS
from encryption.registry import encrypted_values

from .signing_in import sign_in, signed_in_as


@pytest.fixture
def rotated(cast, settings):
    """Pat's recovery codes, after rotating to a new key and dropping the old one."""
    codes = RecoveryCodes.activate(cast.user("pat")).get_unused_codes()
    old_keys = list(settings.ENCRYPTION_KEYS)
    new_key = Fernet.generate_key().decode()
    with override_settings(ENCRYPTION_KEYS=[new_key, *old_keys]):
        call_command("rotate_encryption_key", verbosity=0)
    with override_settings(ENCRYPTION_KEYS=[new_key]):
        yield {"codes": codes, "old": old_keys, "new": new_key}


def test_signing_in_with_a_code_after_the_old_key_is_dropped(cast, rotated):
    client = Client()
    response = sign_in(client, "pat@riverside.test")
    assert response.status_code == 302 and signed_in_as(client) == cast.user("pat")
    assert client.get("/peers/").status_code == 200
    assert client.get("/accounts/2fa/").status_code == 200


def test_signing_in_with_a_recovery_code_after_the_old_key_is_dropped(cast, rotated):
    client = Client()
    response = sign_in(client, "pat@riverside.test", code=rotated["codes"][0])
    assert response.status_code == 302 and signed_in_as(client) == cast.user("pat")


def test_every_value_in_the_registry_reads_with_the_new_key_alone(cast, rotated):
    old = Fernet(rotated["old"][0].encode())
    new = Fernet(rotated["new"].encode())
    names = []
    for values in encrypted_values():
        names.append(values.name)
        for token in values.tokens():
            new.decrypt(token.encode())
            with pytest.raises(InvalidToken):
                old.decrypt(token.encode())
    assert MFA_SECRETS.name in names


def test_the_registry_finds_the_secret_and_the_seed(cast):
    RecoveryCodes.activate(cast.user("pat"))
    tokens = list(MFA_SECRETS.tokens())
    totp_count = Authenticator.objects.filter(type=Authenticator.Type.TOTP).count()
    assert len(tokens) == totp_count + 1
    assert all(token.startswith("gAAAA") for token in tokens)
