from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import OUTCOMES, FeedDetail, Kind, ReminderLead
from .models import Meeting
from .services import Plan

HOW_LONG = [
    (15, _("15 minutes")),
    (30, _("30 minutes")),
    (45, _("45 minutes")),
    (60, _("1 hour")),
    (90, _("1 hour 30 minutes")),
    (120, _("2 hours")),
    (180, _("3 hours")),
    (240, _("4 hours")),
    (480, _("A whole day (8 hours)")),
]


class MeetingForm(forms.Form):
    """When, how long and what kind; where and a note only if they help (both kept encrypted)."""

    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    at = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    minutes = forms.TypedChoiceField(label=_("How long"), choices=HOW_LONG, coerce=int, initial=60)
    kind = forms.ChoiceField(
        label=_("What it is"), choices=Kind.choices, initial=Kind.MEETING, widget=forms.RadioSelect
    )
    place = forms.CharField(
        label=_("Where"),
        required=False,
        max_length=300,
        help_text=_("Only if it helps you. It is never in a reminder, and in your calendar feed only if you choose."),
    )
    note = forms.CharField(label=_("A note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, meeting: Meeting | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting is not None:
            local = timezone.localtime(meeting.starts_at)
            self.initial.update(
                day=local.date(),
                at=local.time().replace(second=0, microsecond=0),
                minutes=meeting.minutes,
                kind=meeting.kind,
                place=meeting.place,
                note=meeting.note,
            )
            if meeting.minutes not in dict(HOW_LONG):
                self.fields["minutes"].choices = [*HOW_LONG, (meeting.minutes, f"{meeting.minutes}")]
        else:
            self.initial.setdefault("day", timezone.localdate() + timedelta(days=1))
            self.initial.setdefault("at", time(10, 0))

    def clean(self):
        data = super().clean()
        day, at = data.get("day"), data.get("at")
        if day and at:
            try:
                data["starts_at"] = timezone.make_aware(datetime.combine(day, at))
            except (ValueError, OverflowError):
                self.add_error("day", _("Choose a day and a time that exist."))
                return data
            if data["starts_at"] <= timezone.now():
                self.add_error("day", _("This time has passed. Choose a time still to come."))
        return data

    def plan(self) -> Plan:
        data = self.cleaned_data
        return Plan(
            starts_at=data["starts_at"],
            minutes=data["minutes"],
            kind=data["kind"],
            place=data["place"],
            note=data["note"],
        )


class OutcomeForm(forms.Form):
    status = forms.ChoiceField(choices=[(s.value, s.label) for s in OUTCOMES])


class SettingsForm(forms.Form):
    reminder_lead = forms.ChoiceField(
        label=_("Email me a reminder before each meeting"),
        choices=ReminderLead.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "A reminder says only the time: “You have a meeting at 14:00 tomorrow”, with a link. Never who or where."
        ),
    )
    feed_detail = forms.ChoiceField(
        label=_("What your calendar feed shows"),
        choices=FeedDetail.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Your phone's calendar may be seen by others, or copied to another company's servers. "
            "The peer's name is never in it."
        ),
    )
