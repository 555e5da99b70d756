"""Places to keep away from are compared by keyed hash, and a key rotation never loses a match."""

import re

from cryptography.fernet import Fernet
from django.core.management import call_command
from django.test.utils import override_settings

from matching import rules, services
from matching.keepaway import digests
from matching.models import KeepAway


def test_the_hash_is_keyed_and_ignores_spelling(settings):
    assert digests("Mill Road") == digests("  MILL   road ")
    assert digests("Mill Road") != digests("Mill Lane")
    first = digests("Mill Road")
    with override_settings(ENCRYPTION_KEYS=[Fernet.generate_key().decode()]):
        assert digests("Mill Road") != first  # another key, another hash: no key, no guessing from a list
    assert all(re.fullmatch(r"[0-9a-f]{64}", d) for d in first)


def test_a_place_named_before_and_after_a_new_key_still_matches_through_the_rotation(in_riverside, settings, capsys):
    cast = in_riverside
    old = list(settings.ENCRYPTION_KEYS)
    services.add_keep_away(cast.dee, kind="area", words="Eastgate", by=cast.cleo)
    new = [Fernet.generate_key().decode(), *old]
    with override_settings(ENCRYPTION_KEYS=new):
        # Restarted with the new key first, before rotating: a new entry is hashed under both keys.
        services.add_keep_away(cast.pat_profile, kind="area", words="eastgate", by=cast.cleo)
        assert not rules.may_pair(cast.dee, cast.pat_profile)
        call_command("rotate_encryption_key")
    with override_settings(ENCRYPTION_KEYS=new[:1]):  # the old key dropped
        # Every row holds its hash under the key still in use (the old key's hash is inert once it is gone).
        assert all(digests(row.words)[0] in row.digests for row in KeepAway.objects.all())
        assert not rules.may_pair(cast.dee, cast.pat_profile)
        assert KeepAway.objects.get(peer=cast.dee).words == "Eastgate"
