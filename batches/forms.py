from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from people.models import Peer, PeerSupporter

from .models import ChoiceKind

ACTIONS = ("solve", "send", "set_aside", "choose", "clear")


class PairChoiceForm(forms.Form):
    """Keep (pin) or rule out (forbid) one pair of the batch."""

    peer = forms.ModelChoiceField(label=_("Peer"), queryset=Peer.objects.none())
    supporter = forms.ModelChoiceField(label=_("Peer supporter"), queryset=PeerSupporter.objects.none())
    kind = forms.ChoiceField(label=_("Keep or rule out"), choices=ChoiceKind.choices)

    def __init__(self, *args, peers, supporters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["peer"].queryset = peers
        self.fields["supporter"].queryset = supporters
