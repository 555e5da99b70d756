"""Everything encrypted with ``settings.ENCRYPTION_KEYS``, found in one place.

Two kinds of stored value are encrypted with the keys:

- columns declared as ``EncryptedTextField`` / ``EncryptedCharField``: found from the models
  (``encryption.fields.encrypted_fields()``), nothing to register;
- values an app encrypts itself inside a column of another kind (for example the TOTP secrets and
  recovery-code seeds that allauth keeps in ``Authenticator.data`` JSON, encrypted through our MFA
  adapter). The app registers them with ``register()`` from its ``AppConfig.ready()``.

``encrypted_values()`` yields both, so key rotation (``manage.py rotate_encryption_key``) and the tests
that check it cannot miss a value: a new encrypted field is found by its type, and a new kind of
encrypted value must be registered where it is encrypted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import connection

from .fields import encrypted_fields

# Takes a stored token, returns the token to store instead (rotation passes encryption.fields.rotate).
Rewrite = Callable[[str], str]


@dataclass(frozen=True)
class EncryptedValues:
    """One kind of stored encrypted value: how to read every token, and how to rewrite them all."""

    name: str
    tokens: Callable[[], Iterator[str]]
    rewrite: Callable[[Rewrite], int]  # applies the function to every token and saves; returns how many


_registered: dict[str, EncryptedValues] = {}


def register(values: EncryptedValues) -> None:
    _registered[values.name] = values


def _column(model, field) -> EncryptedValues:
    """A column, read and written raw (no model, no decryption: the ciphertext is what is rotated)."""
    quote = connection.ops.quote_name
    table, column, pk = quote(model._meta.db_table), quote(field.column), quote(model._meta.pk.column)

    def rows():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {pk}, {column} FROM {table} WHERE {column} IS NOT NULL AND {column} <> ''")
            return cursor.fetchall()

    def tokens() -> Iterator[str]:
        for _row_id, token in rows():
            yield token

    def rewrite(change: Rewrite) -> int:
        found = rows()
        with connection.cursor() as cursor:
            for row_id, token in found:
                cursor.execute(f"UPDATE {table} SET {column} = %s WHERE {pk} = %s", [change(token), row_id])
        return len(found)

    return EncryptedValues(f"{model._meta.label}.{field.name}", tokens, rewrite)


def encrypted_values() -> Iterator[EncryptedValues]:
    """Every kind of value encrypted with the keys: the encrypted columns, then what apps registered."""
    for model, field in encrypted_fields():
        yield _column(model, field)
    yield from _registered.values()
