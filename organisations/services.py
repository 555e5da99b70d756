"""Changing an organisation's own settings and its list of partners."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from .models import Organisation, Partner


class PartnerError(ValueError):
    pass


def update_settings(organisation: Organisation, *, require_mfa_for_everyone: bool) -> Organisation:
    # An organisation may only make two-step sign-in stricter than the default, never looser.
    organisation.require_mfa_for_everyone = require_mfa_for_everyone
    organisation.save(update_fields=["require_mfa_for_everyone"])
    return organisation


def add_partner(organisation: Organisation, *, name: str, kind: str = "") -> Partner:
    try:
        with transaction.atomic():
            return Partner.objects.create(organisation=organisation, name=name.strip(), kind=kind.strip())
    except IntegrityError as error:
        raise PartnerError(name) from error
