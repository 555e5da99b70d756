import pytest

from resilience.sealing import new_key


@pytest.fixture
def backup_key(settings, tmp_path):
    """A backup key of its own and an erasure ledger in a file of the test's own."""
    settings.BACKUP_KEY = new_key()
    settings.ERASURE_LEDGER = tmp_path / "erasure-ledger.sqlite3"
    return settings.BACKUP_KEY
