"""Everything encrypted with the keys is found from one registry, so rotation cannot miss a value."""

import re
from pathlib import Path

from django.conf import settings

from encryption.fields import encrypted_fields
from encryption.registry import encrypted_values

# Modules that call encrypt() themselves (outside an EncryptedTextField) and the registry entry
# holding what they encrypt. A new one must register its values and be listed here.
ENCRYPTING_MODULES = {
    "accounts/adapter.py": "allauth.mfa.Authenticator.data",
    "accounts/services.py": "django_tasks_db.DBTaskResult.args_kwargs",
    "accounts/migrations/0004_seal_invitation_links_in_the_task_queue.py": "django_tasks_db.DBTaskResult.args_kwargs",
    "referrals/services.py": "django_tasks_db.DBTaskResult.args_kwargs: partner emails",
    # Encrypts the rows that were plain when these became encrypted columns.
    "people/migrations/0004_encrypt_existing_free_text.py": "people.PeerSupporter.availability",
}
CALLS_ENCRYPT = re.compile(r"from encryption\.fields import [^\n]*\bencrypt\b|encryption\.fields\.encrypt\(")


def test_the_registry_holds_every_encrypted_column_and_every_registered_kind():
    names = [values.name for values in encrypted_values()]
    columns = [f"{model._meta.label}.{field.name}" for model, field in encrypted_fields()]
    assert names[: len(columns)] == columns and len(columns) >= 8
    assert set(ENCRYPTING_MODULES.values()) <= set(names)


def test_every_module_that_encrypts_by_hand_has_registered_what_it_encrypts():
    base = Path(settings.BASE_DIR)
    apps = [d for d in base.iterdir() if d.is_dir() and not d.is_symlink() and not d.name.startswith((".", "var"))]
    found = {
        path.relative_to(base).as_posix()
        for app in apps
        for path in app.rglob("*.py")
        if "tests" not in path.parts
        and path.relative_to(base).as_posix() != "encryption/fields.py"
        and CALLS_ENCRYPT.search(path.read_text())
    }
    assert found == set(ENCRYPTING_MODULES), "register what these encrypt in encryption.registry: " + ", ".join(
        sorted(found - set(ENCRYPTING_MODULES))
    )
