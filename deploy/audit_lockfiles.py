"""Known vulnerabilities in the pinned packages of the lock files (bin/test runs it).

    .venv/bin/python deploy/audit_lockfiles.py requirements/base.txt requirements/test.txt ...

First ``pip-audit`` (pinned in requirements/test.in) over every lock file, as it is, without
resolving anything (``--disable-pip --no-deps``: the files are complete pins). pip-audit asks PyPI's
JSON API for each pinned release's advisories. Where that answer cannot be had (some networks,
this project's own machines among them, reach PyPI's per-project pages but not its per-release
ones), each package it could not audit is checked through the per-project JSON instead, and the
output says so plainly: the pinned release must exist and not be yanked, and none of the advisories
PyPI lists against the project's newest release may be open (an advisory fixed in a release after
ours but before the newest is then not seen: the summary counts the pins this leaves uncovered).

Exit status 1 when anything is found, 2 when neither way could reach PyPI.
"""

from __future__ import annotations

import json
import subprocess  # nosec B404
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

PYPI = "https://pypi.org/pypi/{name}/json"
ROOT = Path(__file__).resolve().parent.parent


def pip_audit(lock_files: list[str]) -> list[dict]:
    command = [sys.executable, "-m", "pip_audit", "--disable-pip", "--no-deps", "--progress-spinner", "off"]
    command += ["--format", "json", "--desc", "off"]
    for path in lock_files:
        command += ["-r", path]
    # Our own interpreter running pip-audit on our own files: a fixed command.
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)  # noqa: S603  # nosec B603
    try:
        return json.loads(done.stdout)["dependencies"]
    except (ValueError, KeyError):
        raise SystemExit(f"pip-audit gave no report:\n{done.stdout}\n{done.stderr}") from None


def pins(lock_files: list[str]) -> dict[str, str]:
    """name -> pinned version, from lines such as ``django==5.2.19``."""
    found = {}
    for path in lock_files:
        for line in (ROOT / path).read_text().splitlines():
            spec = line.split("#", 1)[0].split(";", 1)[0].strip()
            if "==" in spec and not spec.startswith("-"):
                name, version = spec.split("==", 1)
                found[name.split("[", 1)[0].strip().lower().replace("_", "-")] = version.strip()
    return found


def project(name: str) -> dict | None:
    # A fixed https:// address (PYPI), never a scheme from input.
    request = urllib.request.Request(PYPI.format(name=name), headers={"Accept": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310  # nosec B310
            return json.load(response)
    except (OSError, ValueError):
        return None


def check_by_project(dependency: dict) -> tuple[list[str], bool, bool]:
    """(problems, reached PyPI, the pin is the newest release) for one package pip-audit skipped."""
    name, version = dependency["name"], dependency.get("version", "")
    data = project(name)
    if data is None:
        return [], False, False
    problems = []
    files = data.get("releases", {}).get(version)
    if files is None:
        problems.append(f"{name} {version}: no such release on PyPI")
    elif files and all(f.get("yanked") for f in files):
        reason = files[0].get("yanked_reason") or "no reason given"
        problems.append(f"{name} {version}: yanked ({reason})")
    for vuln in data.get("vulnerabilities") or []:
        if vuln.get("withdrawn"):
            continue
        fixed = ", ".join(vuln.get("fixed_in") or []) or "no fixed release yet"
        problems.append(f"{name} {version}: {vuln.get('id')} (open in the newest release; fixed in: {fixed})")
    return problems, True, data.get("info", {}).get("version") == version


def main(lock_files: list[str]) -> int:
    dependencies = pip_audit(lock_files)
    found = [
        f"{d['name']} {d['version']}: {v['id']} (fixed in {', '.join(v.get('fix_versions') or []) or 'no release yet'})"
        for d in dependencies
        for v in d.get("vulns", [])
    ]
    audited = [d for d in dependencies if "skip_reason" not in d]
    pinned = pins(lock_files)
    skipped = [
        d | {"version": d.get("version") or pinned.get(d["name"].lower().replace("_", "-"), "")}
        for d in dependencies
        if "skip_reason" in d
    ]
    print(f"    pip-audit: {len(audited)} of {len(dependencies)} pinned packages audited by release")
    if skipped:
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(check_by_project, skipped))
        unreached = [d["name"] for d, (_, reached, _) in zip(skipped, results, strict=True) if not reached]
        if len(unreached) == len(skipped):
            print("    PyPI could not be reached: no package was audited", file=sys.stderr)
            return 2
        behind = sum(1 for _, reached, newest in results if reached and not newest)
        for problems, _, _ in results:
            found += problems
        print(
            f"    the other {len(skipped)}: PyPI's per-release advisories were out of reach, so each was checked"
            f" through its project's page (release exists, not yanked, no advisory open in the newest release);"
            f" {behind} of them are pinned behind their newest release, where an advisory fixed in between is not seen"
        )
        if unreached:
            found += [f"{name}: PyPI did not answer" for name in unreached]
    for line in found:
        print(f"    FOUND {line}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["requirements/base.txt", "requirements/test.txt"]))
