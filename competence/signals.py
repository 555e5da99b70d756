"""A new organisation starts with the default framework and levels (it edits them at will)."""

from __future__ import annotations

from django.db.models.signals import post_save

from organisations.models import Organisation


def _start_with_the_default_framework(sender, instance: Organisation, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        from .services import add_default_framework

        add_default_framework(instance)


def connect() -> None:
    post_save.connect(_start_with_the_default_framework, sender=Organisation, dispatch_uid="competence.defaults")
