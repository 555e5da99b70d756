"""Spreadsheet exports that cannot run a formula: every cell starting with one is made plain text.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by spreadsheet
programs as a formula (which can fetch a URL or run a command: "CSV injection"). ``neutralise``
puts an apostrophe before such a cell, which the program shows as text. Any CSV or spreadsheet
export must pass every cell through it: the form fuzz (resilience/tests) checks every such response.
"""

from __future__ import annotations

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def neutralised_row(values) -> list[str]:
    return [neutralise(v) for v in values]
