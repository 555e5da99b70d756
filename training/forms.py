from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import Organisation

from .models import Cohort, DocumentKind, DoneBecause, Module, Presence
from .services import level_names

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ModuleForm(forms.ModelForm):
    required_for = forms.MultipleChoiceField(
        label=_("Required before someone works at these levels"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
        help_text=_("Optional for every level left unticked."),
    )

    class Meta:
        model = Module
        fields = ["title", "hours", "topics", "delivery", "audience", "required_for"]
        widgets = {"topics": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["required_for"].choices = list(level_names(organisation.pk).items())
        self.fields["hours"].min_value = 0
        self.fields["topics"].max_length = 2000

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if Module.objects.filter(organisation=self.organisation, title__iexact=title).exists():
            raise forms.ValidationError(_("There is already a module with this title."))
        return title

    def clean_hours(self):
        hours = self.cleaned_data["hours"]
        if hours is not None and hours < 0:
            raise forms.ValidationError(_("Hours cannot be below nothing."))
        return hours


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "kind", "starts_on", "weeks"]
        widgets = {"starts_on": DATE}

    def clean_weeks(self):
        weeks = self.cleaned_data["weeks"]
        if weeks is not None and not 1 <= weeks <= 104:
            raise forms.ValidationError(_("Between 1 and 104 weeks."))
        return weeks


class SessionForm(forms.Form):
    module = forms.ModelChoiceField(label=_("Module"), queryset=Module.objects.none())
    on = forms.DateField(label=_("Date"), widget=DATE)

    def __init__(self, *args, modules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules


class EnrolForm(forms.Form):
    supporter = forms.ModelChoiceField(label=_("Peer supporter"), queryset=None)

    def __init__(self, *args, supporters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supporter"].queryset = supporters


class InviteForm(forms.Form):
    guest = forms.ModelChoiceField(label=_("Organisation to invite"), queryset=Organisation.objects.none())

    def __init__(self, *args, host_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["guest"].queryset = Organisation.objects.exclude(pk=host_id)


class MarkDoneForm(forms.Form):
    module = forms.ModelChoiceField(label=_("Module"), queryset=Module.objects.none())
    because = forms.ChoiceField(label=_("Why"), choices=DoneBecause.choices)

    def __init__(self, *args, modules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = modules


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Document"), choices=DocumentKind.choices)
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=50000,
        help_text=_("Plain text. A line starting with # is a heading, one starting with - is a point in a list."),
    )


PRESENCE_CHOICES = Presence.choices
