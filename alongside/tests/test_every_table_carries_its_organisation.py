"""Every table of an organisation's data carries the organisation, so it can be partitioned by it later.

Read from the models (every installed one, ours and the libraries', their many-to-many tables too):
each has a non-null ``organisation`` foreign key to ``organisations.Organisation``, or is named
below with the reason it belongs to the whole installation (docs/scaling.md says where each lives
when the data is partitioned). A new model fails here until it says which.
"""

from __future__ import annotations

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

# Tables that are not one organisation's, and why. Keep the reasons true: docs/scaling.md repeats them.
INSTALLATION_WIDE = {
    "organisations.Organisation": "the tenant itself: the partition key",
    "accounts.User": "one sign-in for a person who may work in several organisations (Membership carries each)",
    "accounts.User_groups": "Django's permission groups, unused: roles are memberships",
    "accounts.User_user_permissions": "Django's per-user permissions, unused: the policy is access/policy.py",
    "auth.Group": "as above",
    "auth.Group_permissions": "as above",
    "auth.Permission": "Django's list of model permissions, the same for everyone",
    "contenttypes.ContentType": "Django's list of models, the same for everyone",
    "sessions.Session": "a signed-in browser, bound to a user rather than an organisation (the user switches between theirs)",
    "account.EmailAddress": "allauth: a user's sign-in addresses",
    "account.EmailConfirmation": "allauth: a link proving an address (unused: addresses are proved by invitation)",
    "mfa.Authenticator": "allauth: a user's two-step sign-in (TOTP secret, recovery codes)",
    "django_tasks_database.DBTaskResult": "the task queue, shared by every worker; a task names its records by id",
    "audit.AuditEvent": "append-only; the organisation is null only for events of no organisation (a sign-in), so the"
    " column is nullable; every event about an organisation's record carries it",
    "resilience.SignedInSession": "a signed-in browser (Django's session table, with whose it is), bound to a user"
    " rather than an organisation, like sessions.Session",
}


def _organisation_key(model) -> str | None:
    """None when the model carries a non-null organisation; otherwise what is wrong."""
    try:
        field = model._meta.get_field("organisation")
    except FieldDoesNotExist:
        return "has no organisation column"
    if not field.is_relation or field.related_model._meta.label != "organisations.Organisation":
        return "has an organisation field that is not a foreign key to organisations.Organisation"
    if field.null:
        return "may leave its organisation empty"
    return None


def test_every_table_of_an_organisations_data_carries_the_organisation():
    problems = []
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if label in INSTALLATION_WIDE:
            continue
        if (problem := _organisation_key(model)) is not None:
            problems.append(f"{label} ({model._meta.db_table}) {problem}")
    assert not problems, (
        "Give these an organisation foreign key (not null), or name them in INSTALLATION_WIDE with the reason: "
        + "; ".join(problems)
    )


def test_the_allow_list_names_only_models_that_exist_and_need_it():
    labels = {model._meta.label for model in apps.get_models(include_auto_created=True)}
    assert set(INSTALLATION_WIDE) <= labels, set(INSTALLATION_WIDE) - labels
    needless = [
        label
        for label in INSTALLATION_WIDE
        if label != "organisations.Organisation" and _organisation_key(apps.get_model(label)) is None
    ]
    assert not needless, f"these carry their organisation already: take them off the list: {needless}"
