from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Partner
from people.forms import tick_any

from .models import ASK_AGAIN, Arrival, BasicNeed, IntakeConversation, WaitingReason, WaitingSettings
from .services import ANSWERS

NOTES_LENGTH = 4000  # characters in one answer

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _notes(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class IntakeForm(forms.ModelForm):
    """The conversation, in the order it is had. Every question can be left unanswered."""

    needs_first = tick_any(_("What needs to come first"), BasicNeed.choices)

    class Meta:
        model = IntakeConversation
        fields = list(ANSWERS)  # every answer of the conversation, as the service names them
        widgets = {
            "had_on": DATE,
            "ask_again_on": DATE,
            "safety_notes": _notes(),
            "network_notes": _notes(),
            "places_to_avoid": _notes(),
            "people_to_avoid": _notes(),
            "needs_first_notes": _notes(),
            "wants_notes": _notes(),
        }
        help_texts = {
            "safety_notes": _("For example: only meet away from where they live; never send letters."),
            "places_to_avoid": _("Areas, venues or communities. Shared only with the people who arrange meetings."),
            "people_to_avoid": _("Only what keeps them safe. Initials or a description are enough."),
            "ask_again_on": _("If you leave it empty, we will ask again in three months."),
        }

    def __init__(self, *args, sees_network_links: bool, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False  # nothing is required; an empty date means today
            field.show_hidden_initial = False
            if isinstance(field.widget, forms.Textarea):  # words, not documents
                field.max_length = NOTES_LENGTH
                field.validators.append(MaxLengthValidator(NOTES_LENGTH))
                field.widget.attrs["maxlength"] = str(NOTES_LENGTH)
        self.sees_network_links = sees_network_links
        if not sees_network_links:
            # What was said before is not shown to this member; it is kept unless they answer again.
            for name in ("network_link", "network_notes"):
                self.initial.pop(name, None)
                self.fields[name].help_text = _(
                    "Only coordinators read this back. Anything said before is kept, with what you add."
                )

    def clean_had_on(self):
        had_on = self.cleaned_data.get("had_on")
        if had_on and had_on > timezone.localdate():
            raise forms.ValidationError(_("This is in the future. When was the conversation had?"))
        return had_on

    def clean(self):
        data = super().clean()
        if data.get("wants_peer_support") not in ASK_AGAIN:
            data["ask_again_on"] = None
        # An empty day is today (as the service reads it), so a date to ask again is checked against it too.
        ask_again, had_on = data.get("ask_again_on"), data.get("had_on") or timezone.localdate()
        if ask_again and had_on and ask_again < had_on:
            self.add_error("ask_again_on", _("This is before the conversation. When should we ask again?"))
        return data

    def answers(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class ArrivalForm(forms.ModelForm):
    class Meta:
        model = Arrival
        fields = ["route", "partner", "arrived_on"]
        widgets = {"arrived_on": DATE}
        help_texts = {"partner": _("Only when a partner referred them.")}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.filter(organisation=organisation)

    def clean_arrived_on(self):
        arrived_on = self.cleaned_data.get("arrived_on")
        if arrived_on and arrived_on > timezone.localdate():
            raise forms.ValidationError(_("This is in the future. When did they come to us?"))
        return arrived_on

    def clean(self):
        data = super().clean()
        if data.get("partner") is not None and data.get("route") != "partner":
            self.add_error("partner", _("Choose “A partner referred them”, or leave the partner empty."))
        return data

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class WaitingReasonForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why they are waiting"), choices=[("", _("Not said yet"))] + WaitingReason.choices, required=False
    )


class WaitingSettingsForm(forms.ModelForm):
    class Meta:
        model = WaitingSettings
        fields = ["threshold_days"]
        help_texts = {
            "threshold_days": _(
                "Coordinators see on their dashboard how many peers have waited longer than this for a peer supporter."
            )
        }
