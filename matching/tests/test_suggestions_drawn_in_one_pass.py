"""The suggestions page's lists, written in one pass, are the HTML the template loops wrote before.

The oracle is the page's former template (its two loops and the offer button), rendered by Django
from the same suggestions, over generated fits, names that need escaping, both languages, and a
member who may or may not record offers.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import core
from matching.candidates import Candidate
from matching.choices import CRITERION_LABELS
from matching.explain import left_out_text, reason_text
from matching.services import NotSuggested, Suggested, Suggestions
from matching.tests.test_core import offer_st, wish_st

# What templates/matching/suggestions.html and offers/offer_button.html said, word for word.
FORMER = Template(
    """{% load i18n %}<section aria-labelledby="suggested-heading">
  <h2 id="suggested-heading">{% trans "Suggested" %}</h2>
  {% for row in suggested %}
  <article>
    <header><strong>{{ row.supporter.membership.user.display_name }}</strong> — {% blocktrans with score=row.fit.score %}fit {{ score }} out of 100{% endblocktrans %}</header>
    <div class="table-wrap" role="group" tabindex="0" aria-label="{% trans 'Why this fit' %}"><table>
      <thead><tr><th scope="col">{% trans "What" %}</th><th scope="col">{% trans "Points" %}</th><th scope="col">{% trans "Why" %}</th></tr></thead>
      <tbody>{% for c in row.why %}<tr><td>{{ c.label }}</td><td>{{ c.points }} / {{ c.most }}</td><td>{{ c.reason }}</td></tr>{% endfor %}</tbody>
    </table></div>
    {% if shown %}<footer><form method="post" action="{% url 'offers:peer_offers' peer.pk %}">{% csrf_token %}<input type="hidden" name="supporter" value="{{ row.supporter.pk }}"><button type="submit">{% blocktrans with name=row.supporter.membership.user.display_name %}Offer {{ name }}{% endblocktrans %}</button></form></footer>{% endif %}
  </article>
  {% empty %}
  <p>{% trans "Nobody fits well enough yet. They can wait on the waiting list for a good fit." %}</p>
  {% endfor %}
</section>

<section aria-labelledby="left-out-heading">
  <h2 id="left-out-heading">{% trans "Not suggested, and why" %}</h2>
  {% if left_out %}
  <ul>{% for row in left_out %}<li>{{ row.supporter.membership.user.display_name }}: {{ row.reason }}{% if row.score is not None %} ({% blocktrans with score=row.score %}fit {{ score }}{% endblocktrans %}){% endif %}</li>{% endfor %}</ul>
  {% else %}<p>{% trans "Nobody." %}</p>{% endif %}
</section>"""
)
# The button's template ended with a line break, which the page kept after it.
FORMER_BUTTON_BREAK = ("</footer>", "</footer>\n")

NOW = Template(
    """{% load i18n suggestions %}<section aria-labelledby="suggested-heading">
  <h2 id="suggested-heading">{% trans "Suggested" %}</h2>
  {% if found.suggested %}{% suggested_rows found peer %}{% else %}
  <p>{% trans "Nobody fits well enough yet. They can wait on the waiting list for a good fit." %}</p>
  {% endif %}
</section>

<section aria-labelledby="left-out-heading">
  <h2 id="left-out-heading">{% trans "Not suggested, and why" %}</h2>
  {% if found.left_out %}
  <ul>{% left_out_rows found %}</ul>
  {% else %}<p>{% trans "Nobody." %}</p>{% endif %}
</section>"""
)


def _as_the_former_view_gave_it(found: Suggestions) -> dict:
    def named(candidate):  # what the former rows were: a supporter whose user has a display name
        return SimpleNamespace(
            pk=candidate.pk, membership=SimpleNamespace(user=SimpleNamespace(display_name=candidate.name))
        )

    def explained(fit):
        return [
            {
                "label": CRITERION_LABELS[c.criterion],
                "points": c.points,
                "most": c.most,
                "reason": reason_text(c.criterion, c.reason),
            }
            for c in fit.criteria
            if c.most
        ]

    return {
        "suggested": [
            {"supporter": named(s.supporter), "fit": s.fit, "why": explained(s.fit)} for s in found.suggested
        ],
        "left_out": [
            {
                "supporter": named(o.supporter),
                "reason": left_out_text(o.reason),
                "score": o.fit.score if o.fit else None,
            }
            for o in found.left_out
        ],
    }


NAMES = st.sampled_from(["Ada", "Bo & Cy", "<b>Dee</b>", 'Eve "E"', "Fé O'Neil", "Gus\x00"])


def candidate(supporter_id: int, name: str) -> Candidate:
    return Candidate(supporter_id, 1, supporter_id + 100, name, ("en",), "", 4, "active", "")


def drawn(found: Suggestions, *, role: str, language: str) -> tuple[str, str]:
    request = RequestFactory().get("/")
    request.membership = SimpleNamespace(is_active=True, role=role)
    peer = SimpleNamespace(pk=41)
    with translation.override(language):
        context = {"request": request, "peer": peer, "csrf_token": "tok<en>", "found": found}
        shown = role in ("admin", "coordinator")
        former = FORMER.render(Context({**context, **_as_the_former_view_gave_it(found), "shown": shown}))
        if shown:
            former = former.replace(*FORMER_BUTTON_BREAK)
        else:
            former = former.replace("</table></div>\n    \n", "</table></div>\n    \n\n")
        return NOW.render(Context(context)), former


@settings(max_examples=60, deadline=None)
@given(
    peer=wish_st,
    supporters=st.lists(offer_st, max_size=6, unique_by=lambda o: o.supporter_id),
    names=st.lists(NAMES, min_size=6, max_size=6),
    blocked=st.sets(st.integers(1, 30), max_size=3),
    good_enough=st.integers(0, 100),
    role=st.sampled_from(["coordinator", "admin", "supervisor"]),
    language=st.sampled_from(["en", "fr"]),
)
def test_the_lists_are_what_the_template_wrote(peer, supporters, names, blocked, good_enough, role, language):
    ranking = core.rank(peer, supporters, blocked, good_enough)
    who = {o.supporter_id: candidate(o.supporter_id, names[n]) for n, o in enumerate(supporters)}
    found = Suggestions(
        wish=peer,
        good_enough=good_enough,
        suggested=[Suggested(who[s.supporter_id], s.fit) for s in ranking.suggested],
        left_out=[NotSuggested(who[o.supporter_id], o.reason, o.fit) for o in ranking.left_out],
    )
    now, former = drawn(found, role=role, language=language)
    assert now == former


@pytest.mark.parametrize("language", ["en", "fr"])
def test_nobody_suggested_and_nobody_left_out(language):
    found = Suggestions(wish=core.PeerWish(1), good_enough=50, suggested=[], left_out=[])
    now, former = drawn(found, role="coordinator", language=language)
    assert now == former
