"""Requests per second and latency of the main pages, served by gunicorn from a seeded demo.

    .venv/bin/python bench/pages.py                     # fresh SQLite database seeded at scale 100
    .venv/bin/python bench/pages.py --reuse /tmp/bench  # seed /tmp/bench once, reuse it afterwards
    .venv/bin/python bench/pages.py --duration 10 --users 4 --workers 2 --locust .venv-bench/bin/locust

What it does:
1. a demo database (``migrate``, ``createcachetable``, ``seed_demo --scale N``) in a temporary
   directory, or the one in ``--reuse DIR``;
2. a signed-in session for the peer supporter and the coordinator of "harbour" (the large
   organisation), written straight into the session table with the keys django.contrib.auth,
   the tenancy middleware and the two-step sign-in check read (no sign-in form, no TOTP), and
   the peer ids each of them may open;
3. gunicorn (``alongside.wsgi``, ``--workers`` sync workers, ALONGSIDE_MODE=demo, DJANGO_DEBUG=0)
   on a free port on 127.0.0.1; every page is checked to answer 200, not a redirect, first;
4. locust (headless, ``--users`` users with no wait) on one page at a time for ``--duration``
   seconds, then a table: requests per second, median and 95th percentile latency in ms, and the
   number of responses that were not 2xx (redirects are not followed, so they count).

The load generator runs on the same machine as the server and takes CPU from it: compare pages
with each other, and runs on the same machine, rather than reading the figures as capacity.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ORGANISATION = "harbour"
DOMAIN = "demo.alongside.invalid"
SIGN_INS = {
    "coordinator": f"coordinator@{ORGANISATION}.{DOMAIN}",
    "peer supporter": f"peer-supporter@{ORGANISATION}.{DOMAIN}",
}
# (label, who is signed in or None, path; "{id}" is a peer that person may open)
PAGES = [
    ("/healthz (no sign-in)", None, "/healthz"),
    ("/ dashboard, coordinator", "coordinator", "/"),
    ("/ dashboard, peer supporter", "peer supporter", "/"),
    ("/peers/ list, coordinator", "coordinator", "/peers/"),
    ("/peers/ list, peer supporter", "peer supporter", "/peers/"),
    ("/peers/<id>/ record, coordinator", "coordinator", "/peers/{id}/"),
    ("/peers/<id>/ record, peer supporter", "peer supporter", "/peers/{id}/"),
]

# Run in a subprocess with the server's environment: a session per person, as a sign-in (with
# two-step verification done) would leave it, and the peers each may open.
MAKE_SESSIONS = r"""
import json, random, sys
import django
django.setup()
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from accounts.middleware import mark_signed_in_with_second_step
from accounts.models import User
from access.policy import visible_peers
from organisations import middleware as tenancy
from organisations.models import Membership
from organisations.tenancy import organisation_scope

wanted, slug = json.loads(sys.argv[1]), sys.argv[2]
store = import_module(settings.SESSION_ENGINE).SessionStore
result = {"cookie_name": settings.SESSION_COOKIE_NAME, "people": {}}
for label, email in wanted.items():
    user = User.objects.get(email=email)
    membership = Membership.objects.select_related("organisation").get(user=user, organisation__slug=slug)
    session = store()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[tenancy.SESSION_KEY] = membership.organisation_id
    mark_signed_in_with_second_step(session, user)
    session.create()
    with organisation_scope(membership.organisation):
        ids = list(visible_peers(membership).values_list("pk", flat=True))
        peers = len(ids)
    ids = random.Random(2026).sample(ids, min(len(ids), 500))
    result["people"][label] = {"session": session.session_key, "peer_ids": ids, "visible_peers": peers}
print(json.dumps(result))
"""

ACCESS_STATUS = re.compile(r'" (\d{3}) ')


def audit_rows(var_dir: Path) -> int:
    with closing(sqlite3.connect(var_dir / "alongside.sqlite3")) as db:
        return db.execute("SELECT COUNT(*) FROM audit_auditevent").fetchone()[0]


def python(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"{' '.join(a[:40] for a in args[:3])} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare_database(env: dict[str, str], var_dir: Path, scale: int) -> None:
    if (var_dir / "alongside.sqlite3").exists():
        print(f"Reusing the database in {var_dir}")
        return
    print(f"Seeding a demo database at scale {scale} in {var_dir} ...", flush=True)
    started = time.perf_counter()
    python(env, "manage.py", "migrate", "--verbosity", "0")
    python(env, "manage.py", "createcachetable")
    python(env, "manage.py", "seed_demo", "--scale", str(scale), "--quiet")
    print(f"  done in {time.perf_counter() - started:.0f}s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, cookie: str = "") -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""
    finally:
        connection.close()


def wait_until_up(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited ({server.returncode}):\n{log.read_text()}")
        try:
            if get(port, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer /healthz within 60 s:\n{log.read_text()}")


def locust_command(given: str | None) -> list[str]:
    if given:
        return [given]
    if found := shutil.which("locust"):
        return [found]
    if importlib.util.find_spec("locust"):
        return [sys.executable, "-m", "locust"]
    raise SystemExit("locust is not installed: pip install -r requirements/bench.txt (or pass --locust PATH)")


def percentile(histogram: dict[str, int], fraction: float) -> float:
    """From locust's histogram of response times (ms, rounded as locust rounds them)."""
    total = sum(histogram.values())
    seen = 0
    for ms, count in sorted((float(k), v) for k, v in histogram.items()):
        seen += count
        if seen >= fraction * total:
            return ms
    return 0.0


