from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Organisation, Partner


class OrganisationSettingsForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["require_mfa_for_everyone"]


class PartnerForm(forms.ModelForm):
    class Meta:
        model = Partner
        fields = ["name", "kind"]
        help_texts = {"kind": _("For example: housing, legal advice, counselling.")}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Partner.objects.filter(organisation=self.organisation, name__iexact=name).exists():
            raise forms.ValidationError(_("There is already a partner with that name."))
        return name
