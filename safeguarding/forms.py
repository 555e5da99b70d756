from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Membership, Role

from .choices import Authority, FlagKind, Outcome, PeerTold, Report, Urgency
from .services import MAY_BE_DUTY_COORDINATOR, MAY_DEPUTISE, TEXT_LIMIT


def _text(label, help_text="", rows=3, required=False):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _date(label, required=True):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(attrs={"type": "date"}))


class ConcernForm(forms.Form):
    """Something worries me: how soon, and what happened. Nothing else."""

    urgency = forms.ChoiceField(
        label=_("How soon does someone need to look at this?"), choices=Urgency.choices, widget=forms.RadioSelect
    )
    what_happened = _text(
        _("What happened?"),
        _("In your own words. Only you, the people it goes to and coordinators will read it."),
        rows=4,
        required=True,
    )


class ActionForm(forms.Form):
    what = _text(_("What needs doing"), rows=2, required=True)
    due_on = _date(_("By when"))


class TellingForm(forms.Form):
    peer_told = forms.ChoiceField(
        label=_("Was the peer told first?"), choices=PeerTold.choices, widget=forms.RadioSelect
    )
    not_told_why = _text(_("If not, why not?"), rows=2)
    peer_wishes = _text(
        _("What the peer wants"), _("For example, whether they want the police involved, and who may know."), rows=3
    )

    def clean(self):
        data = super().clean()
        if data.get("peer_told") == PeerTold.NO and not (data.get("not_told_why") or "").strip():
            self.add_error("not_told_why", _("Say why they were not told first."))
        return data


class ReportForm(forms.Form):
    report = forms.ChoiceField(label=_("A report to an authority"), choices=Report.choices, widget=forms.RadioSelect)
    authority = forms.ChoiceField(label=_("Which authority"), choices=[("", "—"), *Authority.choices], required=False)
    reported_on = _date(_("When it was reported"), required=False)
    notes = _text(_("Why, and what was shared"), rows=3)

    def clean(self):
        data = super().clean()
        if data.get("report") == Report.REPORTED:
            if not data.get("authority"):
                self.add_error("authority", _("Say which authority it was reported to."))
            if not data.get("reported_on"):
                self.add_error("reported_on", _("Say when it was reported."))
            elif data["reported_on"] > timezone.localdate():
                self.add_error("reported_on", _("This is in the future."))
        return data


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect)
    notes = _text(_("About the outcome"), rows=2)


class FlagForm(forms.Form):
    kind = forms.ChoiceField(label=_("Flag"), choices=FlagKind.choices, widget=forms.RadioSelect)
    details = _text(_("Details"), _("What to do when you meet them (needed for 'Something else')."), rows=2)

    def clean(self):
        data = super().clean()
        if data.get("kind") == FlagKind.OTHER and not (data.get("details") or "").strip():
            self.add_error("details", _("Say what to do when you meet them."))
        return data


class AggressionForm(forms.Form):
    happened_on = _date(_("When it happened"))
    description = _text(_("What happened"), rows=3, required=True)

    def clean_happened_on(self):
        day = self.cleaned_data["happened_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("This is in the future."))
        return day


class CheckInForm(forms.Form):
    where = _text(_("Where you are going"), _("An address or a place, so someone can find you."), rows=2)
    back_in = forms.TypedChoiceField(
        label=_("When you expect to be back"),
        coerce=int,
        choices=[
            (30, _("In 30 minutes")),
            (60, _("In an hour")),
            (90, _("In an hour and a half")),
            (120, _("In 2 hours")),
            (180, _("In 3 hours")),
            (240, _("In 4 hours")),
        ],
        initial=60,
    )

    def back_by(self) -> datetime:
        return timezone.now() + timedelta(minutes=self.cleaned_data["back_in"])


class MemberChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.user.display_name} ({obj.get_role_display()})"


class OnCallForm(forms.Form):
    starts_on = _date(_("From"))
    ends_on = _date(_("Until"))
    duty_coordinator = MemberChoice(label=_("Duty coordinator"), queryset=Membership.objects.none())
    default_deputy = MemberChoice(
        label=_("Deputy"),
        queryset=Membership.objects.none(),
        required=False,
        help_text=_("Receives a concern when the raiser's supervisor is away, unless someone is named below."),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        members = Membership.objects.filter(organisation=organisation, is_active=True).select_related("user")
        members = members.order_by("user__display_name")
        self.fields["duty_coordinator"].queryset = members.filter(role__in=MAY_BE_DUTY_COORDINATOR)
        self.fields["default_deputy"].queryset = members.filter(role__in=MAY_DEPUTISE)
        self.supervisors = list(members.filter(role=Role.SUPERVISOR))
        for supervisor in self.supervisors:
            self.fields[f"deputy_for_{supervisor.pk}"] = MemberChoice(
                label=_("Deputy for %(name)s") % {"name": supervisor.user.display_name},
                queryset=members.filter(role__in=MAY_DEPUTISE).exclude(pk=supervisor.pk),
                required=False,
            )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("This is before the first day."))
        return data

    def deputies(self) -> dict[Membership, Membership]:
        return {
            supervisor: self.cleaned_data[f"deputy_for_{supervisor.pk}"]
            for supervisor in self.supervisors
            if self.cleaned_data.get(f"deputy_for_{supervisor.pk}")
        }
