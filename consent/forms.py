from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.fields import RecordsField
from organisations.models import Membership, Partner

from .models import OPTIONAL_PURPOSES, ConsentText, Purpose


class ConsentForm(forms.Form):
    """What the peer agreed to. Only taking part and keeping a record are needed for support."""

    take_part = forms.BooleanField(label=Purpose.TAKE_PART.label, required=False)
    store_data = forms.BooleanField(label=Purpose.STORE_DATA.label, required=False)
    share_with_partners = forms.BooleanField(label=Purpose.SHARE_WITH_PARTNERS.label, required=False)
    partners = RecordsField(
        label=_("Partners they agree we may share with"),
        queryset=Partner.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    follow_up = forms.BooleanField(label=Purpose.FOLLOW_UP.label, required=False)
    stories = forms.BooleanField(label=Purpose.STORIES.label, required=False)
    reports = forms.BooleanField(label=Purpose.REPORTS.label, required=False)
    limits_explained_by = forms.ModelChoiceField(
        label=_("Who explained the limits of confidentiality"), queryset=Membership.objects.none()
    )
    limits_explained_at = forms.DateTimeField(
        label=_("When the limits were explained"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    optional_purposes = OPTIONAL_PURPOSES

    def __init__(self, *args, membership: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Partner.objects.filter(organisation=membership.organisation)
        people = Membership.objects.active().filter(organisation=membership.organisation).select_related("user")
        self.fields["limits_explained_by"].queryset = people.order_by("user__display_name")
        self.fields["limits_explained_by"].label_from_instance = lambda m: m.user.display_name
        self.initial.setdefault("limits_explained_by", membership.pk)
        self.initial.setdefault("limits_explained_at", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))

    def clean(self):
        data = super().clean()
        if data.get("partners") and not data.get("share_with_partners"):
            self.add_error("partners", _("Tick sharing with partners too, or untick the partners."))
        when = data.get("limits_explained_at")
        if when and when > timezone.now() + timezone.timedelta(minutes=5):
            self.add_error("limits_explained_at", _("This is in the future. When were the limits explained?"))
        return data

    def agreed(self) -> list[Purpose]:
        return [purpose for purpose in Purpose if self.cleaned_data.get(str(purpose))]


class ConsentTextForm(forms.ModelForm):
    class Meta:
        model = ConsentText
        fields = ["version", "language", "title", "body"]
        help_texts = {
            "version": _("Use the same version number for the same wording in another language."),
        }
