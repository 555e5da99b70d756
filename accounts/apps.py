from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self) -> None:
        from encryption.registry import register

        from . import signals  # noqa: F401
        from .adapter import MFA_SECRETS
        from .services import QUEUED_INVITATION_LINKS

        register(MFA_SECRETS)
        register(QUEUED_INVITATION_LINKS)
