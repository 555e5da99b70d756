from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.choices import NeedDomain

from .choices import LENGTHS, How, Kind
from .models import ContactSettings
from .services import NOTE_LENGTH, Entry

OTHER = "other"
LENGTH_CHOICES = [(str(n), _("%(n)s min") % {"n": n}) for n in LENGTHS] + [(OTHER, _("Other"))]
MOMENT_FORMAT = "%Y-%m-%dT%H:%M"


class ContactForm(forms.Form):
    """One page, a default for everything: a contact can be logged with two or three taps."""

    happened_at = forms.DateTimeField(
        label=_("When"),
        input_formats=[MOMENT_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=MOMENT_FORMAT),
    )
    how = forms.ChoiceField(label=_("How"), choices=How.choices, widget=forms.RadioSelect)
    length = forms.ChoiceField(label=_("How long"), choices=LENGTH_CHOICES, widget=forms.RadioSelect)
    other_minutes = forms.IntegerField(
        label=_("Minutes"),
        required=False,
        min_value=1,
        max_value=24 * 60,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    kind = forms.ChoiceField(label=_("What kind"), choices=Kind.choices, widget=forms.RadioSelect)
    needs = forms.MultipleChoiceField(
        label=_("The needs it touched"), choices=NeedDomain.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=_("Private note"),
        required=False,
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only you and your supervisor can read it."),
    )

    def __init__(self, *args, goods=(), peer_needs=(), how: str = How.IN_PERSON, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("happened_at", timezone.localtime().strftime(MOMENT_FORMAT))
        self.initial.setdefault("how", how)
        self.initial.setdefault("length", "30")
        self.initial.setdefault("kind", Kind.CHECK_IN)
        if peer_needs:  # the peer's own areas of need first
            first = [c for c in NeedDomain.choices if c[0] in set(peer_needs)]
            self.fields["needs"].choices = first + [c for c in NeedDomain.choices if c[0] not in set(peer_needs)]
        self.goods = list(goods)
        for kind in self.goods:
            self.fields[f"goods-{kind.pk}"] = forms.IntegerField(
                label=kind.name,
                required=False,
                min_value=0,
                max_value=1000,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "0"}),
            )

    def goods_fields(self):
        return [self[f"goods-{kind.pk}"] for kind in self.goods]

    # The page draws its inputs by hand from these (plain data), rather than through Django's widget
    # templates: a dozen widget renders were most of the page's cost (see test_page_cost.py).
    def chips(self, name: str) -> dict:
        bound = self[name]
        value = bound.value()
        chosen = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
        return {
            "name": name,
            "label": bound.label,
            "type": "checkbox" if name == "needs" else "radio",
            "errors": bound.errors,
            "choices": [
                {"value": v, "label": label, "checked": str(v) in chosen, "id": f"id_{name}_{i}"}
                for i, (v, label) in enumerate(self.fields[name].choices)
            ],
        }

    def plain(self, name: str) -> dict:
        bound = self[name]
        value = bound.value()
        if name == "happened_at" and hasattr(value, "strftime"):
            value = timezone.localtime(value).strftime(MOMENT_FORMAT)
        return {
            "name": name,
            "label": bound.label,
            "value": "" if value is None else value,
            "errors": bound.errors,
            "id": f"id_{name}",
            "help": bound.help_text,
        }

    def drawn(self) -> dict:
        return {
            **{name: self.chips(name) for name in ("how", "kind", "length", "needs")},
            **{name: self.plain(name) for name in ("happened_at", "other_minutes", "note")},
            "goods": [self.plain(f"goods-{kind.pk}") for kind in self.goods],
        }

    def clean(self):
        data = super().clean()
        if data.get("length") == OTHER and not data.get("other_minutes"):
            self.add_error("other_minutes", _("How many minutes?"))
        moment = data.get("happened_at")
        if moment and moment > timezone.now() + timedelta(minutes=5):
            self.add_error("happened_at", _("This is in the future. When were you in touch?"))
        return data

    def entry(self) -> Entry:
        data = self.cleaned_data
        minutes = data["other_minutes"] if data["length"] == OTHER else int(data["length"])
        goods = {kind.pk: data[f"goods-{kind.pk}"] for kind in self.goods if data.get(f"goods-{kind.pk}")}
        return Entry(
            how=data["how"],
            minutes=minutes,
            kind=data["kind"],
            happened_at=data["happened_at"],
            needs=tuple(data["needs"]),
            goods=goods,
            note=data["note"],
        )


class QuietWeeksForm(forms.ModelForm):
    class Meta:
        model = ContactSettings
        fields = ["quiet_weeks"]
        labels = {"quiet_weeks": _("Weeks without contact before a peer shows on the 'not heard from' lists")}


class GoodsKindForm(forms.Form):
    name = forms.CharField(label=_("Add goods or a service"), max_length=80)
