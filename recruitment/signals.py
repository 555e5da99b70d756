"""Someone who joins as a peer supporter starts on the path: their profile at the first stage."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from accounts.models import Invitation
from organisations.models import Membership, Role
from organisations.tenancy import organisation_scope
from people.models import PeerSupporter


@receiver(post_save, sender=Invitation, dispatch_uid="recruitment_profile_on_joining")
def profile_on_joining(sender, instance: Invitation, update_fields=None, **kwargs) -> None:
    if instance.accepted_at is None or instance.role != Role.PEER_SUPPORTER:
        return
    if update_fields is not None and "accepted_at" not in update_fields:
        return
    from accounts.services import account_for_address

    from .services import start_profile

    # The account the address belongs to: its sign-in address, or another it has proved.
    membership = Membership.objects.filter(
        organisation_id=instance.organisation_id, user=account_for_address(instance.email), role=Role.PEER_SUPPORTER
    ).first()
    if membership is not None:
        with organisation_scope(instance.organisation):
            start_profile(membership)


@receiver(post_save, sender=PeerSupporter, dispatch_uid="recruitment_forget_stage_counts")
@receiver(post_delete, sender=PeerSupporter, dispatch_uid="recruitment_forget_stage_counts_deleted")
def forget_stage_counts(sender, instance: PeerSupporter, **kwargs) -> None:
    """The dashboard's kept counts by stage follow every change of a profile, now and after the commit."""
    from .services import forget_counts

    forget_counts(instance.organisation_id)
    transaction.on_commit(lambda: forget_counts(instance.organisation_id))
