"""Who works with a peer, read once for their record: the record's own list and the panels beside it
(the diary, the support agreements) pick from it, with each worker's name and supervisor."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Assignment, Peer

ASSIGNMENT_COLUMNS_SHOWN = (
    "organisation_id",
    "peer_id",
    "worker_id",
    "kind",
    "starts_on",
    "ends_on",
    "worker__user__display_name",
    "worker__supporter_profile__supervisor_id",
)


def record_assignments(peer: Peer) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(peer=peer)
        .select_related("worker__user", "worker__supporter_profile")
        .only(*ASSIGNMENT_COLUMNS_SHOWN)
    )


def assignments_on_record(context, peer: Peer) -> list[Assignment]:
    """The list the record page put in its context (``assignments``), or the same read for a panel
    drawn anywhere else."""
    listed = context.get("assignments")
    return listed if listed is not None else list(record_assignments(peer))
