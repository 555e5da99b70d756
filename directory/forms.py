from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.fields import RecordsField
from organisations.models import Partner
from people.choices import LANGUAGES
from people.forms import CheckboxList

from .models import Category, Location, Service
from .services import IMPORT_LIMIT_BYTES


class SearchForm(forms.Form):
    """The directory's filters: plain words about help, never about a person (sent by GET)."""

    words = forms.CharField(label=_("Name of the service or partner"), required=False, max_length=100)
    category = forms.ChoiceField(label=_("Kind of help"), required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, *args, areas: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        anything = [("", _("Any"))]
        self.fields["category"].choices = anything + list(Category.choices)
        self.fields["area"].choices = anything + [(a, a) for a in areas]
        self.fields["language"].choices = anything + list(LANGUAGES)


class PartnerForm(forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Partner
        fields = ["name", "description", "website", "email", "phone"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = Partner.objects.filter(organisation=self.instance.organisation, name__iexact=name)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("There is already a partner with that name."))
        return name


class ServiceForm(forms.ModelForm):
    categories = forms.MultipleChoiceField(
        label=_("Kinds of help"), choices=Category.choices, required=False, widget=CheckboxList
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages it is offered in"), choices=LANGUAGES, required=False, widget=CheckboxList
    )
    locations = RecordsField(
        label=_("Where it is offered"), queryset=Location.objects.none(), required=False, widget=CheckboxList
    )

    class Meta:
        model = Service
        fields = ["name", "description", "categories", "languages", "how_to_get_in", "eligibility", "status"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "how_to_get_in": forms.Textarea(attrs={"rows": 2}),
            "eligibility": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "how_to_get_in": _("A referral, a drop-in, a phone call first: what someone needs to do."),
            "eligibility": _("For example: women only, 18 and over, any immigration status."),
        }

    def __init__(self, *args, partner: Partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locations"].queryset = Location.objects.filter(partner=partner)
        if self.instance.pk and not self.is_bound:
            self.initial["locations"] = [link.location_id for link in self.instance.places.all()]


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = ["name", "address", "city", "postal_code", "area", "country", "accessibility", "opening_hours"]
        widgets = {
            "accessibility": forms.Textarea(attrs={"rows": 2}),
            "opening_hours": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {"country": _("Two letters, such as GB or FR.")}

    def clean_country(self):
        country = self.cleaned_data["country"].strip().upper()
        if country and (len(country) != 2 or not country.isalpha()):
            raise forms.ValidationError(_("Two letters, such as GB or FR."))
        return country

    def clean(self):
        data = super().clean()
        if not any(data.get(f) for f in ("name", "address", "city", "postal_code", "area")):
            raise forms.ValidationError(_("Give the place a name, an address or an area."))
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("HSDS 3.0 JSON file"),
        help_text=_("Organizations with their services and locations, as other directory tools export them."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > IMPORT_LIMIT_BYTES:
            raise forms.ValidationError(
                _("This file is larger than %(mb)s MB. Split it into smaller files and import them one by one.")
                % {"mb": IMPORT_LIMIT_BYTES // (1024 * 1024)}
            )
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("This file is not text in UTF-8. Export it as JSON and try again.")) from None
        try:
            json.loads(text)
        except RecursionError:
            raise forms.ValidationError(_("This file is nested too deeply to be a directory.")) from None
        except ValueError as error:
            line, column = getattr(error, "lineno", None), getattr(error, "colno", None)
            if line is None:
                raise forms.ValidationError(_("This file is not JSON.")) from None
            raise forms.ValidationError(
                _("This file is not JSON: something is wrong at line %(line)s, character %(column)s.")
                % {"line": line, "column": column}
            ) from None
        return text
