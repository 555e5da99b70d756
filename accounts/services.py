"""Joining an organisation: invitations from an admin, accepted by setting a password."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from organisations.models import Membership, Organisation

from .models import Invitation, User


class InvitationError(Exception):
    pass


def invite_member(
    *, organisation: Organisation, invited_by: User, email: str, display_name: str, role: str, base_url: str
) -> Invitation:
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, user__email=email).exists():
        raise InvitationError(_("Someone with that email address is already a member."))
    invitation = Invitation.objects.create(
        organisation=organisation, invited_by=invited_by, email=email, display_name=display_name, role=role
    )
    link = base_url.rstrip("/") + reverse("accounts:accept_invitation", args=[invitation.token])
    transaction.on_commit(lambda: send_invitation_email.enqueue(invitation.pk, link))
    return invitation


@task()
def send_invitation_email(invitation_id: int, link: str) -> None:
    invitation = Invitation.objects.select_related("organisation").get(pk=invitation_id)
    send_mail(
        subject=_("You are invited to join %(organisation)s on Alongside") % {"organisation": invitation.organisation},
        message=_(
            "Hello %(name)s,\n\n%(organisation)s has invited you to Alongside. Open this link to choose a "
            "password and set up two-step sign-in:\n\n%(link)s\n\nThe link works for 7 days."
        )
        % {"name": invitation.display_name, "organisation": invitation.organisation, "link": link},
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )


def open_invitation(token: str) -> Invitation | None:
    invitation = Invitation.objects.select_related("organisation").filter(token=token).first()
    return invitation if invitation and invitation.is_open else None


@transaction.atomic
def accept_invitation(invitation: Invitation, password: str) -> User:
    """Create (or reuse) the account and its membership. The caller signs the user in."""
    if not invitation.is_open:
        raise InvitationError(_("This invitation has expired or was already used."))
    user = User.objects.filter(email=invitation.email).first()
    if user is None:
        user = User.objects.create_user(invitation.email, password, display_name=invitation.display_name)
    Membership.objects.create(user=user, organisation=invitation.organisation, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return user
