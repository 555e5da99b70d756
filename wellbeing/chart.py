"""The supporter's own trend as a small SVG drawn on the server (no script, no third party), with a
text alternative: the page shows the same numbers as a table beside it."""

from __future__ import annotations

from datetime import date

from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH, HEIGHT, PAD = 320, 120, 16
POOR = 50  # WHO-5's band for poor wellbeing, drawn as a dashed line


def trend_svg(points: list[tuple[date, int]]) -> SafeString:
    """``points`` oldest first, scores 0 to 100; those without a score are left out by the caller."""
    title = _("Your check-ins over time, from 0 to 100; the dashed line is 50.")
    if not points:
        return mark_safe("")  # noqa: S308 (nothing to draw)
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    step = inner_w / max(1, len(points) - 1)

    def y(score: int) -> float:
        return round(PAD + inner_h * (1 - score / 100), 1)

    xy = [(round(PAD + i * step, 1), y(score)) for i, (_day, score) in enumerate(points)]
    line = " ".join(f"{x},{yy}" for x, yy in xy)
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3"><title>{}: {}</title></circle>',
        ((x, yy, date_format(day, "j M"), score) for (x, yy), (day, score) in zip(xy, points, strict=True)),
    )
    return format_html(
        '<svg class="trend" role="img" aria-labelledby="trend-title" viewBox="0 0 {w} {h}" width="{w}" height="{h}">'
        '<title id="trend-title">{title}</title>'
        '<line x1="{pad}" x2="{right}" y1="{poor}" y2="{poor}" stroke="currentColor" stroke-dasharray="4 4" opacity="0.5"/>'
        '<polyline points="{line}" fill="none" stroke="currentColor" stroke-width="2"/>'
        "{dots}</svg>",
        w=WIDTH, h=HEIGHT, title=title, pad=PAD, right=WIDTH - PAD, poor=y(POOR), line=line, dots=dots,
    )  # fmt: skip
