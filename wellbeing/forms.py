from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.fields import RecordsField
from alongside.widgets import NamedModelChoiceField

from .instrument import who5
from .models import HardMoment, OrganisationSupport, ShareWith, WantsTalk, WarningSettings


class PlanForm(forms.Form):
    what_helps = forms.CharField(
        label=_("What helps me"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    early_signs = forms.CharField(
        label=_("Early signs that I need to slow down"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    who_i_turn_to = forms.CharField(
        label=_("Who I turn to"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    supports = RecordsField(
        label=_("The organisation's supports you use"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, supports=(), language: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["supports"]
        field.queryset = OrganisationSupport.objects.filter(pk__in=[s.pk for s in supports])
        field.label_from_instance = lambda s: s.shown_name(language)


def item_field(name: str) -> str:
    return f"item_{name}"


class CheckInForm(forms.Form):
    """The WHO-5's five items (each may be skipped), then our own questions."""

    wants_talk = forms.ChoiceField(
        label=_("Would you like a conversation with your supervisor before your next session?"),
        choices=[
            (WantsTalk.YES, WantsTalk.YES.label),
            (WantsTalk.NO, WantsTalk.NO.label),
            ("", _("Prefer not to say")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    for_supervisor = forms.CharField(
        label=_("Anything you want your supervisor to know?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=4000,
        help_text=_("They read it only if you share this check-in with them."),
    )
    share_with = forms.ChoiceField(
        label=_("Who sees your answers?"), choices=ShareWith.choices, widget=forms.RadioSelect, initial=ShareWith.NOBODY
    )
    coach = NamedModelChoiceField(
        label=_("Peer coach"), queryset=None, required=False, label_field="user__display_name"
    )  # every other peer supporter here: a long list, drawn in one pass

    def __init__(self, *args, coaches=None, **kwargs):
        super().__init__(*args, **kwargs)
        instrument = who5()
        items = {}
        for item_id, wording in instrument.items:
            items[item_field(item_id)] = forms.TypedChoiceField(
                label=wording,
                choices=[(str(v), text) for v, text in instrument.options],
                coerce=int,
                empty_value=None,
                widget=forms.RadioSelect(attrs={"class": "who5"}),
                required=False,
            )
        self.fields = {**items, **self.fields}
        self.fields["coach"].queryset = coaches

    @property
    def item_fields(self):
        return [self[item_field(item_id)] for item_id, _ in who5().items]

    def clean(self):
        data = super().clean()
        if data.get("share_with") == ShareWith.COACH and not data.get("coach"):
            self.add_error("coach", _("Choose the peer coach who sees it, or share it with nobody."))
        return data

    def answers(self) -> dict[str, int | None]:
        return {item_id: self.cleaned_data.get(item_field(item_id)) for item_id, _ in who5().items}


class SharingForm(forms.Form):
    share_with = forms.ChoiceField(
        label=_("Who sees your answers?"), choices=ShareWith.choices, widget=forms.RadioSelect
    )
    coach = NamedModelChoiceField(
        label=_("Peer coach"), queryset=None, required=False, label_field="user__display_name"
    )  # every other peer supporter here: a long list, drawn in one pass

    def __init__(self, *args, coaches=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches

    def clean(self):
        data = super().clean()
        if data.get("share_with") == ShareWith.COACH and not data.get("coach"):
            self.add_error("coach", _("Choose the peer coach who sees it, or share it with nobody."))
        return data


class HardMomentForm(forms.ModelForm):
    class Meta:
        model = HardMoment
        fields = ["happened_on", "words", "counts"]
        widgets = {"happened_on": forms.DateInput(attrs={"type": "date"}), "words": forms.Textarea(attrs={"rows": 3})}

    def clean_happened_on(self):
        day = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("That day has not come yet."))
        return day


class DirectoryForm(forms.Form):
    glad_to_talk_about = forms.CharField(
        label=_("What you are glad to talk about with peer supporters elsewhere"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=1000,
        help_text=_("Never anything about the peers you support."),
    )


class SupportForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    name_fr = forms.CharField(label=_("Name in French"), max_length=120, required=False)


class LimitsForm(forms.ModelForm):
    class Meta:
        model = WarningSettings
        fields = list(WarningSettings.LIMIT_FIELDS)

    def clean(self):
        data = super().clean()
        if data.get("check_in_drop") is not None and data["check_in_drop"] > 100:
            self.add_error("check_in_drop", _("A check-in goes from 0 to 100."))
        if data.get("factors_to_talk") is not None and data["factors_to_talk"] < 1:
            self.add_error("factors_to_talk", _("At least one."))
        return data
