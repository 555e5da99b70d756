"""In the demo, `rotate_encryption_key --new-key` makes the key, puts it first in the key file and
re-encrypts under it; in production it refuses and says what to do instead."""

from io import StringIO

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection

from organisations.tenancy import organisation_scope


def test_in_the_demo_a_new_key_goes_first_in_the_key_file_and_everything_is_under_it(cast, settings, tmp_path):
    old_keys = list(settings.ENCRYPTION_KEYS)
    settings.ENCRYPTION_KEY_FILE = tmp_path / "encryption-keys"
    with organisation_scope(cast.riverside):
        cast.amara.safety_notes = "Leaves by the back door"
        cast.amara.save()
    out = StringIO()

    call_command("rotate_encryption_key", new_key=True, stdout=out)

    keys = settings.ENCRYPTION_KEY_FILE.read_text().split()
    assert len(keys) == len(old_keys) + 1 and keys[1:] == old_keys
    with connection.cursor() as cursor:
        cursor.execute("SELECT safety_notes FROM people_peer WHERE id = %s", [cast.amara.pk])
        token = cursor.fetchone()[0]
    assert Fernet(keys[0].encode()).decrypt(token.encode()).decode() == "Leaves by the back door"
    assert f"New key written first in {settings.ENCRYPTION_KEY_FILE}." in out.getvalue()


def test_in_production_a_new_key_is_refused_with_what_to_do(cast, settings, tmp_path):
    settings.RELAXED = False
    settings.ENCRYPTION_KEY_FILE = tmp_path / "encryption-keys"
    with pytest.raises(CommandError, match="put the new key first in ALONGSIDE_ENCRYPTION_KEYS"):
        call_command("rotate_encryption_key", new_key=True)
    assert not settings.ENCRYPTION_KEY_FILE.exists()
