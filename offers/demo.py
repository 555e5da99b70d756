"""Demo offers: the answers peers gave to a batch's offers, one of each kind, the rest still waiting."""

from __future__ import annotations

import random

from organisations.models import Membership

from . import services
from .models import Offer, OfferStatus

# In this order: a yes, a request for someone else, a no for now, an offer withdrawn; the rest wait.
ANSWERS = [OfferStatus.ACCEPTED, OfferStatus.CHANGE_ASKED, OfferStatus.DECLINED, OfferStatus.WITHDRAWN]


def answer_some(batch, coordinator: Membership, rng: random.Random) -> int:
    offers = list(Offer.objects.filter(batch=batch).order_by("pk"))
    rows = 0
    for offer, answer in zip(offers, ANSWERS, strict=False):
        if answer == OfferStatus.WITHDRAWN:
            services.withdraw_offer(offer, by=coordinator)
        else:
            services.record_answer(offer, answer=answer, by=coordinator)
        rows += 2
    return rows + 2 * len(offers)
