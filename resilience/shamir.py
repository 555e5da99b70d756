"""Splitting the backup key between trustees: Shamir's secret sharing over the prime field 2**521 - 1.

``split(secret, needed, shares)`` gives ``shares`` pieces such that any ``needed`` of them give the
secret back (``join``) and fewer give nothing about it: each piece is one point of a random polynomial
of degree ``needed - 1`` whose value at 0 is the secret. A piece is written ``alongside-key-part
<x>/<needed> <hex>`` with a check of 4 hex digits, so a mistyped piece is noticed before it is used.
"""

from __future__ import annotations

import hashlib
import secrets

PRIME = 2**521 - 1  # a Mersenne prime: a 256-bit key is far below it
PREFIX = "alongside-key-part"


class BadPartError(ValueError):
    pass


def _check(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:4]


def split_number(secret: int, needed: int, shares: int) -> list[tuple[int, int]]:
    if not 0 <= secret < PRIME:
        raise ValueError("The secret must be below the prime.")
    if not 1 <= needed <= shares <= 255:
        raise ValueError("Ask for 1 to 255 parts, needing at most as many as there are.")
    coefficients = [secret] + [secrets.randbelow(PRIME) for _ in range(needed - 1)]
    points = []
    for x in range(1, shares + 1):
        y = 0
        for c in reversed(coefficients):  # Horner
            y = (y * x + c) % PRIME
        points.append((x, y))
    return points


def join_numbers(points: list[tuple[int, int]]) -> int:
    """Lagrange interpolation at 0."""
    xs = [x for x, _ in points]
    if len(set(xs)) != len(xs):
        raise BadPartError("The same part was given twice.")
    secret = 0
    for i, (xi, yi) in enumerate(points):
        numerator, denominator = 1, 1
        for j, (xj, _) in enumerate(points):
            if i != j:
                numerator = numerator * -xj % PRIME
                denominator = denominator * (xi - xj) % PRIME
        secret = (secret + yi * numerator * pow(denominator, -1, PRIME)) % PRIME
    return secret


def split(secret: bytes, needed: int, shares: int) -> list[str]:
    # A leading 1 byte keeps leading zero bytes of the key through the integer round trip.
    number = int.from_bytes(b"\x01" + secret, "big")
    parts = []
    for x, y in split_number(number, needed, shares):
        body = f"{x}/{needed} {y:x}"
        parts.append(f"{PREFIX} {body} {_check(body)}")
    return parts


def parse(part: str) -> tuple[int, int, int]:
    words = part.split()
    if len(words) != 4 or words[0] != PREFIX or "/" not in words[1]:
        raise BadPartError("This is not a part of an Alongside backup key.")
    body = f"{words[1]} {words[2]}"
    if _check(body) != words[3].lower():
        raise BadPartError("This part has a typing mistake (its check does not match).")
    x, needed = (int(n) for n in words[1].split("/"))
    return x, needed, int(words[2], 16)


def join(parts: list[str]) -> bytes:
    parsed = [parse(p) for p in parts]
    needed = {n for _, n, _ in parsed}
    if len(needed) != 1:
        raise BadPartError("These parts come from different splits.")
    if len(parsed) < needed.pop():
        raise BadPartError("More parts are needed.")
    number = join_numbers([(x, y) for x, _, y in parsed])
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    if not raw.startswith(b"\x01"):
        raise BadPartError("These parts do not make a key together.")
    return raw[1:]
