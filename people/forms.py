from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from organisations.models import Membership

from . import choices
from .models import Assignment, AssignmentKind, ContactMethod, Peer, PeerSupporter


class CheckboxList(forms.CheckboxSelectMultiple):
    """Checkboxes laid out in columns (see alongside.css)."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "checkbox-list", **(attrs or {})}, choices)


def tick_any(label, options) -> forms.MultipleChoiceField:
    """An optional list of checkboxes: tick any, or none."""
    return forms.MultipleChoiceField(label=label, choices=options, required=False, widget=CheckboxList)


# The peer form in the order it is shown, section by section.
PEER_FORM_SECTIONS = {
    "about": [
        "chosen_name",
        "pronouns",
        "age_band",
        "gender",
        "gender_in_own_words",
        "languages",
        "country_of_origin",
    ],
    "safety": ["safe_times", "code_word", "safety_notes"],
    "needs": ["needs", "needs_notes", "primary_need"],
    "preferences": [
        "support_format",
        "support_modes",
        "frequency",
        "supporter_gender",
        "supporter_language",
        "supporter_culture",
    ],
}


class PeerForm(forms.ModelForm):
    """Only a chosen name is needed. Everything else can be filled in later, or never."""

    languages = tick_any(_("Languages they speak"), choices.LANGUAGES)
    needs = tick_any(_("Areas they would like support with"), choices.NeedDomain.choices)
    support_modes = tick_any(_("Ways of meeting that suit them"), choices.SupportMode.choices)

    class Meta:
        model = Peer
        fields = [name for section in PEER_FORM_SECTIONS.values() for name in section]
        widgets = {
            "safe_times": forms.Textarea(attrs={"rows": 2}),
            "safety_notes": forms.Textarea(attrs={"rows": 3}),
            "needs_notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "pronouns": _("For example she/her, they/them. Leave empty if not known."),
            "safe_times": _("For example: weekday mornings only; never at weekends."),
        }

    def section(self, name: str):
        return [self[field] for field in PEER_FORM_SECTIONS[name]]

    def about(self):
        return self.section("about")

    def safety(self):
        return self.section("safety")

    def need_fields(self):
        return self.section("needs")

    def preferences(self):
        return self.section("preferences")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["needs"] = [n.domain for n in self.instance.needs.all()]

    def clean(self):
        data = super().clean()
        if data.get("gender") != choices.Gender.SELF_DESCRIBED:
            data["gender_in_own_words"] = ""
        return data

    def peer_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields if name != "needs"}


class ContactMethodForm(forms.ModelForm):
    class Meta:
        model = ContactMethod
        fields = ["channel", "detail", "is_safe", "leave_message"]
        help_texts = {"is_safe": _("Only safe ways are shown on screens that say how to reach them.")}


ContactMethodFormSet = forms.modelformset_factory(
    ContactMethod, form=ContactMethodForm, extra=2, max_num=6, can_delete=True
)


def contact_methods_from(formset) -> list[dict]:
    return [
        {name: form.cleaned_data[name] for name in ContactMethodForm.Meta.fields}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE") and (form.instance.pk or form.has_changed())
    ]


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["worker", "kind", "starts_on", "ends_on", "reason"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
            "reason": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = (
            Membership.objects.active()
            .filter(organisation=organisation, role__in=["peer_supporter", "staff", "supervisor", "coordinator"])
            .select_related("user")
            .order_by("user__display_name")
        )
        self.fields["worker"].label_from_instance = lambda m: f"{m.user.display_name} ({m.get_role_display()})"
        # Cover is arranged on the away supporter's cover page (continuity), for the dates they are away.
        self.fields["kind"].choices = [c for c in AssignmentKind.choices if c[0] != AssignmentKind.COVER]


class PeerSupporterForm(forms.ModelForm):
    lived_experience = tick_any(_("Lived experience they are willing to draw on"), choices.LivedExperience.choices)
    languages = tick_any(_("Languages"), choices.LANGUAGES)

    class Meta:
        model = PeerSupporter
        fields = [
            "lived_experience",
            "languages",
            "gender",
            "availability",
            "capacity",
            "employment",
            # The stage changes only through recruitment.stages.move_to_stage, which keeps its history.
            "supervisor",
            "started_on",
        ]
        widgets = {
            "availability": forms.Textarea(attrs={"rows": 2}),
            "started_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = (
            Membership.objects.active().filter(organisation=organisation, role="supervisor").select_related("user")
        )
        self.fields["supervisor"].label_from_instance = lambda m: m.user.display_name


class PeerSearchForm(forms.Form):
    q = forms.CharField(label=_("Find by name"), required=False, max_length=120)
