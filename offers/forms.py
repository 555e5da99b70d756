from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from alongside.widgets import NamedModelChoiceField
from people.models import PeerSupporter

from .models import OfferStatus

ANSWER_CHOICES = [
    (OfferStatus.ACCEPTED, _("They said yes")),
    (OfferStatus.CHANGE_ASKED, _("They would like someone else (no reason needed)")),
    (OfferStatus.DECLINED, _("They said no for now (they keep their place)")),
    (OfferStatus.WITHDRAWN, _("We are withdrawing the offer")),
]


class MakeOfferForm(forms.Form):
    supporter = NamedModelChoiceField(
        label=_("Peer supporter to offer"),
        queryset=PeerSupporter.objects.none(),
        label_field="membership__user__display_name",  # str(supporter), read without an instance
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supporter"].queryset = PeerSupporter.objects.filter(
            organisation=organisation, membership__is_active=True, erased_at__isnull=True
        ).order_by("membership__user__display_name", "pk")


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("Their answer"), choices=ANSWER_CHOICES, widget=forms.RadioSelect)
