"""The one-pass select writes what Django's own Select writes, and the named choices are Django's choices."""

from __future__ import annotations

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from alongside.widgets import ManyOptions, NamedModelChoiceField
from people.models import PeerSupporter

CHOICES = [("", "---------"), (1, "Amina & <b>Jo</b>"), (2, 'Said "Sami"'), (3, mark_safe("<i>safe</i>")), (2, "again")]


def _forms(**field):
    class Django(forms.Form):
        who = forms.ChoiceField(choices=CHOICES, **field)

    class Ours(forms.Form):
        who = forms.ChoiceField(choices=CHOICES, widget=ManyOptions, **field)

    return Django, Ours


@pytest.mark.parametrize("data", [None, {"who": "1"}, {"who": "2"}, {"who": "9"}, {"who": ""}, {"who": "<x>"}])
@pytest.mark.parametrize("field", [{}, {"required": False}, {"help_text": "Who?"}, {"initial": 3}])
def test_the_select_is_djangos_to_the_byte(data, field):
    django_form, our_form = _forms(**field)
    django_form, our_form = django_form(data), our_form(data)
    if data is not None:  # errors change the attributes (aria-invalid, aria-describedby)
        assert django_form.is_valid() == our_form.is_valid()
    assert str(our_form["who"]) == str(django_form["who"])


def test_extra_attributes_are_written_as_django_writes_them():
    attrs = {"class": "wide", "data-x": 'a"b', "disabled": True, "hidden": False}
    django = forms.Select(attrs=attrs, choices=CHOICES).render("who", "2")
    ours = ManyOptions(attrs=attrs, choices=CHOICES).render("who", "2")
    assert ours == django


@pytest.mark.parametrize(
    "choices",
    [[], [("", "")], [(1, "A\x00B"), (2, "<C>")], [(1, "A"), (2, _("Lazy & translated"))], [("x&y", "1"), (None, "2")]],
)
def test_odd_choices_too(choices):
    for value in (None, "1", "x&y", ""):
        assert ManyOptions(choices=choices).render("who", value) == forms.Select(choices=choices).render("who", value)


def test_a_choice_with_groups_is_left_to_django():
    grouped = [("", "---------"), ("Group", [(1, "One"), (2, "Two")])]
    assert ManyOptions(choices=grouped).render("who", "2") == forms.Select(choices=grouped).render("who", "2")


def test_named_choices_are_the_model_choice_fields(in_riverside):
    supporters = PeerSupporter.objects.order_by("membership__user__display_name", "pk")

    class Django(forms.Form):
        who = forms.ModelChoiceField(queryset=supporters.select_related("membership__user"))

    class Ours(forms.Form):
        who = NamedModelChoiceField(queryset=supporters, label_field="membership__user__display_name")

    first = supporters.first()
    assert first is not None
    for data in (None, {"who": str(first.pk)}, {"who": "0"}, {"who": "x"}):
        django_form, our_form = Django(data), Ours(data)
        assert str(our_form["who"]) == str(django_form["who"])
        if data is not None:
            assert our_form.is_valid() == django_form.is_valid()
            assert our_form.cleaned_data.get("who") == django_form.cleaned_data.get("who")
    chosen = Ours({"who": str(first.pk)})
    assert chosen.is_valid()
    assert chosen.cleaned_data["who"] == first
    assert isinstance(chosen.cleaned_data["who"], PeerSupporter)
