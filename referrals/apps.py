from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "referrals"

    def ready(self) -> None:
        from encryption.registry import register

        from .services import QUEUED_PARTNER_LINKS

        register(QUEUED_PARTNER_LINKS)
