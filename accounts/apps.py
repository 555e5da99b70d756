from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self) -> None:
        from encryption.registry import register

        from . import signals  # noqa: F401
        from .adapter import MFA_SECRETS

        register(MFA_SECRETS)
