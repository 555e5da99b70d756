from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import Membership

from .models import Absence

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AbsenceForm(forms.ModelForm):
    class Meta:
        model = Absence
        fields = ["member", "starts_on", "ends_on", "kind"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        members = Membership.objects.filter(organisation=organisation, is_active=True).select_related("user")
        self.fields["member"].queryset = members.order_by("user__display_name")
        self.fields["member"].label_from_instance = lambda m: m.user.display_name
        self.fields["kind"].help_text = _("Only if they are happy for it to be said. Cover needs no reason.")

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day is before the first day."))
        return data


class ChangeDatesForm(forms.Form):
    starts_on = forms.DateField(label=_("first day away"), widget=DATE)
    ends_on = forms.DateField(label=_("last day away"), widget=DATE)

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day is before the first day."))
        return data
