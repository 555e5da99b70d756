"""Tenancy you cannot forget.

Every model that holds person data uses ``OrganisationScopedManager``. Its queries only run inside
``organisation_scope(org)`` (which the request middleware opens for the organisation the user is
working in) and are filtered to that organisation; outside a scope they raise ``ScopeError``.
Management commands and migrations that must see everything say so with ``all_organisations()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django_scopes import ScopedManager, scope, scopes_disabled
from django_scopes.exceptions import ScopeError

__all__ = ["OrganisationScopedManager", "ScopeError", "all_organisations", "organisation_scope"]


def OrganisationScopedManager(manager_class=None):  # noqa: N802 (reads like a class)
    if manager_class is None:
        return ScopedManager(organisation="organisation")
    return ScopedManager(manager_class, organisation="organisation")


@contextmanager
def organisation_scope(organisation) -> Iterator[None]:
    if organisation is None:
        raise ScopeError("An organisation is needed to open a scope on person data.")
    with scope(organisation=organisation.pk):
        yield


all_organisations = scopes_disabled
