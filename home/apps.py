from django.apps import AppConfig
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    name = "home"

    def ready(self) -> None:
        from . import planner, signals

        signals.connect()
        post_migrate.connect(planner.analyze_after_migrate, dispatch_uid="home.analyze_after_migrate")
