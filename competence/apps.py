from django.apps import AppConfig


class CompetenceConfig(AppConfig):
    name = "competence"

    def ready(self) -> None:
        from . import signals

        signals.connect()
