"""Fixed text in templates is translated once per language, and reads exactly as Django's own tag would."""

from __future__ import annotations

import pytest
from django.template import Context, Engine, engines
from django.utils import translation

from home.templatetags.i18n_once import TranslateOnceNode

TEMPLATE = (
    "{% load i18n %}"
    '{% trans "Leave quickly" %}|{% trans "Nobody yet" as nobody %}{{ nobody }}|'
    "{% trans word %}|{% trans 'Peers'|upper %}|{% trans 'Open' context 'a door' %}|"
    '{% autoescape off %}{% trans "We will sign you out in two minutes if nothing happens." %}{% endautoescape %}|'
    '{% trans "To keep people\'s information safe, we will sign you out in two minutes if nothing happens." %}'
)
# Django's own i18n library, as any project without our override would load it.
djangos = Engine(libraries={"i18n": "django.templatetags.i18n"})


def test_our_templates_load_the_library_that_keeps_fixed_text():
    base = engines["django"].get_template("base.html").template
    nodes = base.nodelist.get_nodes_by_type(TranslateOnceNode)
    assert len(nodes) >= 5


@pytest.mark.parametrize("order", [("en", "fr", "en"), ("fr", "en", "fr")])
def test_each_language_reads_as_djangos_own_tag_would(order):
    ours = engines["django"].from_string(TEMPLATE).template
    theirs = djangos.from_string(TEMPLATE)
    for language in order:
        with translation.override(language):
            for word in ("Peers", "Leave quickly"):
                context = {"word": word}
                assert ours.render(Context(context)) == theirs.render(Context(context))
    # Drawn with and without autoescaping (French "Jusqu'au" holds an apostrophe): a template's
    # own text is safe, so Django leaves it as written either way, and so do we.
    until = '{% load i18n %}{% trans "Until" %}'
    with translation.override("fr"):
        for autoescape in (True, False, True):
            drawn = engines["django"].from_string(until).template.render(Context({}, autoescape=autoescape))
            assert drawn == djangos.from_string(until).render(Context({}, autoescape=autoescape)) == "Jusqu'au"
    with translation.override("fr"):
        assert "Quitter" in ours.render(Context({"word": "x"})) or "quitter" in ours.render(Context({"word": "x"}))
