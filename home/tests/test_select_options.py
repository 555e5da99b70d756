"""A select draws its options in one template (templates/django/forms/widgets/select.html), not one include
per option, and draws exactly what Django's own widget templates draw: groups, the chosen option, options
a widget disables, and characters to escape."""

from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer


class _Disabling(forms.Select):
    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        if option["value"] == "c":
            option["attrs"]["disabled"] = True
        return option


def test_a_select_is_drawn_as_djangos_own_widget_templates_draw_it():
    choices = [("", "—"), ("Group <1>", [("a", "A & a"), ("b", "B")]), ("c", 'C "quoted"'), (3, "Three")]
    for widget in (forms.Select(choices=choices), _Disabling(choices=choices), forms.SelectMultiple(choices=choices)):
        for value in ("b", ["b", 3], None):
            ours = widget.render("field", value, attrs={"id": "id_field"}, renderer=get_default_renderer())
            djangos = widget.render("field", value, attrs={"id": "id_field"}, renderer=DjangoTemplates())
            assert " ".join(ours.split()) == " ".join(djangos.split())
            assert "selected" in ours or value is None


def test_the_project_draws_forms_with_its_own_templates():
    assert type(get_default_renderer()).__name__ == "TemplatesSetting"
