"""Encrypting a backup as a stream: AES-256-GCM in chunks (the STREAM construction).

The file starts with ``MAGIC`` and a random 7-byte nonce prefix; then chunks, each a 4-byte length
and its ciphertext. Chunk ``i`` is sealed under the nonce ``prefix || i (4 bytes) || last (1 byte)``,
so a chunk cannot be moved, dropped, repeated or the file cut short without the reader noticing.
Without the key nothing in the file can be read: that is the point (docs/backups.md).
"""

from __future__ import annotations

import base64
import os
import struct
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

MAGIC = b"ALONGSIDE-BACKUP-1\n"
CHUNK = 1 << 20
_TAG = 16


class BackupUnreadableError(Exception):
    """The key is wrong, or the file is not a whole, untouched backup."""


def new_key() -> str:
    return base64.urlsafe_b64encode(AESGCM.generate_key(bit_length=256)).decode()


def key_bytes(key: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(key.strip().encode())
    except (ValueError, TypeError) as error:
        raise BackupUnreadableError("The backup key is not a key (43 letters and digits ending in '=').") from error
    if len(raw) != 32:
        raise BackupUnreadableError("The backup key is not a key (43 letters and digits ending in '=').")
    return raw


def _nonce(prefix: bytes, counter: int, last: bool) -> bytes:
    return prefix + struct.pack(">I?", counter, last)


class SealingWriter:
    """A file-like object: what is written to it reaches ``out`` encrypted."""

    def __init__(self, out: BinaryIO, key: str):
        self._out = out
        self._aead = AESGCM(key_bytes(key))
        self._prefix = os.urandom(7)
        self._counter = 0
        self._buffer = bytearray()
        out.write(MAGIC + self._prefix)

    def write(self, data: bytes) -> int:
        self._buffer += data
        while len(self._buffer) > CHUNK:  # keep at least one byte back: the last chunk is sealed as last
            self._seal(bytes(self._buffer[:CHUNK]), last=False)
            del self._buffer[:CHUNK]
        return len(data)

    def _seal(self, chunk: bytes, *, last: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._prefix, self._counter, last), chunk, MAGIC)
        self._out.write(struct.pack(">I", len(sealed)) + sealed)
        self._counter += 1

    def close(self) -> None:
        self._seal(bytes(self._buffer), last=True)
        self._buffer.clear()

    def flush(self) -> None:
        pass


class OpeningReader:
    """A file-like object reading the plaintext of a sealed backup; raises BackupUnreadableError."""

    def __init__(self, source: BinaryIO, key: str):
        self._in = source
        self._aead = AESGCM(key_bytes(key))
        head = source.read(len(MAGIC) + 7)
        if len(head) != len(MAGIC) + 7 or not head.startswith(MAGIC):
            raise BackupUnreadableError("This file is not an Alongside backup.")
        self._prefix = head[len(MAGIC) :]
        self._counter = 0
        self._plain = bytearray()
        self._next = self._read_sealed()
        self._done = False
        if self._next is None:
            raise BackupUnreadableError("The backup is cut short.")

    def _read_sealed(self) -> bytes | None:
        size = self._in.read(4)
        if not size:
            return None
        if len(size) != 4:
            raise BackupUnreadableError("The backup is cut short.")
        (length,) = struct.unpack(">I", size)
        if length < _TAG or length > CHUNK + _TAG:
            raise BackupUnreadableError("The backup is damaged.")
        sealed = self._in.read(length)
        if len(sealed) != length:
            raise BackupUnreadableError("The backup is cut short.")
        return sealed

    def _open_next(self) -> None:
        sealed, self._next = self._next, self._read_sealed()
        last = self._next is None
        try:
            assert sealed is not None
            self._plain += self._aead.decrypt(_nonce(self._prefix, self._counter, last), sealed, MAGIC)
        except InvalidTag as error:
            raise BackupUnreadableError(
                "This backup cannot be opened with this key, or it has been changed or cut short."
            ) from error
        self._counter += 1
        self._done = last

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._plain) < size):
            self._open_next()
        if size < 0:
            size = len(self._plain)
        out = bytes(self._plain[:size])
        del self._plain[:size]
        return out
