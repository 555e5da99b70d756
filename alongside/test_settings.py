"""Settings for the test suite: the application's own settings in test mode."""

import os

os.environ.setdefault("ALONGSIDE_MODE", "test")
os.environ.setdefault("ALONGSIDE_VAR_DIR", os.path.join(os.path.dirname(os.path.dirname(__file__)), "var", "test"))

from .settings import *  # noqa: E402,F403
