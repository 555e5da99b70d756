from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.fields import RecordsField
from organisations.models import Membership, Role

from .choices import CompetenceKind, Evidence, ShadowingWork, Work
from .models import Competence, CompetenceSettings, Level

DATE = forms.DateInput(attrs={"type": "date"})


class NamedChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.user.display_name


class SignOffForm(forms.Form):
    competence = NamedChoice(label=_("Competence"), queryset=Competence.objects.none())
    evidence = forms.ChoiceField(label=_("What shows it"), choices=Evidence.choices, widget=forms.RadioSelect)
    reference = forms.CharField(
        label=_("Which one"),
        required=False,
        max_length=200,
        help_text=_("For example the training, the session or the role play."),
    )
    signed_on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(
        label=_("A note (optional)"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competence"].queryset = Competence.objects.filter(organisation=organisation, retired=False)

    def clean_signed_on(self):
        day = self.cleaned_data["signed_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("A sign-off cannot be dated in the future."))
        return day


class LevelChangeForm(forms.Form):
    level = NamedChoice(
        label=_("Their level from now"),
        queryset=Level.objects.none(),
        required=False,
        empty_label=_("No level for now"),
    )
    reason = forms.CharField(label=_("Why"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    recognised = forms.BooleanField(
        label=_("Recognise the experience they bring for this level's competences and shadowing"),
        required=False,
        help_text=_("For someone who did this work before, elsewhere or here. Say so in the reason."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].queryset = Level.objects.filter(organisation=organisation)


class ShadowingForm(forms.Form):
    direction = forms.ChoiceField(
        label=_("Who shadowed whom"),
        choices=[("they_shadowed", _("They shadowed a colleague")), ("shadowed_them", _("A colleague shadowed them"))],
        widget=forms.RadioSelect,
        initial="they_shadowed",
    )
    colleague = MemberChoice(label=_("The colleague"), queryset=Membership.objects.none())
    happened_on = forms.DateField(label=_("When"), widget=DATE, initial=timezone.localdate)
    work = forms.ChoiceField(label=_("What kind of work"), choices=ShadowingWork.choices)
    reflections = forms.CharField(
        label=_("Reflections (optional)"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, supporter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colleague"].queryset = (
            Membership.objects.filter(
                organisation_id=supporter.organisation_id,
                is_active=True,
                role__in=[Role.PEER_SUPPORTER, Role.SUPERVISOR, Role.COORDINATOR, Role.STAFF],
            )
            .exclude(pk=supporter.membership_id)
            .select_related("user")
            .order_by("user__display_name", "pk")
        )

    def clean_happened_on(self):
        day = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Shadowing is recorded once it has happened."))
        return day


class CompetenceForm(forms.ModelForm):
    class Meta:
        model = Competence
        fields = ["name", "name_fr", "kind", "domain", "description", "retired"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = CompetenceKind.choices


class LevelForm(forms.ModelForm):
    work = forms.MultipleChoiceField(
        label=_("Work it includes"),
        choices=Work.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None: a level for other roles, with no direct work with peers."),
    )
    competences = RecordsField(
        label=_("Competences it needs signed off"),
        queryset=Competence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Level
        fields = ["name", "name_fr", "position", "work", "shadowing_needed", "shadowed_needed"]

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["competences"].queryset = Competence.objects.filter(organisation=organisation, retired=False)
        if self.instance.pk:
            self.initial["competences"] = list(self.instance.competences.values_list("pk", flat=True))

    def fields_to_save(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SettingsForm(forms.ModelForm):
    class Meta:
        model = CompetenceSettings
        fields = ["sign_offs_expire", "valid_for_months", "remind_weeks_before"]
