"""A long choice of people drawn in one pass: the same HTML as Django's, at a fraction of the cost.

Django draws a ``<select>`` by rendering a template per option (and, for a ``ModelChoiceField``, a
model instance per option, with each related row it names): at 800 peer supporters that was most of
a page. ``ManyOptions`` writes the same bytes in one pass, and ``NamedModelChoiceField`` reads its
choices as ``(pk, label)`` values, without instances; the value it cleans to is still the model
instance, read through the field's queryset as Django does. ``alongside/tests/test_widgets.py``
checks both against Django's own output.
"""

from __future__ import annotations

from django import forms
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .html import escape_each


def _attributes(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html writes them."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class ManyOptions(forms.Select):
    """A ``Select`` whose options are written in one pass (a choice with groups is drawn by Django)."""

    def render(self, name, value, attrs=None, renderer=None):
        values, labels = [], []
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):  # a group of options: Django's own drawing
                return super().render(name, value, attrs, renderer)
            if type(option_value) is not int:
                option_value = "" if option_value is None else getattr(option_value, "value", option_value)
            values.append(str(option_value))
            labels.append(label)
        chosen = set(self.format_value(value))
        selected = next((n for n, v in enumerate(values) if v in chosen), -1)  # the first only, as Django
        options = [
            f'\n  <option value="{v}"{" selected" if n == selected else ""}>{label}</option>\n'
            for n, (v, label) in enumerate(zip(escape_each(values), escape_each(labels), strict=True))
        ]
        final = self.build_attrs(self.attrs, attrs)
        # Every value, label, name and attribute above is escaped (the option values are numbers or escaped).
        html_ = f'<select name="{escape(name)}"{_attributes(final)}>{"".join(options)}\n</select>'
        return mark_safe(html_)  # noqa: S308


class _NamedChoices(forms.models.ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", self.field.label_field)

    def __len__(self):
        return self.queryset.count() + (self.field.empty_label is not None)


class NamedModelChoiceField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` whose options are ``(pk, label_field)`` read as values, drawn by ``ManyOptions``."""

    iterator = _NamedChoices
    widget = ManyOptions

    def __init__(self, *args, label_field: str, **kwargs):
        self.label_field = label_field
        super().__init__(*args, **kwargs)
