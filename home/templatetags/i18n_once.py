"""Django's ``i18n`` tag library, with fixed text translated once per language.

``{% trans "Leave quickly" %}`` is the same words every time a page is drawn in one language, yet
Django looks the translation up, localises and escapes it again on every render: some sixty calls
a tag, seventy tags on a peer's record. Here a ``trans`` of fixed text (no variable, no filter, no
context) keeps what it rendered, per language, on its node (a template's own text is safe:
Django never escapes it, so autoescaping does not change it); any other
``trans`` is Django's own. The template engine loads this library under the name ``i18n``
(``TEMPLATES[...]["OPTIONS"]["libraries"]`` in settings), so templates keep ``{% load i18n %}``,
``{% trans %}`` and everything ``makemessages`` reads.
"""

from __future__ import annotations

from django import template
from django.templatetags.i18n import TranslateNode, do_translate
from django.templatetags.i18n import register as django_i18n
from django.utils.translation import get_language

register = template.Library()
register.tags.update(django_i18n.tags)
register.filters.update(django_i18n.filters)


class TranslateOnceNode(TranslateNode):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rendered: dict[str | None, str] = {}

    @classmethod
    def of(cls, node: TranslateNode) -> TranslateNode:
        """The same tag, kept once rendered, when its text is fixed; otherwise the node itself."""
        expression = node.filter_expression
        fixed = (
            expression.var.literal is not None
            and isinstance(expression.var.literal, str)
            and not expression.filters
            and node.message_context is None
            and not node.noop
        )
        if not fixed:
            return node
        return cls(expression, node.noop, node.asvar, node.message_context)

    def render(self, context):
        key = get_language()
        value = self.rendered.get(key)
        if value is None:
            value = self.rendered[key] = super().render(context) if not self.asvar else self._value(context)
        if self.asvar:
            context[self.asvar] = value
            return ""
        return value

    def _value(self, context):
        super().render(context)  # sets context[asvar]
        return context[self.asvar]


@register.tag("translate")
@register.tag("trans")
def do_translate_once(parser, token):
    return TranslateOnceNode.of(do_translate(parser, token))
