"""Shows the plain-data record (the same data as the JSON download) as readable HTML."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


@register.filter
def as_html(value) -> SafeString:
    if isinstance(value, dict):
        if set(value) == {"value", "label"}:
            return format_html("{}", value["label"])
        return format_html(
            "<dl>{}</dl>",
            format_html_join("", "<dt>{}</dt><dd>{}</dd>", ((_label(k), as_html(v)) for k, v in value.items())),
        )
    if isinstance(value, list):
        if not value:
            return mark_safe("—")  # noqa: S308 (a constant)
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((as_html(v),) for v in value)))
    if value is True:
        return format_html("{}", _("yes"))
    if value is False:
        return format_html("{}", _("no"))
    if value in (None, ""):
        return mark_safe("—")  # noqa: S308 (a constant)
    return format_html("{}", value)


@register.filter
def heading(key: str) -> str:
    return _label(key)
