from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alongside.fields import RecordsField

from .choices import Approach, Arranged, Every, Format, Status, Topic
from .models import Session
from .schedule import Schedule
from .services import Facts, WhatWasSaid

LONGEST = 8 * 60  # minutes: a day of supervision at most


def _line(label):
    return forms.CharField(label=label, required=False, max_length=1000, widget=forms.TextInput)


class SessionForm(forms.Form):
    """A session: when, how, and what was said of this supervisee, with a line per peer they work with.
    Only the date is asked for; everything else has a plain default."""

    held_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    minutes = forms.IntegerField(label=_("Length in minutes"), min_value=5, max_value=LONGEST, initial=60)
    status = forms.ChoiceField(label=_("Held or cancelled"), choices=Status.choices, initial=Status.HELD)
    format = forms.ChoiceField(label=_("One-to-one or group"), choices=Format.choices, initial=Format.ONE_TO_ONE)
    others = RecordsField(
        label=_("Others in the group"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
        help_text=_("Only for a group: the other peer supporters you supervise who were there."),
    )
    arranged = forms.ChoiceField(label=_("Planned or ad hoc"), choices=Arranged.choices, initial=Arranged.PLANNED)
    approach = forms.ChoiceField(label=_("Kind of supervision"), choices=Approach.choices, initial=Approach.PEER)
    external_supervisor = forms.CharField(
        label=_("External supervisor's name"),
        required=False,
        max_length=120,
        help_text=_("Only if someone from outside ran it (a clinical supervisor, say). Leave empty if it was you."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Seen only by them, by you and by whoever supervises them. Never by coordinators."),
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics that came up"),
        choices=Topic.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
    )

    def __init__(self, *args, caseload=(), others=None, editing: Session | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.caseload = list(caseload)
        if editing is not None:
            del self.fields["format"], self.fields["others"]
        else:
            self.fields["others"].queryset = others
            self.fields["held_on"].initial = timezone.localdate()
        for peer in self.caseload:
            self.fields[f"peer_{peer.pk}"] = _line(peer.chosen_name)

    def caseload_fields(self):
        return [self[f"peer_{peer.pk}"] for peer in self.caseload]

    def clean_held_on(self):
        day = self.cleaned_data["held_on"]
        if day > timezone.localdate() + timedelta(days=366):
            raise forms.ValidationError(_("Please choose a date within the next year."))
        return day

    def clean(self):
        data = super().clean()
        status, day = data.get("status"), data.get("held_on")
        if status == Status.HELD and day and day > timezone.localdate():
            self.add_error("status", _("A session in the future is planned, not yet held."))
        if data.get("format") == Format.ONE_TO_ONE and data.get("others"):
            self.add_error("others", _("A one-to-one session has nobody else in it: choose group, or untick them."))
        return data

    def facts(self, session_format: str | None = None) -> Facts:
        d = self.cleaned_data
        return Facts(
            format=session_format or d["format"],
            arranged=d["arranged"],
            approach=d["approach"],
            held_on=d["held_on"],
            minutes=d["minutes"],
            status=d["status"],
            external_supervisor=d["external_supervisor"],
        )

    def said(self) -> WhatWasSaid:
        d = self.cleaned_data
        return WhatWasSaid(
            notes=d["notes"].strip(),
            topics=tuple(d["topics"]),
            caseload={peer.pk: d.get(f"peer_{peer.pk}", "") for peer in self.caseload},
        )


class ReflectionForm(forms.Form):
    reflection = forms.CharField(
        label=_("Your own reflection"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional. What stayed with you, in your own words. Your supervisor reads it too."),
    )


class FrequencyForm(forms.Form):
    first_every = forms.ChoiceField(label=_("At first"), choices=Every.choices)
    first_weeks = forms.IntegerField(label=_("For how many weeks"), min_value=0, max_value=104)
    then_every = forms.ChoiceField(label=_("Then"), choices=Every.choices)
    then_weeks = forms.IntegerField(label=_("For how many more weeks"), min_value=0, max_value=104)
    after_every = forms.ChoiceField(label=_("After that"), choices=Every.choices)
    reason = forms.CharField(
        label=_("Why it changes"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Seen by them, their supervisor and coordinators."),
    )

    def __init__(self, *args, needs_reason: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_reason:
            del self.fields["reason"]

    def plan(self) -> Schedule:
        d = self.cleaned_data
        return Schedule(d["first_every"], d["first_weeks"], d["then_every"], d["then_weeks"], d["after_every"])
