from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Role
from people.choices import EndingReason
from people.models import PeerSupporter

from .choices import ComeBackTo

DATE = forms.DateInput(attrs={"type": "date"})


def _text(label, help_text="", rows=3):
    return forms.CharField(
        label=label, required=False, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows}), max_length=4000
    )


class EndingForm(forms.Form):
    ends_on = forms.DateField(
        label=_("The last day of the support"),
        widget=DATE,
        help_text=_("Today or a later day. The support goes on until then."),
    )
    reason = forms.ChoiceField(
        label=_("Why it ends"), choices=EndingReason.choices, widget=forms.RadioSelect, initial=EndingReason.PREFER_NOT
    )

    def clean_ends_on(self):
        day = self.cleaned_data["ends_on"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later day."))
        return day


class ClosingConversationForm(forms.Form):
    had_on = forms.DateField(label=_("When you talked"), widget=DATE)
    in_their_words = _text(
        _("What they said, in their words"),
        _("How the support was for them, what helped, what they take with them. Only what they are happy to keep."),
        rows=4,
    )
    come_back_to = forms.ChoiceField(
        label=_("If they come back, who would they like to see?"),
        choices=ComeBackTo.choices,
        widget=forms.RadioSelect,
        initial=ComeBackTo.NOT_SAID,
    )
    if_they_come_back = _text(_("Anything else they would like if they come back"))

    def clean_had_on(self):
        day = self.cleaned_data["had_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Choose today or an earlier day."))
        return day


class ComingBackForm(forms.Form):
    supporter = forms.ModelChoiceField(label=_("Their peer supporter"), queryset=PeerSupporter.objects.none())

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supporter"].queryset = (
            PeerSupporter.objects.filter(
                organisation=organisation,
                membership__is_active=True,
                membership__role=Role.PEER_SUPPORTER,
                erased_at__isnull=True,
            )
            .select_related("membership__user")
            .order_by("membership__user__display_name")
        )
        self.fields["supporter"].label_from_instance = lambda s: s.membership.user.display_name
