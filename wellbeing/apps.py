from django.apps import AppConfig


class WellbeingConfig(AppConfig):
    name = "wellbeing"

    def ready(self) -> None:
        from . import signals

        signals.connect()
