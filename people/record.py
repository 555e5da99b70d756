"""Who works with a peer, read once for their record: the record's own list and the panels beside it
(the diary, the support agreements, endings and cover) pick from it, with each worker's name and
supervisor, each support's closing conversation and each cover's details."""

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
    "ending_reason",
)
# For endings and cover (continuity): the closing conversation of a support, and the details of a cover.
RELATED_READ_WHOLE = ("closing_conversation", "cover_details")


def _every_column_of(relations: tuple[str, ...]) -> list[str]:
    return [
        f"{name}__{field.name}"
        for name in relations
        for field in Assignment._meta.get_field(name).related_model._meta.concrete_fields
    ]


def record_assignments(peer: Peer) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(peer=peer)
        .select_related("worker__user", "worker__supporter_profile", *RELATED_READ_WHOLE)
        .only(*ASSIGNMENT_COLUMNS_SHOWN, *_every_column_of(RELATED_READ_WHOLE))
    )


def assignments_on_record(context, peer: Peer) -> list[Assignment]:
    """The list the record page put in its context (``assignments``), or the same read for a panel
    drawn anywhere else."""
    listed = context.get("assignments")
    return listed if listed is not None else list(record_assignments(peer))
