from __future__ import annotations

from django import forms
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.choices import SupporterStage

from .models import (
    NEEDS_A_REASON,
    BarrierStatus,
    Judgement,
    MovingOnReason,
    Post,
    QualificationNeed,
    ReadinessCriterion,
)


class MoveForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move them to"), choices=SupporterStage.choices)
    reason = forms.ChoiceField(
        label=_("Why (needed for a break or moving on)"),
        choices=[("", "—"), *MovingOnReason.choices],
        required=False,
    )
    why = forms.CharField(label=_("In a few words (optional, unless something else)"), required=False,
                          widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)  # fmt: skip

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [c for c in SupporterStage.choices if c[0] != current]

    def clean(self):
        data = super().clean()
        if data.get("stage") in NEEDS_A_REASON:
            if not data.get("reason"):
                self.add_error("reason", _("Say why: choose a reason from the list."))
            elif data["reason"] == MovingOnReason.OTHER and not data.get("why", "").strip():
                self.add_error("why", _("Say in a few words why."))
        return data


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["title", "engagement", "hours", "qualities", "is_open"]
        widgets = {"qualities": forms.Textarea(attrs={"rows": 5})}


class QualificationForm(forms.Form):
    what = forms.CharField(label=_("Qualification"), max_length=200, required=False)
    need = forms.ChoiceField(label=_("How it is needed"), choices=QualificationNeed.choices,
                             initial=QualificationNeed.WORKING_TOWARDS)  # fmt: skip


QualificationFormSet = formset_factory(QualificationForm, extra=2, max_num=20, absolute_max=20)


class CriterionForm(forms.ModelForm):
    class Meta:
        model = ReadinessCriterion
        fields = ["name", "name_fr", "prompt", "threshold_years", "position", "retired"]
        widgets = {"prompt": forms.Textarea(attrs={"rows": 2})}


class ConversationForm(forms.Form):
    held_on = forms.DateField(
        label=_("When"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"})
    )
    judgement = forms.ChoiceField(label=_("What you decided together"), choices=Judgement.choices,
                                  widget=forms.RadioSelect)  # fmt: skip
    reasons = forms.CharField(label=_("The reasons"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    support_agreed = forms.CharField(label=_("The support agreed (if ready with support)"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)  # fmt: skip
    talk_again_on = forms.DateField(label=_("When to talk again (if not yet)"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"note_{criterion.pk}"] = forms.CharField(
                label=str(criterion), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=5000,
                help_text=criterion.prompt,
            )  # fmt: skip
            self.fields[f"flag_{criterion.pk}"] = forms.BooleanField(
                label=_("Something to come back to"), required=False
            )

    def note_rows(self):
        return [(c, self[f"note_{c.pk}"], self[f"flag_{c.pk}"]) for c in self.criteria]

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        if data.get("held_on") and data["held_on"] > today:
            self.add_error("held_on", _("The conversation cannot be in the future."))
        if data.get("judgement") == Judgement.NOT_YET:
            if not data.get("talk_again_on"):
                self.add_error("talk_again_on", _("Say when to talk again."))
            elif data["talk_again_on"] <= today:
                self.add_error("talk_again_on", _("Choose a day after today."))
        return data

    def notes(self) -> dict[int, tuple[str, bool]]:
        return {c.pk: (self.cleaned_data[f"note_{c.pk}"], self.cleaned_data[f"flag_{c.pk}"]) for c in self.criteria}


class BarrierForm(forms.Form):
    what = forms.CharField(label=_("What is in the way"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000,
                           help_text=_("For example a background check, a document, childcare. Kept privately."))  # fmt: skip
    help_offered = forms.CharField(label=_("The help offered"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)  # fmt: skip


class CloseBarrierForm(forms.Form):
    barrier = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Where it is"), choices=BarrierStatus.choices)


class FormerPeerForm(forms.Form):
    peer_number = forms.IntegerField(label=_("Their record number from when they were a peer here"), min_value=1,
                                     max_value=2**31 - 1)  # fmt: skip
    agreed_on = forms.DateField(label=_("The day they agreed to the link"), initial=timezone.localdate,
                                widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    explained = forms.BooleanField(
        label=_("I explained that the link keeps them apart from people they went through the program with, "
                "and who will see their earlier record (only those who may see that peer)."),
    )  # fmt: skip
