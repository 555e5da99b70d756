"""A new organisation starts with the default life domains (it can rename, retire and add to them)."""

from __future__ import annotations

from django.db.models.signals import post_save

from organisations.models import Organisation


def _start_with_the_default_domains(sender, instance: Organisation, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        from .services import add_default_domains

        add_default_domains(instance)


def connect() -> None:
    post_save.connect(_start_with_the_default_domains, sender=Organisation, dispatch_uid="goals.default_domains")
