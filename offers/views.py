"""Screens for offers: a peer's offers (and making one), and one offer (recording the answer)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from access.lookups import peer_for, record_id_or_none, refuse
from access.policy import Do
from audit.models import Action

from . import services
from .forms import AnswerForm, MakeOfferForm
from .models import Offer, OfferStatus, OfferStep


def offers_of(peer):
    steps = Prefetch("steps", queryset=OfferStep.objects.select_related("by"))
    return (
        Offer.objects.filter(peer=peer).select_related("supporter__membership__user", "made_by").prefetch_related(steps)
    )


@login_required
def peer_offers(request: HttpRequest, peer_id: int) -> HttpResponse:
    """Every offer made to this peer, step by step; and making a new one (the suggestions page posts here)."""
    posting = request.method == "POST"
    peer = peer_for(request, peer_id, Do.RECORD_OFFERS, action=Action.UPDATE if posting else Action.VIEW)
    form = MakeOfferForm(request.POST if posting else None, organisation=request.organisation)
    if posting:
        if form.is_valid():
            try:
                offer = services.make_offer(peer=peer, supporter=form.cleaned_data["supporter"], by=request.membership)
            except services.OfferError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The offer is made. Record their answer when they give it."))
                return redirect("offers:offer_detail", peer_id=peer.pk, offer_id=offer.pk)
        messages.error(request, _("Some answers need another look. Nothing has been saved yet."))
    return render(request, "offers/peer_offers.html", {"peer": peer, "offers": offers_of(peer), "form": form})


@login_required
def offer_detail(request: HttpRequest, peer_id: int, offer_id: int) -> HttpResponse:
    posting = request.method == "POST"
    peer = peer_for(request, peer_id, Do.RECORD_OFFERS, action=Action.UPDATE if posting else Action.VIEW)
    offer = None
    if record_id_or_none(offer_id) is not None:
        offer = offers_of(peer).filter(pk=offer_id).first()
    if offer is None:
        raise refuse(request, "offer", offer_id)
    form = AnswerForm(request.POST if posting else None)
    if posting and offer.is_open:
        if form.is_valid():
            answer = form.cleaned_data["answer"]
            try:
                if answer == OfferStatus.WITHDRAWN:
                    offer = services.withdraw_offer(offer, by=request.membership)
                else:
                    offer = services.record_answer(offer, answer=answer, by=request.membership)
            except services.OfferError as error:
                form.add_error(None, str(error))
            else:
                if answer == OfferStatus.ACCEPTED and offer.status == OfferStatus.WITHDRAWN:
                    messages.error(request, str(_NO_LONGER_AVAILABLE))
                else:
                    messages.success(request, str(_ANSWERED[offer.status]))
                return redirect("offers:offer_detail", peer_id=peer.pk, offer_id=offer.pk)
        messages.error(request, _("Some answers need another look. Nothing has been saved yet."))
    return render(request, "offers/offer_detail.html", {"peer": peer, "offer": offer, "form": form})


_NO_LONGER_AVAILABLE = gettext_lazy(
    "That pairing is no longer available, so the offer has been withdrawn. They keep their place on the waiting list."
)
_ANSWERED = {
    OfferStatus.ACCEPTED: gettext_lazy("Their answer is recorded, and they now work together."),
    OfferStatus.CHANGE_ASKED: gettext_lazy("Their answer is recorded. They keep their place on the waiting list."),
    OfferStatus.DECLINED: gettext_lazy("Their answer is recorded. They keep their place on the waiting list."),
    OfferStatus.WITHDRAWN: gettext_lazy("The offer is withdrawn. They keep their place on the waiting list."),
}