def statuses(access_log: Path, start: int) -> tuple[int, dict[str, int]]:
    """Status codes the server logged after byte ``start`` of its access log, and where it ends."""
    counts: dict[str, int] = {}
    with open(access_log, "rb") as f:
        f.seek(start)
        data = f.read()
    for line in data.decode(errors="replace").splitlines():
        if match := ACCESS_STATUS.search(line):
            counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    return start + len(data), counts


def drive(locust: list[str], port: int, label: str, path: str, cookie: str, ids: list[int], args, out: Path):
    """One locust run on one page; its figures from the JSON it writes at the end."""
    report = out / "locust.json"
    report.unlink(missing_ok=True)
    env = {
        **os.environ,
        "BENCH_PATH": path,
        "BENCH_IDS": ",".join(map(str, ids)),
        "BENCH_COOKIE": cookie,
        "BENCH_NAME": label,
    }
    command = [
        *locust,
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.users),
        "--run-time",
        f"{args.duration}s",
        "--host",
        f"http://127.0.0.1:{port}",
        "--json-file",
        str(report.with_suffix("")),
        "--only-summary",
        "--loglevel",
        "ERROR",
        "--stop-timeout",
        "10",
    ]
    # cwd: a directory with no locust.conf or pyproject.toml for locust to pick settings from.
    done = subprocess.run(command, cwd=out, env=env, capture_output=True, text=True, timeout=args.duration + 120)
    if not report.exists():
        raise SystemExit(f"locust wrote no figures for {label}:\n{done.stdout}\n{done.stderr}")
    stats = next(e for e in json.loads(report.read_text()) if e["name"] == label)
    seconds = max(stats["last_request_timestamp"] - stats["start_time"], 1e-9)
    return {
        "requests": stats["num_requests"],
        "non_2xx": stats["num_failures"],
        "rps": stats["num_requests"] / seconds,
        "p50": percentile(stats["response_times"], 0.50),
        "p95": percentile(stats["response_times"], 0.95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", type=Path, metavar="DIR", help="Seed DIR once and reuse it (kept afterwards).")
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--duration", type=int, default=20, help="Seconds of load per page (default 20).")
    parser.add_argument("--users", type=int, default=4, help="Concurrent locust users, no wait (default 4).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2).")
    parser.add_argument("--locust", help="The locust command (default: from PATH, or this Python's).")
    parser.add_argument("--only", help="Run only the pages whose label contains this text.")
    args = parser.parse_args()
    locust = locust_command(args.locust)

    scratch = Path(tempfile.mkdtemp(prefix="alongside-bench-pages-"))
    var_dir = args.reuse.resolve() if args.reuse else scratch / "var"
    var_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "ALONGSIDE_MODE": "demo",
        "ALONGSIDE_VAR_DIR": str(var_dir),
        "DJANGO_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "alongside.settings",
    }
    env.pop("DATABASE_URL", None)
    server = None
    try:
        prepare_database(env, var_dir, args.scale)
        made = json.loads(python(env, "-c", MAKE_SESSIONS, json.dumps(SIGN_INS), ORGANISATION))
        people = made["people"]
        for label, person in people.items():
            print(f"  {label}: may open {person['visible_peers']} peers")
            if not person["peer_ids"]:
                raise SystemExit(f"The {label} of {ORGANISATION} may open no peer: nothing to read.")

        port = free_port()
        log, access_log = scratch / "gunicorn.log", scratch / "access.log"
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "alongside.wsgi", "--bind", f"127.0.0.1:{port}"]
            + ["--workers", str(args.workers), "--error-logfile", str(log), "--access-logfile", str(access_log)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_up(port, server, log)

        pages = [p for p in PAGES if not args.only or args.only in p[0]]
        cookies = {label: f"{made['cookie_name']}={p['session']}" for label, p in people.items()}
        # Every page answers 200 to its signed-in person (not a redirect to sign in), a few times
        # over so that both workers have loaded everything before the clock starts.
        for label, who, path in pages:
            ids = people[who]["peer_ids"] if who else []
            for i in range(6):
                status, location = get(port, path.format(id=ids[i % len(ids)]) if ids else path, cookies.get(who, ""))
                if status != 200:
                    raise SystemExit(f"{label}: HTTP {status} {location} before any load; the session does not work.")
        print(
            f"gunicorn on 127.0.0.1:{port}, {args.workers} workers; locust {args.users} users, {args.duration}s a page"
        )

        results = []
        offset, _ = statuses(access_log, 0)
        for label, who, path in pages:
            audit_before = audit_rows(var_dir)
            ids = people[who]["peer_ids"] if who else []
            figures = drive(locust, port, label, path, cookies.get(who, ""), ids, args, scratch)
            time.sleep(1)  # the last responses reach the access log
            figures["audit_rows"] = audit_rows(var_dir) - audit_before
            offset, codes = statuses(access_log, offset)
            figures["server_non_2xx"] = sum(n for code, n in codes.items() if not code.startswith("2"))
            results.append((label, figures))
            print(f"  {label}: {figures['rps']:.1f} req/s", flush=True)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=40)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(scratch, ignore_errors=True)  # the database too, unless it is in --reuse DIR

    print()
    print(
        f"{'page':<38} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'requests':>9} {'non-2xx':>8}"
        f" {'(server)':>8} {'audit rows':>10}"
    )
    for label, f in results:
        print(
            f"{label:<38} {f['rps']:>7.1f} {f['p50']:>7.0f} {f['p95']:>7.0f} {f['requests']:>9}"
            f" {f['non_2xx']:>8} {f['server_non_2xx']:>8} {f['audit_rows']:>10}"
        )
    failed = sum(f["non_2xx"] + f["server_non_2xx"] for _, f in results)
    print(f"\nnon-2xx responses: {failed}" + ("" if not failed else "  <- something answered other than 2xx"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
