"""Users sign in by email; they join organisations only by invitation."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields) -> User:
        """An account whose address is proved: by the invitation it comes from, or by the administrator
        who runs the command. The address is recorded as verified, so allauth never lets another
        account claim it."""
        from allauth.account.models import EmailAddress

        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        EmailAddress.objects.using(self._db).create(user=user, email=user.email, verified=True, primary=True)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields) -> User:
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("name to show colleagues"), max_length=150)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    def __str__(self) -> str:
        return self.display_name or self.email


def new_invitation_token() -> str:
    """The secret the invitation link carries; only its hash is stored."""
    return secrets.token_urlsafe(32)


_new_token = new_invitation_token  # named by migration 0001


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _default_expiry():
    return timezone.now() + timedelta(days=7)


class Invitation(models.Model):
    """An organisation admin's invitation to join with one role; the only way to get an account."""

    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE)
    email = models.EmailField(_("email address"))
    display_name = models.CharField(_("name to show colleagues"), max_length=150)
    role = models.CharField(_("role"), max_length=20)
    # sha256 of the token in the link: the database alone cannot be used to accept an invitation.
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(default=_default_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation to {self.organisation}"

    def close(self) -> None:
        """No longer usable (a newer invitation to the same address replaces it)."""
        self.expires_at = timezone.now()
        self.save(update_fields=["expires_at"])

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()
