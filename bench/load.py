"""The production server under load: the main pages beside the floor, as ratios.

    .venv/bin/python bench/load.py                        # fresh SQLite database seeded at scale 100
    .venv/bin/python bench/load.py --reuse /tmp/bench     # a database seeded before (bench/pages.py --reuse)
    .venv/bin/python bench/load.py --postgres postgres://USER:PASS@127.0.0.1:5432/NAME   # seeded there if empty
    .venv/bin/python bench/load.py --duration 10 --connections 16 --only record

Unlike bench/pages.py (the demo settings), this serves Alongside as production does: ``ALONGSIDE_MODE=
production`` (only TLS is left out: no HTTPS redirect on loopback), ``gunicorn -c deploy/gunicorn.conf.py``
with its sync workers, manifest static files collected, and the database task backend. The data is the
demo's at ``--scale 100`` (seeded in demo mode, then served in production mode with the same keys).

Each page (caseload, peer record, contact log, dashboard; the coordinator and the peer supporter of
"harbour", the large organisation) is driven by wrk for ``--duration`` seconds right after the floor's
``/caseload/`` (../shared/bench-floor), and printed as p50, p95, p99 and requests per second, each as
a ratio of the floor's in the run beside it. Every response must be 2xx (a redirect fails the run).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import (  # noqa: E402 (beside this file)
    DEFAULT_FLOOR,
    MAKE_SESSIONS,
    ORGANISATION,
    ROOT,
    SIGN_INS,
    free_port,
    get,
    load_average,
    python,
    start_floor,
    stop_floor,
    wait_until_up,
    wrk,
)

PAGES = [
    ("/ dashboard, coordinator", "coordinator", "/"),
    ("/ dashboard, peer supporter", "peer supporter", "/"),
    ("/peers/ caseload, coordinator", "coordinator", "/peers/"),
    ("/peers/ caseload, peer supporter", "peer supporter", "/peers/"),
    ("/peers/<id>/ record, coordinator", "coordinator", "/peers/{id}/"),
    ("/peers/<id>/ record, peer supporter", "peer supporter", "/peers/{id}/"),
    ("/peers/<id>/contacts/ contact log, coordinator", "coordinator", "/peers/{id}/contacts/"),
    ("/peers/<id>/contacts/ contact log, peer supporter", "peer supporter", "/peers/{id}/contacts/"),
]
FLOOR_PAGE = "/caseload/"


def keys(var_dir: Path) -> dict[str, str]:
    """The demo's secret and encryption keys (made by the seed in var/), handed to production mode."""
    return {
        "DJANGO_SECRET_KEY": (var_dir / "secret-key").read_text().strip(),
        "ALONGSIDE_ENCRYPTION_KEYS": ",".join((var_dir / "encryption-keys").read_text().split()),
    }


