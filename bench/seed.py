"""How fast ``manage.py seed_demo`` fills a fresh database, at several scales.

Each scale gets its own fresh SQLite database in a temporary directory (``migrate`` and
``createcachetable`` first, not timed), then ``seed_demo --scale N`` runs in a subprocess and is timed
from outside: wall seconds for the whole process (Django start-up included, about a second) and
the CPU seconds it used. Rows are the count the command reports.

    .venv/bin/python bench/seed.py                       # scales 1, 10 and 100 on SQLite
    .venv/bin/python bench/seed.py --scales 100 --repeat 3
    .venv/bin/python bench/seed.py --postgres postgres://bench:bench@127.0.0.1:5432/postgres

With ``--postgres URL`` (a role that may CREATE DATABASE; the database in the URL is only used to
connect) each run gets a new, empty database that is dropped afterwards.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SEEDED = re.compile(r"Seeded (\d+) rows")


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )


class FreshPostgres:
    """A new empty database on the server of ``url`` for one run, dropped afterwards."""

    def __init__(self, url: str):
        self.url = url
        self.name = f"alongside_bench_{uuid.uuid4().hex[:8]}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as connection:
            connection.execute(sql)

    def __enter__(self) -> str:
        self._admin(f'CREATE DATABASE "{self.name}"')
        parts = urlsplit(self.url)
        return urlunsplit(parts._replace(path=f"/{self.name}"))

    def __exit__(self, *exc) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{self.name}"')


def one_run(scale: int, postgres: str | None) -> tuple[int, float, float]:
    """Seed a fresh database at ``scale``: (rows, wall seconds, CPU seconds)."""
    with tempfile.TemporaryDirectory(prefix="alongside-bench-seed-") as var_dir:
        env = {**os.environ, "ALONGSIDE_MODE": "demo", "ALONGSIDE_VAR_DIR": var_dir}
        env.pop("DATABASE_URL", None)

        def timed_seed() -> tuple[int, float, float]:
            manage(env, "migrate", "--verbosity", "0")
            manage(env, "createcachetable")
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            result = manage(env, "seed_demo", "--scale", str(scale), "--quiet")
            wall = time.perf_counter() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            match = SEEDED.search(result.stdout)
            if not match:
                raise RuntimeError(f"seed_demo said nothing about rows:\n{result.stdout}\n{result.stderr}")
            return int(match.group(1)), wall, cpu

        if postgres:
            with FreshPostgres(postgres) as url:
                env["DATABASE_URL"] = url
                return timed_seed()
        return timed_seed()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeat", type=int, default=1, help="Runs per scale; the median is shown.")
    parser.add_argument("--postgres", metavar="URL", help="Seed PostgreSQL (a fresh database per run) instead.")
    args = parser.parse_args()

    engine = "PostgreSQL" if args.postgres else "SQLite"
    print(f"seed_demo on a fresh {engine} database, {os.cpu_count()} cores, median of {args.repeat}")
    print(f"{'scale':>6} {'rows':>8} {'wall s':>8} {'cpu s':>8} {'rows/s':>8}")
    for scale in args.scales:
        runs = [one_run(scale, args.postgres) for _ in range(args.repeat)]
        rows = runs[0][0]
        wall = statistics.median(r[1] for r in runs)
        cpu = statistics.median(r[2] for r in runs)
        print(f"{scale:>6} {rows:>8} {wall:>8.1f} {cpu:>8.1f} {rows / wall:>8.0f}", flush=True)


if __name__ == "__main__":
    main()
