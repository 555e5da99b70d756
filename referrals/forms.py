from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Partner
from people.models import ContactMethod, Peer

from . import shareable
from .models import Outcome, StepKind, WarmHandoff
from .services import ACKNOWLEDGE_WITHIN_DAYS, OUTCOME_WITHIN_DAYS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ReferralForm(forms.Form):
    partner = forms.ModelChoiceField(label=_("Partner"), queryset=Partner.objects.none())
    partner_email = forms.EmailField(
        label=_("The partner's email address for referrals"),
        help_text=_("Their link goes here. Nothing about the peer is in the email, only the link."),
    )
    asked = forms.CharField(label=_("What are you asking of the partner?"), widget=forms.Textarea(attrs={"rows": 3}))
    items = forms.MultipleChoiceField(
        label=_("What they agree to share with this partner"),
        help_text=_("Read each one with them. Only what is ticked is shown to the partner; nothing else."),
        choices=[(item.code, item.label) for item in shareable.ITEMS],
        widget=forms.CheckboxSelectMultiple,
    )
    contact_method = forms.ModelChoiceField(
        label=_("The one way to reach them they agree to share"),
        queryset=ContactMethod.objects.none(),
        required=False,
        empty_label=_("None"),
    )
    note_for_partner = forms.CharField(
        label=_("A note for the partner"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    warm_handoff = forms.ChoiceField(
        label=_("A warm handoff?"), choices=WarmHandoff.choices, required=False, widget=forms.RadioSelect
    )
    explained_at = forms.DateTimeField(
        label=_("When you explained to them what would be shared, and with whom"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    acknowledge_by = forms.DateField(label=_("The partner should acknowledge it by"), widget=DATE)
    outcome_by = forms.DateField(label=_("We would like to know how it went by"), widget=DATE)

    def __init__(self, *args, peer: Peer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.filter(organisation_id=peer.organisation_id)
        methods = ContactMethod.objects.filter(peer=peer, is_safe=True)
        self.fields["contact_method"].queryset = methods
        self.fields["contact_method"].label_from_instance = lambda m: (
            f"{m.get_channel_display()}: {m.detail}" if m.detail else str(m.get_channel_display())
        )
        today = timezone.localdate()
        self.initial.setdefault("explained_at", timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
        self.initial.setdefault("acknowledge_by", today + timedelta(days=ACKNOWLEDGE_WITHIN_DAYS))
        self.initial.setdefault("outcome_by", today + timedelta(days=OUTCOME_WITHIN_DAYS))

    def clean(self):
        data = super().clean()
        if "contact" in (data.get("items") or []) and not data.get("contact_method"):
            self.add_error("contact_method", _("Choose the one way to reach them, or untick it above."))
        when = data.get("explained_at")
        if when and when > timezone.now() + timedelta(minutes=5):
            self.add_error("explained_at", _("This is in the future. When did you explain it?"))
        return data


class StepForm(forms.Form):
    """The next step of a referral: recorded by a member, or answered by the partner through their link."""

    kind = forms.ChoiceField(
        label=_("What happened"),
        widget=forms.RadioSelect,
        choices=[
            (StepKind.ACKNOWLEDGED, _("The partner has the referral")),
            (StepKind.APPOINTMENT, _("A first appointment is set")),
            (StepKind.OUTCOME, _("We know how it went")),
        ],
    )
    on = forms.DateField(label=_("Date of the first appointment"), widget=DATE, required=False)
    outcome = forms.ChoiceField(label=_("How it went"), choices=[("", "—"), *Outcome.choices], required=False)

    def __init__(self, *args, allowed: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [c for c in self.fields["kind"].choices if c[0] in allowed]
        if self.fields["kind"].choices:
            self.initial.setdefault("kind", self.fields["kind"].choices[0][0])

    def clean(self):
        data = super().clean()
        if data.get("kind") == StepKind.APPOINTMENT and not data.get("on"):
            self.add_error("on", _("Give the date of the first appointment."))
        if data.get("kind") == StepKind.OUTCOME and not data.get("outcome"):
            self.add_error("outcome", _("Choose how it went."))
        return data


class TakeBackForm(forms.Form):
    items = forms.MultipleChoiceField(
        label=_("What they take back"),
        help_text=_("Leave all unticked if they take back everything. Either way, the partner's link stops now."),
        choices=(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, codes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(c, shareable.BY_CODE[c].label) for c in codes if c in shareable.BY_CODE]
