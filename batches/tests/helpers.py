"""Shared helpers for the batches and offers tests: supporters ready to take peers, exclusions."""

from __future__ import annotations

from competence.testing import allow_alone
from matching.models import Exclusion, SupporterDetails
from people.choices import SupporterStage
from people.models import Peer, PeerSupporter


def ready(supporter: PeerSupporter, *, alone: bool = True, capacity: int | None = None) -> PeerSupporter:
    """A supporter taking peers on (active), who may work one-to-one alone unless told otherwise."""
    supporter.stage = SupporterStage.ACTIVE
    if capacity is not None:
        supporter.capacity = capacity
    supporter.save()
    SupporterDetails.objects.get_or_create(supporter=supporter, defaults={"organisation_id": supporter.organisation_id})
    allow_alone(supporter, alone)
    return supporter


def keep_apart(peer: Peer, supporter: PeerSupporter, by=None) -> Exclusion:
    return Exclusion.objects.create(
        organisation_id=peer.organisation_id,
        peer=peer,
        other_supporter=supporter,
        reason="same_network",
        recorded_by=by,
    )