def seed(env: dict[str, str], var_dir: Path, scale: int, postgres: str | None) -> None:
    python(env, "manage.py", "migrate", "--verbosity", "0")
    python(env, "manage.py", "createcachetable")
    probe = (
        "import django; django.setup(); from people.models import Peer; "
        "from organisations.tenancy import all_organisations\n"
        "with all_organisations(): print(Peer.objects.count())"
    )
    try:
        count = int(python(env, "-c", probe).strip() or 0)
    except (SystemExit, ValueError):
        count = 0
    if count:
        print(f"Reusing the demo data in {'PostgreSQL' if postgres else var_dir} ({count} peers)")
        return
    print(f"Seeding demo data at scale {scale} ...", flush=True)
    python(env, "manage.py", "seed_demo", "--scale", str(scale), "--quiet")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", type=Path, metavar="DIR", help="The var directory of a seeded database (kept).")
    parser.add_argument("--postgres", metavar="URL", help="Serve from this PostgreSQL database (seeded if empty).")
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--floor", type=Path, default=DEFAULT_FLOOR)
    parser.add_argument("--duration", type=int, default=10, help="Seconds of load per run (default 10).")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (default 3, as the floor).")
    parser.add_argument("--only", help="Run only the pages whose label contains this text.")
    parser.add_argument("--wrk", default=shutil.which("wrk") or "wrk")
    args = parser.parse_args()
    args.pin_wrk = None
    if not shutil.which(args.wrk):
        raise SystemExit("wrk is not installed: apt-get install -y wrk (or pass --wrk PATH)")

    scratch = Path(tempfile.mkdtemp(prefix="alongside-bench-load-"))
    var_dir = args.reuse.resolve() if args.reuse else scratch / "var"
    var_dir.mkdir(parents=True, exist_ok=True)
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_DEBUG"}}
    base |= {"ALONGSIDE_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "alongside.settings"}
    if args.postgres:
        base["DATABASE_URL"] = args.postgres
    demo = base | {"ALONGSIDE_MODE": "demo"}
    server, floor_pid = None, None
    try:
        seed(demo, var_dir, args.scale, args.postgres)
        production = base | keys(var_dir)
        production |= {
            "ALONGSIDE_MODE": "production",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",  # loopback, no TLS: the one thing production does differently
            "ALONGSIDE_WORKERS": str(args.workers),
        }
        python(production, "manage.py", "collectstatic", "--noinput", "--verbosity", "0")
        made = json.loads(python(production, "-c", MAKE_SESSIONS, json.dumps(SIGN_INS), ORGANISATION))
        people = made["people"]
        for label, person in people.items():
            print(f"  {label}: may open {person['visible_peers']} peers")

        floor_port, port = free_port(), free_port()
        floor_pid = start_floor(args.floor.resolve(), floor_port, None)
        log = scratch / "gunicorn.log"
        production["ALONGSIDE_BIND"] = f"127.0.0.1:{port}"
        command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "alongside.wsgi"]
        command += ["--error-logfile", str(log)]
        server = subprocess.Popen(
            command, cwd=ROOT, env=production, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        wait_until_up(port, "gunicorn", lambda: server.poll() is None, log)

        pages = [p for p in PAGES if not args.only or args.only in p[0]]
        cookies = {label: f"{made['cookie_name']}={p['session']}" for label, p in people.items()}
        for label, who, path in pages:
            ids = people[who]["peer_ids"]
            for i in range(3 * args.workers):
                status, location = get(port, path.format(id=ids[i % len(ids)]), cookies[who])
                if status != 200:
                    raise SystemExit(f"{label}: HTTP {status} {location} before any load")
        print(
            f"production settings, gunicorn -c deploy/gunicorn.conf.py ({args.workers} sync workers), floor 3 sync"
            f" workers; wrk {args.threads} threads, {args.connections} connections, {args.duration}s a run;"
            f" load average {load_average()}",
            flush=True,
        )
        rows = []
        for label, who, path in pages:
            floor = wrk(args, floor_port, FLOOR_PAGE)
            app = wrk(args, port, path, cookies[who], people[who]["peer_ids"])
            rows.append((label, app, floor, load_average()))
            print(f"  {label}: {app['rps']:.0f} req/s, p95 {app['p95']:.0f} ms; load {load_average()}", flush=True)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=40)
            except subprocess.TimeoutExpired:
                server.kill()
        stop_floor(floor_pid)
        shutil.rmtree(scratch, ignore_errors=True)

    print(
        f"\n{'page':<50} {'req/s':>6} {'×':>5} {'p50 ms':>7} {'×':>5} {'p95 ms':>7} {'×':>5} {'p99 ms':>7} {'×':>5}"
        f" {'non-2xx':>7}"
    )
    failed = 0
    for label, app, floor, _load in rows:
        failed += app["non_2xx"] + floor["non_2xx"]
        ratio = {k: app[k] / max(floor[k], 1e-9) for k in ("rps", "p50", "p95", "p99")}
        print(
            f"{label:<50} {app['rps']:>6.0f} {ratio['rps']:>5.2f} {app['p50']:>7.0f} {ratio['p50']:>5.2f}"
            f" {app['p95']:>7.0f} {ratio['p95']:>5.2f} {app['p99']:>7.0f} {ratio['p99']:>5.2f}"
            f" {app['non_2xx'] + floor['non_2xx']:>7}"
        )
    print("(× is the page's figure over the floor's /caseload/ in the run just before it)")
    print(f"load average at the end: {load_average()}")
    if failed:
        raise SystemExit(f"{failed} responses were not 2xx")


if __name__ == "__main__":
    main()
