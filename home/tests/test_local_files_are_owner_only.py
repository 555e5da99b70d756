"""var/ (keys, and the demo's database) is for the account that runs Alongside, from the first byte.

Any other local user could otherwise read the encryption key and the database beside it.
"""

import os
import pathlib
import stat
import subprocess
import sys

import pytest
from django.conf import settings

from alongside import settings as alongside_settings


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def loose_umask():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_a_demo_started_fresh_keeps_everything_in_var_to_its_owner(tmp_path, loose_umask):
    var = tmp_path / "var"
    env = {**os.environ, "ALONGSIDE_MODE": "demo", "ALONGSIDE_VAR_DIR": str(var)}
    env.pop("DATABASE_URL", None)
    env.pop("ALONGSIDE_ENCRYPTION_KEYS", None)
    env.pop("DJANGO_SECRET_KEY", None)
    code = (
        "import django; django.setup(); from django.db import connection; "
        "connection.cursor().execute('CREATE TABLE t (x int)')"
    )
    subprocess.run(  # noqa: S603 (our own interpreter, a fixed command)
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "alongside.settings"},
        check=True,
    )
    assert mode(var) == 0o700
    for name in ("secret-key", "encryption-keys", "alongside.sqlite3"):
        assert mode(var / name) == 0o600, name
    for leftover in var.glob("alongside.sqlite3-*"):
        assert mode(leftover) == 0o600, leftover.name


def test_a_key_file_is_never_readable_by_others_even_while_it_is_written(tmp_path, monkeypatch, loose_umask):
    seen = []
    real_write, real_write_text = os.write, pathlib.Path.write_text
    key = tmp_path / "var" / "encryption-keys"

    def watching_write(fd, data):
        seen.append(mode(key))
        return real_write(fd, data)

    def watching_write_text(path, *args, **kwargs):
        result = real_write_text(path, *args, **kwargs)
        seen.append(mode(path))
        return result

    monkeypatch.setattr(os, "write", watching_write)
    monkeypatch.setattr(pathlib.Path, "write_text", watching_write_text)
    monkeypatch.setattr(alongside_settings, "VAR_DIR", tmp_path / "var")

    assert alongside_settings._local_secret("encryption-keys", lambda: "a key") == "a key"

    assert seen and set(seen) == {0o600}
    assert mode(tmp_path / "var") == 0o700


def test_var_and_a_key_made_before_this_rule_are_tightened(tmp_path, monkeypatch):
    var = tmp_path / "var"
    var.mkdir(mode=0o755)
    (var / "secret-key").write_text("old")
    (var / "secret-key").chmod(0o644)
    var.chmod(0o755)
    monkeypatch.setattr(alongside_settings, "VAR_DIR", var)

    assert alongside_settings._local_secret("secret-key", lambda: "new") == "old"

    assert mode(var) == 0o700 and mode(var / "secret-key") == 0o600
