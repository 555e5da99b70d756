"""A new organisation starts with the default supports for its peer supporters."""

from __future__ import annotations

from django.db.models.signals import post_save

from organisations.models import Organisation
from organisations.tenancy import organisation_scope


def _start_with_the_default_supports(sender, instance: Organisation, created: bool, raw: bool = False, **kwargs):
    if created and not raw:
        from .services import add_default_supports

        with organisation_scope(instance):
            add_default_supports(instance.pk)


def connect() -> None:
    post_save.connect(_start_with_the_default_supports, sender=Organisation, dispatch_uid="wellbeing.default_supports")
