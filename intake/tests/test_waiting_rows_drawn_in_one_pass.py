"""The waiting list's rows, written in one pass, are the HTML the template loop wrote before.

The oracle is the loop of the former templates/intake/waiting_list.html, rendered by Django from the
same rows, over generated rows (names and labels that need escaping, one day and many, past the
threshold or not, said now or due to be asked again) in both languages.
"""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from django.template import Context, Template
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

FORMER = Template(
    """{% load i18n %}{% trans "Not said yet" as not_said %}{% trans "Time to ask again" as ask_again %}{% trans "Check for someone linked to their network first" as check_link %}{% trans "Say why" as say_why %}<tbody>
  {% for peer in rows %}
    <tr{% if peer.past_threshold %} class="attention"{% endif %}>
      <td><a href="{{ peer.record_url }}">{{ peer.chosen_name }}</a>{% if peer.raises_a_network_link %}<br><span class="badge badge-warning">{{ check_link }}</span>{% endif %}</td>
      <td>{% blocktrans count days=peer.days_waiting %}{{ days }} day{% plural %}{{ days }} days{% endblocktrans %}{% if peer.past_threshold %} <span class="badge badge-warning">{% trans "past the threshold" %}</span>{% endif %}<br><small>{% blocktrans with date=peer.waiting_since|date:"j M Y" %}since {{ date }}{% endblocktrans %}</small></td>
      <td>{% if not peer.wants_now %}{{ ask_again }}{% else %}{{ peer.reason_label|default:not_said }}{% endif %} <a href="{{ peer.reason_url }}">{{ say_why }}</a></td>
      <td>{% if peer.supporter_language_label %}{{ peer.supporter_language_label }}{% elif peer.language_labels %}{{ peer.language_labels|join:", " }}{% endif %}{% if peer.gender_label %}<br>{{ peer.gender_label }}{% endif %}{% if peer.format_label %}<br>{{ peer.format_label }}{% endif %}{% if peer.mode_labels %}<br>{{ peer.mode_labels|join:", " }}{% endif %}</td>
    </tr>
  {% endfor %}
  </tbody>"""
)
NOW = Template("""{% load waiting_list %}<tbody>
  {% waiting_rows rows %}
  </tbody>""")

texts = st.sampled_from(["", "Roumain", "A & B", "<i>x</i>", 'l\'"été"', "Tigrinya"])
rows = st.builds(
    SimpleNamespace,
    chosen_name=texts,
    record_url=st.sampled_from(["/peers/7/", "/peers/8/?a=1&b=2"]),
    reason_url=st.sampled_from(["/peers/7/waiting/"]),
    raises_a_network_link=st.booleans(),
    days_waiting=st.integers(0, 400),
    past_threshold=st.booleans(),
    waiting_since=st.dates(date(2024, 1, 1), date(2027, 1, 1)),
    wants_now=st.booleans(),
    reason_label=texts,
    supporter_language_label=texts,
    language_labels=st.lists(texts, max_size=3),
    gender_label=texts,
    format_label=texts,
    mode_labels=st.lists(texts, max_size=3),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(rows, max_size=4), st.sampled_from(["en", "fr"]))
def test_the_rows_are_what_the_template_wrote(peers, language):
    with translation.override(language):
        assert NOW.render(Context({"rows": peers})) == FORMER.render(Context({"rows": peers}))
