"""The suggestions page's two long lists, written in one pass: ``{% suggested_rows found peer %}`` and
``{% left_out_rows found %}``.

At 800 peer supporters Django's template loop was most of the page (a lookup per variable, a
translation per row, an inclusion tag per button). These write the same HTML: each label translated
once a page, every name escaped; ``matching/tests/test_suggestions_drawn_in_one_pass.py`` checks them
against the template loops they replaced.
"""

from __future__ import annotations

import html

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from alongside.html import escape_each
from offers.templatetags.offers import offer_buttons

from ..choices import CRITERION_LABELS
from ..explain import left_out_text, reason_text

register = template.Library()


@register.simple_tag(takes_context=True)
def suggested_rows(context, found, peer) -> str:
    """Each suggested supporter: their fit, why, criterion by criterion, and the button to offer them."""
    if not found.suggested:
        return ""
    button = offer_buttons(context, peer)
    fit_words = gettext("fit %(score)s out of 100")
    head = (
        '\n    <div class="table-wrap" role="group" tabindex="0" aria-label="{}"><table>'
        '\n      <thead><tr><th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead>'
    ).format(*(escape(gettext(w)) for w in ("Why this fit", "What", "Points", "Why")))
    labels = {c: escape(label) for c, label in CRITERION_LABELS.items()}
    reasons: dict[tuple[str, str], str] = {}
    names = escape_each([s.supporter.name for s in found.suggested])
    rows = []
    for suggestion, name in zip(found.suggested, names, strict=True):
        why = []
        for c in suggestion.fit.criteria:
            if not c.most:
                continue
            reason = reasons.get((c.criterion, c.reason))
            if reason is None:
                reason = reasons[c.criterion, c.reason] = escape(reason_text(c.criterion, c.reason))
            why.append(f"<tr><td>{labels[c.criterion]}</td><td>{c.points} / {c.most}</td><td>{reason}</td></tr>")
        rows.append(
            f"\n  <article>\n    <header><strong>{name}</strong> — {fit_words % {'score': suggestion.fit.score}}</header>"
            f"{head}\n      <tbody>{''.join(why)}</tbody>\n    </table></div>"
            f"\n    {button(suggestion.supporter.pk, name)}\n  </article>\n  "
        )
    return mark_safe("".join(rows))  # noqa: S308 (every name and label escaped above)


@register.simple_tag
def left_out_rows(found) -> str:
    """Each supporter not suggested, by name, with the one reason given (and the fit, when it is the fit)."""
    fit_words = gettext("fit %(score)s")
    reasons = {code: html.escape(left_out_text(code)) for code in {o.reason for o in found.left_out}}
    names = escape_each([o.supporter.name for o in found.left_out])
    rows = [
        f"<li>{name}: {reasons[o.reason]}</li>"
        if o.fit is None
        else f"<li>{name}: {reasons[o.reason]} ({fit_words % {'score': o.fit.score}})</li>"
        for o, name in zip(found.left_out, names, strict=True)
    ]
    return mark_safe("".join(rows))  # noqa: S308 (every name and reason escaped above)
