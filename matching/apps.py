from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "matching"

    def ready(self) -> None:
        from encryption.registry import register

        from .keepaway import KEEP_AWAY_DIGESTS

        register(KEEP_AWAY_DIGESTS)
