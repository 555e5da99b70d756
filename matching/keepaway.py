"""Places and circles to keep away from, compared without storing the words readably.

Each name is normalised (case, accents, punctuation and spacing do not matter: ``core.normalised``)
and hashed with HMAC-SHA256 under a key derived (HKDF) from each encryption key in
``settings.ENCRYPTION_KEYS``. A row keeps one hash per key in use, so two people share a place when
their hash sets meet.

Why the encryption keys and not the secret key: the hashes are as secret as the words (a short
list of local place names could be hashed by anyone holding the key), so they live and rotate with
the keys that protect the words. Rotation: while a new key and the old one are both configured,
a new entry is hashed under both, so it still meets the entries hashed under the old key alone;
``rotate_encryption_key`` remakes every row's hashes from its (encrypted) words under every key in
use (``KEEP_AWAY_DIGESTS``, registered with ``encryption.registry``); once the old key is dropped,
every row holds a hash under the new one. The words themselves are an ``EncryptedCharField``, found
by the registry like every encrypted column.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Iterator
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from encryption.registry import EncryptedValues, Rewrite

from . import core

_INFO = b"alongside matching keep-away v1"


@lru_cache(maxsize=16)
def _hash_key(fernet_key: str) -> bytes:
    raw = base64.urlsafe_b64decode(fernet_key.encode())
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(raw)


def digests(words: str) -> list[str]:
    """The keyed hashes of a place's name, one per encryption key in use (newest first)."""
    phrase = core.normalised(words).encode()
    return [hmac.new(_hash_key(key), phrase, hashlib.sha256).hexdigest() for key in settings.ENCRYPTION_KEYS]


def _no_tokens() -> Iterator[str]:
    return iter(())  # the hashes are not encrypted values: the words are, in their own column


def _remake_every_hash(change: Rewrite) -> int:
    """Hash every row again under the keys in use (rotation calls this after re-encrypting the words)."""
    from organisations.tenancy import all_organisations

    from .models import KeepAway

    with all_organisations():
        rows = list(KeepAway.objects.only("pk", "words", "digests"))
        for row in rows:
            row.digests = digests(row.words)
        KeepAway.objects.bulk_update(rows, ["digests"], batch_size=500)
    return len(rows)


KEEP_AWAY_DIGESTS = EncryptedValues("matching.KeepAway.digests", _no_tokens, _remake_every_hash)
