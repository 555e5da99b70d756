from django.apps import AppConfig


class ContinuityConfig(AppConfig):
    name = "continuity"

    def ready(self) -> None:
        from . import signals  # noqa: F401 (cover follows its absence)
