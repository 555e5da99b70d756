"""Encryption at rest for text that could hurt someone if it leaked.

Values are encrypted with Fernet (AES-128-CBC with HMAC-SHA256) under the keys in
``settings.ENCRYPTION_KEYS``: the first key encrypts, every key decrypts, so keys can be rotated
without downtime (see ``manage.py rotate_encryption_key``). Encrypted columns cannot be searched or
sorted in the database; keep them for text that is read, not queried.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings
from django.core.exceptions import FieldError
from django.core.signals import setting_changed
from django.db import models
from django.db.models.lookups import Exact


@lru_cache(maxsize=1)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    return fernet().decrypt(token.encode()).decode()


def rotate(token: str) -> str:
    """The same plaintext, encrypted again under the newest key."""
    return fernet().rotate(token.encode()).decode()


def _forget_keys(*, setting: str, **kwargs) -> None:
    if setting == "ENCRYPTION_KEYS":
        _fernet.cache_clear()


setting_changed.connect(_forget_keys)


class _EmptyOrNot(Exact):
    """``field=""`` on an encrypted column: whether it is empty, the only question the database can answer."""

    def get_prep_lookup(self):
        prepared = super().get_prep_lookup()
        if prepared not in (None, ""):
            raise _cannot_compare(self.lhs.target, self.lookup_name)
        return prepared


def _cannot_compare(field, lookup: str) -> FieldError:
    return FieldError(
        f"{field.model.__name__}.{field.name} is encrypted: the database holds ciphertext and cannot compare or "
        f"search it ({lookup!r}). Ask only whether it is empty, or read the values and compare them in Python."
    )


class EncryptedTextField(models.TextField):
    """A text field stored encrypted. An empty value stays empty (it tells nothing).

    Every value has its own IV, so the database cannot compare, search or sort them: a lookup other
    than "is it empty" (``isnull``, ``=""``) raises FieldError rather than silently matching nobody.
    """

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        if lookup_name == "exact":
            return _EmptyOrNot
        raise _cannot_compare(self, lookup_name)

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(str(value))


class EncryptedCharField(EncryptedTextField):
    """Encrypted short text: a text column underneath (ciphertext is longer than the input)."""

    def __init__(self, *args, max_length: int | None = None, **kwargs):
        self.input_max_length = max_length
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):  # type: ignore[override]
        from django import forms

        kwargs.setdefault("max_length", self.input_max_length)
        kwargs.setdefault("widget", forms.TextInput)
        return super().formfield(**kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.input_max_length is not None:
            kwargs["max_length"] = self.input_max_length
        return name, path, args, kwargs


class EncryptedJSONField(EncryptedTextField):
    """A JSON value (a list of choices, say) stored encrypted. An empty value is stored empty."""

    # What django-stubs reads as the field's Python type (a JSON value, not the text it is stored as).
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return self.get_default()
        return json.loads(decrypt(value))

    def to_python(self, value):
        if isinstance(value, str):
            try:
                return json.loads(value)
            except ValueError:
                return value
        return value

    def get_prep_value(self, value):
        if value in (None, "", [], {}):
            return ""
        return encrypt(json.dumps(value))

    def value_to_string(self, obj):
        return json.dumps(self.value_from_object(obj))


def encrypted_fields():
    """Every (model, field) pair that is encrypted, for key rotation."""
    from django.apps import apps

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                yield model, field
