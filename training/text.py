"""A document's plain text as HTML, safely: every character of the text is escaped first.

A line starting with ``#`` is a heading, one starting with ``-`` or ``*`` a point in a list, a blank
line ends a paragraph. Nothing else is markup: no links, no HTML.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def as_html(text: str) -> SafeString:
    out: list[str] = []
    paragraph: list[str] = []
    points: list[str] = []

    def flush() -> None:
        if paragraph:
            out.append("<p>" + "<br>".join(paragraph) + "</p>")
            paragraph.clear()
        if points:
            out.append("<ul>" + "".join(f"<li>{p}</li>" for p in points) + "</ul>")
            points.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("#"):
            flush()
            out.append(f"<h3>{escape(line.lstrip('#').strip())}</h3>")
        elif line[:2] in ("- ", "* "):
            if paragraph:
                flush()
            points.append(escape(line[2:].strip()))
        else:
            if points:
                flush()
            paragraph.append(escape(line))
    flush()
    return mark_safe("\n".join(out))  # noqa: S308 (every piece of the text was escaped above)
