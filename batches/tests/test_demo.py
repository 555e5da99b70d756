"""The demo shows a batch that was reviewed and sent, offers in each state, and a batch in review."""

from __future__ import annotations

from collections import Counter

from django.core.management import call_command

from batches.models import Batch, BatchStatus
from offers.models import Offer, OfferStatus
from organisations.models import Organisation
from organisations.tenancy import all_organisations


def test_the_demo_has_a_reviewed_batch_and_offers_in_each_state(db):
    call_command("seed_demo", "--quiet")
    with all_organisations():
        harbour = Organisation.objects.get(slug="harbour")
        statuses = Counter(Batch.objects.filter(organisation=harbour).values_list("status", flat=True))
        assert statuses == {BatchStatus.SENT: 1, BatchStatus.REVIEWING: 1}
        sent = Batch.objects.get(organisation=harbour, status=BatchStatus.SENT)
        assert sent.choices.exists(), "the review pinned or ruled out a pair"
        assert set(Offer.objects.filter(batch=sent).values_list("status", flat=True)) == set(OfferStatus.values)
        accepted = Offer.objects.filter(status=OfferStatus.ACCEPTED).select_related("assignment")
        assert accepted and all(o.assignment is not None for o in accepted)
