"""Demo batches: a cohort reviewed and sent (offers in each state), and one waiting for review."""

from __future__ import annotations

import random

from organisations.models import Membership

from . import services
from .models import BatchPlace, ChoiceKind

SENT_COHORT = 200  # the longest waiting, up to this many (most of them, at a small scale)
IN_REVIEW = 40  # peers in the cohort still being reviewed


def seed_batches(coordinator: Membership, rng: random.Random) -> int:
    """Believable at every scale: a batch is a cohort of the peers who waited longest, not everyone."""
    from offers.demo import answer_some

    rows = 0
    try:
        sent = services.start_cohort(by=coordinator, most=SENT_COHORT)
    except services.BatchError:
        return 0
    rows += 1 + BatchPlace.objects.filter(batch=sent).count()
    # The coordinator's review: rule out one proposed pair, keep another, solve again, send.
    proposed = list(BatchPlace.objects.filter(batch=sent, proposed__isnull=False).order_by("pk"))
    if len(proposed) >= 2:
        services.choose(
            sent, peer=proposed[0].peer, supporter=proposed[0].proposed, kind=ChoiceKind.PIN, by=coordinator
        )
        services.choose(
            sent, peer=proposed[1].peer, supporter=proposed[1].proposed, kind=ChoiceKind.FORBID, by=coordinator
        )
        services.solve_batch(sent, by=coordinator)
        rows += 2
    services.send_batch(sent, by=coordinator)
    rows += answer_some(sent, coordinator, rng)
    try:
        review = services.start_cohort(by=coordinator, most=IN_REVIEW)
    except services.BatchError:
        return rows
    rows += 1 + BatchPlace.objects.filter(batch=review).count()
    first = BatchPlace.objects.filter(batch=review, proposed__isnull=False).order_by("pk").first()
    if first is not None and first.proposed is not None:
        services.choose(review, peer=first.peer, supporter=first.proposed, kind=ChoiceKind.PIN, by=coordinator)
        services.solve_batch(review, by=coordinator)
        rows += 1
    return rows
