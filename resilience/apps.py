from django.apps import AppConfig


class ResilienceConfig(AppConfig):
    name = "resilience"

    def ready(self) -> None:
        from . import sessions  # noqa: F401 (notes the device at sign-in)
