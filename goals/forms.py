from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Partner

from .choices import GoalKind, GoalStatus, Helper, Voice
from .models import Goal, LifeDomain
from .services import GoalWords, domains_of


class DomainChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return str(obj)


class GoalForm(forms.Form):
    """A goal of the peer's plan. Only the words are needed; everything else can wait."""

    words = forms.CharField(
        label=_("The goal, in their own words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("Write it the way they said it. It is their goal."),
    )
    voice = forms.ChoiceField(label=_("Whose words are these?"), choices=Voice.choices, widget=forms.RadioSelect)
    kind = forms.ChoiceField(
        label=_("Is it a basic need or a longer-term goal?"),
        choices=GoalKind.choices,
        widget=forms.RadioSelect,
        help_text=_("Basic needs, such as a safe place to stay tonight or food, come first on the plan."),
    )
    domain = DomainChoice(label=_("Area of life"), queryset=LifeDomain.objects.none(), required=False)
    helpers = forms.MultipleChoiceField(
        label=_("Who helps"),
        choices=Helper.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "checkbox-list"}),
    )
    partner = forms.ModelChoiceField(
        label=_("Which partner organisation"), queryset=Partner.objects.none(), required=False
    )
    someone_else = forms.CharField(
        label=_("Who else helps"),
        required=False,
        max_length=200,
        help_text=_("For example: a friend, a case worker, a teacher."),
    )
    review_on = forms.DateField(
        label=_("When to look at it again"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(label=_("Where it is"), choices=GoalStatus.choices, widget=forms.RadioSelect)

    def __init__(self, *args, organisation, goal: Goal | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        domains = domains_of(organisation)
        if goal is not None and goal.domain_id is not None:
            domains = domains_of(organisation, with_retired=True).filter(pk=goal.domain_id) | domains
        self.fields["domain"].queryset = domains
        self.fields["domain"].empty_label = _("Not chosen")
        self.fields["partner"].queryset = Partner.objects.filter(organisation=organisation)
        self.fields["partner"].empty_label = _("None")
        if goal is not None:
            for name in ("words", "voice", "kind", "helpers", "someone_else", "review_on", "status"):
                self.initial.setdefault(name, getattr(goal, name))
            self.initial.setdefault("domain", goal.domain_id)
            self.initial.setdefault("partner", goal.partner_id)
        else:
            del self.fields["status"]  # a new goal is one they are working on
        self.initial.setdefault("voice", Voice.PEER)
        self.initial.setdefault("kind", GoalKind.LONGER_TERM)

    def goal(self) -> GoalWords:
        data = self.cleaned_data
        return GoalWords(
            words=data["words"],
            voice=data["voice"],
            kind=data["kind"],
            domain=data.get("domain"),
            helpers=tuple(data.get("helpers") or ()),
            partner=data.get("partner"),
            someone_else=data.get("someone_else") or "",
            review_on=data.get("review_on"),
            status=data.get("status") or GoalStatus.WORKING_ON,
        )


class StepForm(forms.Form):
    words = forms.CharField(
        label=_("A small step"), max_length=500, help_text=_("In plain words: what, and by when if it helps.")
    )


class ProgressForm(forms.Form):
    words = forms.CharField(label=_("How it is going"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    voice = forms.ChoiceField(label=_("Whose words are these?"), choices=Voice.choices, widget=forms.RadioSelect)
    written_on = forms.DateField(label=_("When"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("voice", Voice.PEER)
        self.initial.setdefault("written_on", timezone.localdate())

    def clean_written_on(self):
        value = self.cleaned_data["written_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("This is in the future. When was it said?"))
        return value


class DomainForm(forms.Form):
    name = forms.CharField(label=_("Name in English"), max_length=100)
    name_fr = forms.CharField(label=_("Name in French"), max_length=100, required=False)


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Show it in"), choices=settings.LANGUAGES)
