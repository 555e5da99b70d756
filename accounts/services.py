"""Joining an organisation: invitations from an admin, accepted by the person the address belongs to.

An invitation binds to the address it was sent to. Opening the link proves that address, so a person
without an account chooses a password on the join page. A person who already has an account signs in
the normal way (password, then the second step) and then accepts: the link alone never signs anyone
in to an existing account, and an account signed in with a different address cannot accept it.
"""

from __future__ import annotations

from collections.abc import Iterator

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from audit.log import audit
from audit.models import Action
from encryption.fields import decrypt, encrypt
from encryption.registry import EncryptedValues, Rewrite
from organisations.models import Membership, Organisation

from .models import Invitation, User, hash_token, new_invitation_token


class InvitationError(Exception):
    pass


def normalise_address(email: str) -> str:
    return email.strip().lower()


def account_for_address(email: str) -> User | None:
    """The account this address belongs to: its sign-in address, or a verified address of its own."""
    email = normalise_address(email)
    return (
        User.objects.filter(Q(email__iexact=email) | Q(emailaddress__email__iexact=email, emailaddress__verified=True))
        .distinct()
        .first()
    )


def owns_address(user: User, email: str) -> bool:
    email = normalise_address(email)
    return (
        user.email.lower() == email
        or EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
    )


def accounts_a_password_reset_may_reach(users: list[User], email: str) -> list[User]:
    """Of the accounts allauth found for a reset, those that proved the address: a reset link is a way in,
    and an address added but never opened may be a typo, or read by someone else."""
    return [user for user in users if owns_address(user, email)]


def may_become_sign_in_address(user: User, email: str) -> bool:
    """Only an address this account has proved (opened the link sent to it), and no other account holds."""
    email = normalise_address(email)
    try:
        validate_email(email)  # anything else (far too long, a NUL) is no address, and no query either
    except ValidationError:
        return False
    if not EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists():
        return False
    holder = account_for_address(email)
    return holder is None or holder.pk == user.pk


def invite_member(
    *, organisation: Organisation, invited_by: User, email: str, display_name: str, role: str, base_url: str
) -> tuple[Invitation, str]:
    """Record the invitation and queue its email; returns it with the link (which only the email carries).

    A newer invitation to the same address replaces one still open, so there is one live link.
    """
    email = normalise_address(email)
    existing = account_for_address(email)
    if existing and Membership.objects.filter(organisation=organisation, user=existing, is_active=True).exists():
        raise InvitationError(_("Someone with that email address is already a member."))
    token = new_invitation_token()
    with transaction.atomic():
        for earlier in Invitation.objects.select_for_update().filter(
            organisation=organisation, email=email, accepted_at__isnull=True, expires_at__gt=timezone.now()
        ):
            earlier.close()
        invitation = Invitation.objects.create(
            organisation=organisation,
            invited_by=invited_by,
            email=email,
            display_name=display_name,
            role=role,
            token_hash=hash_token(token),
        )
        link = base_url.rstrip("/") + reverse("accounts:accept_invitation", args=[token])
        sealed = encrypt(link)
        transaction.on_commit(lambda: send_invitation_email.enqueue(invitation.pk, sealed))
    return invitation, link


@task()
def send_invitation_email(invitation_id: int, sealed_link: str) -> None:
    """Send the link, which reaches the task encrypted with the keys: the task queue is a database table
    that keeps every task's arguments, and the link alone opens the invitation."""
    link = decrypt(sealed_link)
    invitation = Invitation.objects.select_related("organisation").get(pk=invitation_id)
    send_mail(
        subject=_("You are invited to join %(organisation)s on Alongside") % {"organisation": invitation.organisation},
        message=_(
            "Hello %(name)s,\n\n%(organisation)s has invited you to Alongside. Open this link to join:\n\n"
            "%(link)s\n\nIf you are new to Alongside, you will choose a password and set up two-step sign-in. "
            "If you already have an account, you will sign in as usual and then accept.\n\n"
            "The link works for 7 days and only once."
        )
        % {"name": invitation.display_name, "organisation": invitation.organisation, "link": link},
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )


def open_invitation(token: str) -> Invitation | None:
    """The invitation this link's token opens, if it is still open (not used, not expired, not replaced)."""
    invitation = Invitation.objects.select_related("organisation").filter(token_hash=hash_token(token)).first()
    return invitation if invitation and invitation.is_open else None


def _lock_open(invitation: Invitation) -> Invitation:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_open:
        raise InvitationError(_("This invitation has expired or was already used."))
    return locked


def _join(invitation: Invitation, user: User) -> Membership:
    membership = Membership.objects.filter(user=user, organisation=invitation.organisation).first()
    if membership and membership.is_active:
        raise InvitationError(
            _("You are already a member of %(organisation)s.") % {"organisation": invitation.organisation}
        )
    if membership:  # they had left; the invitation brings them back with the role it offers
        membership.role, membership.is_active = invitation.role, True
        membership.save(update_fields=["role", "is_active"])
        audit(user, Action.UPDATE, membership, reason="rejoined by invitation")
    else:
        membership = Membership.objects.create(user=user, organisation=invitation.organisation, role=invitation.role)
        audit(user, Action.CREATE, membership, reason="joined by invitation")
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    return membership


@transaction.atomic
def accept_invitation_with_new_account(invitation: Invitation, password: str) -> User:
    """The link proved the address: create the account (address verified) and its membership.

    The caller signs the new account in; it has no second step yet, and must set one up if its role needs it.
    """
    invitation = _lock_open(invitation)
    if account_for_address(invitation.email) is not None:
        raise InvitationError(_("There is already an account for this address. Please sign in to accept."))
    try:
        with transaction.atomic():
            user = User.objects.create_user(invitation.email, password, display_name=invitation.display_name)
    except IntegrityError:  # the same address joined a moment ago through another invitation
        raise InvitationError(_("There is already an account for this address. Please sign in to accept.")) from None
    _join(invitation, user)
    return user


@transaction.atomic
def accept_invitation_as(invitation: Invitation, user: User) -> Membership:
    """A signed-in account accepts: only the account the invited address belongs to."""
    invitation = _lock_open(invitation)
    if not owns_address(user, invitation.email):
        raise InvitationError(_("This invitation was sent to a different email address."))
    if not EmailAddress.objects.filter(email__iexact=invitation.email, verified=True).exclude(user=user).exists():
        EmailAddress.objects.filter(user=user, email__iexact=invitation.email, verified=False).update(verified=True)
    return _join(invitation, user)


def _queued_invitation_emails():
    return DBTaskResult.objects.filter(task_path=send_invitation_email.module_path)


def _queued_links() -> Iterator[str]:
    for arguments in _queued_invitation_emails().values_list("args_kwargs", flat=True).iterator():
        yield arguments["args"][1]


def _rewrite_queued_links(change: Rewrite) -> int:
    rewritten = 0
    with transaction.atomic():
        for result in _queued_invitation_emails().select_for_update().only("args_kwargs"):
            invitation_id, sealed_link = result.args_kwargs["args"]
            result.args_kwargs = {**result.args_kwargs, "args": [invitation_id, change(sealed_link)]}
            result.save(update_fields=["args_kwargs"])
            rewritten += 1
    return rewritten


# The invitation links waiting in the task queue (see send_invitation_email), for key rotation.
QUEUED_INVITATION_LINKS = EncryptedValues(
    "django_tasks_db.DBTaskResult.args_kwargs", _queued_links, _rewrite_queued_links
)
