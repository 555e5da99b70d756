"""bin/demo on a fresh Debian machine where Python's venv module is missing (python3-venv is a
separate package there): as root it installs python3-venv and carries on; otherwise it says what
to install. Run against stand-ins for python3, id and apt-get, so nothing is installed for real."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

FAKE_PYTHON3 = """#!/bin/sh
# Python without its venv module until apt-get has installed python3-venv.
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  [ -e "$SHIMS/python3-venv-installed" ] || exit 1
  mkdir -p "$3/bin"
  printf '#!/bin/sh\\necho "$*" >> "$SHIMS/venv-python.log"\\n' > "$3/bin/python"
  chmod +x "$3/bin/python"
  exit 0
fi
exit 1
"""
FAKE_APT_GET = """#!/bin/sh
echo "$*" >> "$SHIMS/apt-get.log"
case "$*" in *"install"*python3-venv*) touch "$SHIMS/python3-venv-installed" ;; esac
"""


def _run_bin_demo(tmp_path: Path, *, uid: int) -> tuple[subprocess.CompletedProcess, Path]:
    checkout, shims = tmp_path / "checkout", tmp_path / "shims"
    (checkout / "bin").mkdir(parents=True)
    shims.mkdir()
    shutil.copy(Path(settings.BASE_DIR) / "bin" / "demo", checkout / "bin" / "demo")
    for name, body in {"python3": FAKE_PYTHON3, "apt-get": FAKE_APT_GET, "id": f"#!/bin/sh\necho {uid}\n"}.items():
        (shims / name).write_text(body)
        (shims / name).chmod(0o755)
    env = {"PATH": f"{shims}:/usr/bin:/bin", "SHIMS": str(shims), "HOME": str(tmp_path)}
    result = subprocess.run(  # noqa: S603 (our own script)
        ["/bin/bash", str(checkout / "bin" / "demo")], env=env, capture_output=True, text=True, timeout=60
    )
    return result, shims


def test_as_root_bin_demo_installs_python3_venv_then_runs_the_demo(tmp_path):
    result, shims = _run_bin_demo(tmp_path, uid=0)
    assert result.returncode == 0, result.stderr
    assert "install -y -qq python3-venv" in (shims / "apt-get.log").read_text()
    ran = (shims / "venv-python.log").read_text()
    assert "manage.py seed_demo" in ran and "manage.py runserver 127.0.0.1:8000" in ran


def test_without_root_bin_demo_says_what_to_install_and_stops(tmp_path):
    result, shims = _run_bin_demo(tmp_path, uid=1000)
    assert result.returncode == 1
    assert "install python3-venv" in result.stderr
    assert not (shims / "apt-get.log").exists()
    assert not os.path.exists(tmp_path / "checkout" / ".venv")
