from __future__ import annotations

from datetime import timedelta

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from matching.choices import SLOT_CHOICES

from .choices import Channel, HowOften, OwnStory, PeerExperience
from .models import SupportAgreement
from .services import Terms

REVIEW_AFTER = timedelta(weeks=12)


def _ticks(label, help_text=""):
    return forms.MultipleChoiceField(
        label=label,
        choices=Channel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
        help_text=help_text,
    )


def _text(label, help_text="", rows=2):
    return forms.CharField(
        label=label, required=False, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows}), max_length=2000
    )


class AgreementForm(forms.Form):
    """What the peer and their peer supporter agreed. Only how often and when to review are asked for."""

    agreed_on = forms.DateField(label=_("The day you agreed it"), widget=forms.DateInput(attrs={"type": "date"}))
    how_often = forms.ChoiceField(label=_("How often you will be in touch"), choices=HowOften.choices)
    channels = _ticks(_("Ways you will be in touch"))
    never_channels = _ticks(_("Ways you will never use"), _("For example: never on social media."))
    contact_notes = _text(_("Anything else about being in touch"))
    contact_hours = _text(_("The hours contact is expected"), _("For example: weekdays between 10am and 4pm."), rows=1)
    agreed_times = forms.MultipleChoiceField(
        label=_("The times you agreed, ticked"),
        choices=SLOT_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
        help_text=_("Optional. Contacts outside these times are marked, gently, so they can be talked about."),
    )
    out_of_hours = _text(
        _("Who to contact outside those hours"),
        _("Outside these hours the peer supporter is not on call. Who can the peer reach instead?"),
    )
    supporter_story = forms.ChoiceField(
        label=_("Will the peer supporter draw on their own story?"),
        choices=OwnStory.choices,
        widget=forms.RadioSelect,
    )
    peer_experience = forms.ChoiceField(
        label=_("Does the peer want to talk about their own experience?"),
        choices=PeerExperience.choices,
        widget=forms.RadioSelect,
        help_text=_("Neither of you talking about your own experience is a choice too."),
    )
    sharing_notes = _text(_("Anything else about what stays between you"))
    crisis_contact = _text(_("Who to contact in a crisis"), _("A name, a number or a service, as you agreed."))
    review_on = forms.DateField(
        label=_("When you will look at this agreement again"), widget=forms.DateInput(attrs={"type": "date"})
    )
    other_notes = _text(_("Anything else you agreed"), rows=3)

    def __init__(self, *args, current: SupportAgreement | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        if current is not None:
            for name in self.fields:
                self.initial.setdefault(name, getattr(current, name))
            self.initial["agreed_on"] = today  # a new version is agreed today, unless they say otherwise
            if current.review_on < today:
                self.initial["review_on"] = today + REVIEW_AFTER
        self.initial.setdefault("agreed_on", today)
        self.initial.setdefault("review_on", today + REVIEW_AFTER)
        self.initial.setdefault("supporter_story", OwnStory.NOT_DECIDED)
        self.initial.setdefault("peer_experience", PeerExperience.NOT_DECIDED)

    def clean(self):
        data = super().clean()
        both = set(data.get("channels") or ()) & set(data.get("never_channels") or ())
        if both:
            self.add_error("never_channels", _("A way of being in touch cannot be both used and never used."))
        agreed_on, review_on = data.get("agreed_on"), data.get("review_on")
        if agreed_on and agreed_on > timezone.localdate():
            self.add_error("agreed_on", _("This is in the future. When did you agree it?"))
        if agreed_on and review_on and review_on < agreed_on:
            self.add_error("review_on", _("This is before the day you agreed it."))
        return data

    def terms(self) -> Terms:
        data = dict(self.cleaned_data)
        data["channels"], data["never_channels"] = tuple(data["channels"]), tuple(data["never_channels"])
        data["agreed_times"] = tuple(data["agreed_times"])
        return Terms(**data)


class ThresholdForm(forms.Form):
    version = forms.IntegerField(
        label=_("Version"),
        min_value=1,
        max_value=10_000,
        help_text=_("Use the same version number for the same wording in another language."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    body = forms.CharField(
        label=_("What stays between a peer and their peer supporter, and what must be shared"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text=_("Every agreement shows these words exactly as written here."),
    )


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Show it in"), choices=settings.LANGUAGES)
