"""``{% waiting_rows peers %}``: the waiting list's rows, written in one pass.

Django's template loop asked a lookup per variable and rendered two translations and a date per
row; this writes the same HTML (``intake/tests/test_waiting_rows_drawn_in_one_pass.py`` checks it
against the loop it replaced), each fixed label translated once a page and every value escaped.
The view (``intake.views.waiting_list``) prepares each row's labels and addresses.
"""

from __future__ import annotations

from html import escape

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

register = template.Library()


@register.simple_tag
def waiting_rows(peers) -> str:
    not_said, ask_again = escape(gettext("Not said yet")), escape(gettext("Time to ask again"))
    check_link = escape(gettext("Check for someone linked to their network first"))
    say_why, past = escape(gettext("Say why")), escape(gettext("past the threshold"))
    since = gettext("since %(date)s")
    rows = []
    for peer in peers:
        days = peer.days_waiting
        link = f'<br><span class="badge badge-warning">{check_link}</span>' if peer.raises_a_network_link else ""
        waited = ngettext("%(days)s day", "%(days)s days", days) % {"days": days}
        if peer.past_threshold:
            waited += f' <span class="badge badge-warning">{past}</span>'
        when = since % {"date": escape(date_filter(peer.waiting_since, "j M Y"))}
        why = (escape(str(peer.reason_label)) or not_said) if peer.wants_now else ask_again
        likes = ""
        if peer.supporter_language_label:
            likes = escape(str(peer.supporter_language_label))
        elif peer.language_labels:
            likes = ", ".join(escape(str(label)) for label in peer.language_labels)
        for label in (peer.gender_label, peer.format_label):
            if label:
                likes += f"<br>{escape(str(label))}"
        if peer.mode_labels:
            likes += "<br>" + ", ".join(escape(str(label)) for label in peer.mode_labels)
        attention = ' class="attention"' if peer.past_threshold else ""
        rows.append(
            f"\n    <tr{attention}>"
            f'\n      <td><a href="{escape(peer.record_url)}">{escape(peer.chosen_name)}</a>{link}</td>'
            f"\n      <td>{waited}<br><small>{when}</small></td>"
            f'\n      <td>{why} <a href="{escape(peer.reason_url)}">{say_why}</a></td>'
            f"\n      <td>{likes}</td>\n    </tr>\n  "
        )
    return mark_safe("".join(rows))  # noqa: S308 (every value escaped above; the translations are the site's own)
