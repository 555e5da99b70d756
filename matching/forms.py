from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from access.lookups import record_id_or_none
from alongside.widgets import NamedModelChoiceField
from people.choices import AgeBand, SupportMode
from people.forms import tick_any
from people.models import PeerSupporter

from . import core
from .choices import CRITERION_LABELS, SLOT_CHOICES, ExclusionReason, KeepAwayKind, Priority
from .models import PeerWishes, SupporterDetails

AGE_CHOICES = [("", _("No preference")), *[(v, label) for v, label in AgeBand.choices if v != "prefer_not"]]
PRIORITY_CHOICES = [("", _("As the organisation usually counts it")), *Priority.choices]
WEIGHT_CHOICES = Priority.choices


def _criterion_field(name: str) -> str:
    return f"weight_{name}"


class PeerWishesForm(forms.ModelForm):
    """What matters most to the peer, and the wishes the peer record does not hold. Nothing is required."""

    availability = tick_any(_("Times they are free"), SLOT_CHOICES)
    supporter_age = forms.ChoiceField(label=_("Preferred age of a peer supporter"), choices=AGE_CHOICES, required=False)

    class Meta:
        model = PeerWishes
        fields = ["supporter_age", "prefers_staff_without_lived_experience", "availability"]
        help_texts = {
            "prefers_staff_without_lived_experience": _(
                "Some people would rather not be supported by someone with lived experience. That is fine."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        priorities = self.instance.priorities if self.instance.pk else {}
        for criterion in core.Criterion.ALL:
            self.fields[_criterion_field(criterion)] = forms.TypedChoiceField(
                label=CRITERION_LABELS[criterion],
                choices=PRIORITY_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                initial=priorities.get(criterion, ""),
            )

    def priority_fields(self):
        return [self[_criterion_field(c)] for c in core.Criterion.ALL]

    def wish_fields(self):
        return [self[name] for name in self.Meta.fields]

    def wishes(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["priorities"] = {
            c: self.cleaned_data[_criterion_field(c)]
            for c in core.Criterion.ALL
            if self.cleaned_data.get(_criterion_field(c)) is not None
        }
        return data


class SupporterDetailsForm(forms.ModelForm):
    availability = tick_any(_("Times they are free"), SLOT_CHOICES)
    support_modes = tick_any(_("Ways of meeting they offer"), SupportMode.choices)
    former_peer_number = forms.IntegerField(
        label=_("Were they once a peer here? The number of their own peer record"),
        help_text=_(
            "The number at the end of the address of that record. They are then kept from the peers who went "
            "through the program with them, until a coordinator lifts it."
        ),
        required=False,
        min_value=1,
    )

    class Meta:
        model = SupporterDetails
        fields = [
            "age_band",
            "availability",
            "support_modes",
            "culture",
            "staff_without_lived_experience",
        ]

    def __init__(self, *args, peers, **kwargs):
        super().__init__(*args, **kwargs)
        self.peers = peers  # the peers the person editing may see
        if self.instance.pk and self.instance.former_peer_id:
            self.initial["former_peer_number"] = self.instance.former_peer_id

    def clean_former_peer_number(self):
        number = self.cleaned_data.get("former_peer_number")
        if number is None:
            return None
        peer = self.peers.filter(pk=number).first() if record_id_or_none(number) else None
        if peer is None:
            raise forms.ValidationError(_("No peer record with that number."))
        return peer

    def details(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["former_peer"] = self.cleaned_data["former_peer_number"]
        return data


class ExclusionForm(forms.Form):
    """Who else this person must never be put together with, and why (the reason is seen by coordinators only)."""

    other_supporter = NamedModelChoiceField(
        label=_("A peer supporter"),
        queryset=PeerSupporter.objects.none(),
        required=False,
        label_field="membership__user__display_name",
    )
    other_peer_number = forms.IntegerField(
        label=_("Or another peer: the number of their record"), required=False, min_value=1
    )
    reason = forms.ChoiceField(
        label=_("Why"),
        choices=ExclusionReason.choices,
        widget=forms.RadioSelect,
        initial=ExclusionReason.CHOSE_NOT_TO_SAY,
    )
    note = forms.CharField(
        label=_("A note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only coordinators and admins ever see it."),
    )

    def __init__(self, *args, supporters, peers, **kwargs):
        super().__init__(*args, prefix="exclusion", **kwargs)
        self.fields["other_supporter"].queryset = supporters
        self.peers = peers

    def clean(self):
        data = super().clean()
        supporter, number = data.get("other_supporter"), data.get("other_peer_number")
        if (supporter is None) == (number is None):
            raise forms.ValidationError(_("Choose one person: a peer supporter, or another peer."))
        if number is not None:
            peer = self.peers.filter(pk=number).first() if record_id_or_none(number) else None
            if peer is None:
                self.add_error("other_peer_number", _("No peer record with that number."))
            data["other"] = peer
        else:
            data["other"] = supporter
        return data


class LiftForm(forms.Form):
    reason = forms.CharField(label=_("Why it is lifted"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, prefix: str, **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)


class KeepAwayForm(forms.Form):
    kind = forms.ChoiceField(label=_("What kind of place or circle"), choices=KeepAwayKind.choices)
    words = forms.CharField(
        label=_("Its name"),
        max_length=200,
        help_text=_("Stored encrypted; matched with others only by a keyed fingerprint of the words."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="keepaway", **kwargs)


class MatchingSettingsForm(forms.Form):
    good_enough = forms.IntegerField(
        label=_("Good-enough fit"),
        min_value=0,
        max_value=100,
        help_text=_("From 0 to 100. Below it nobody is suggested: a peer would rather wait for a good fit."),
    )

    def __init__(self, *args, weights: core.Weights, good_enough: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["good_enough"] = good_enough
        for criterion in core.Criterion.ALL:
            self.fields[_criterion_field(criterion)] = forms.TypedChoiceField(
                label=CRITERION_LABELS[criterion], choices=WEIGHT_CHOICES, coerce=int, initial=weights.of(criterion)
            )

    def weights(self) -> dict[str, int]:
        return {c: self.cleaned_data[_criterion_field(c)] for c in core.Criterion.ALL}
