"""Throughput and p95 latency of the main pages, as ratios of a bare Django floor in the same run.

    .venv/bin/python bench/pages.py                      # fresh SQLite database seeded at scale 100
    .venv/bin/python bench/pages.py --reuse /tmp/bench   # seed /tmp/bench once, reuse it afterwards
    .venv/bin/python bench/pages.py --duration 15 --threads 2 --connections 16 --only caseload

What it does:
1. a demo database (``migrate``, ``createcachetable``, ``seed_demo --scale N``) in a temporary
   directory, or the one in ``--reuse DIR``;
2. a signed-in session for the peer supporter and the coordinator of "harbour" (the large
   organisation), written straight into the session table with the keys django.contrib.auth and
   the tenancy middleware read (no sign-in form; their two-step sign-in is enrolled by the seed),
   and the peer ids each of them may open;
3. the floor (``../shared/bench-floor/run.sh PORT``, or ``--floor DIR``): a bare Django 5.2 app
   doing one filtered query, one audit insert and a 50-row template under gunicorn with 3 sync
   workers on SQLite (WAL), with no sign-in, policy or encryption;
4. the application under gunicorn (``alongside.wsgi``, ``--workers`` sync workers, default 3,
   ALONGSIDE_MODE=demo, DJANGO_DEBUG=0, no access log, as the floor); every page is checked to
   answer 200 (not a redirect) first;
5. wrk (``--threads``, ``--connections``, ``--duration`` seconds a run, with bench/wrk.lua) on
   each page, each run of a page right after a run of the floor's ``/caseload/`` (``/healthz``
   after the floor's ``/healthz``), so that both see the machine as it is at that moment; then a
   table of each page's throughput and p95 as a ratio of the floor run beside it, the absolute
   figures, the responses that were not 2xx (a redirect counts: it fails the run), and the audit
   rows each page wrote.

Target (issue 6): every signed-in page at >= 0.5x the floor's throughput and <= 2x its p95.
wrk and both servers share the machine: rely on the ratios taken in one run, not the absolutes.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA = ROOT / "bench" / "wrk.lua"
DEFAULT_FLOOR = ROOT.parent / "shared" / "bench-floor"
ORGANISATION = "harbour"
DOMAIN = "demo.alongside.invalid"
SIGN_INS = {
    "coordinator": f"coordinator@{ORGANISATION}.{DOMAIN}",
    "peer supporter": f"peer-supporter@{ORGANISATION}.{DOMAIN}",
}
# A save is a POST with a form's answers; the CSRF check passes with this token as the cookie and
# the form field (Django accepts the unmasked secret). Its answer is a redirect, not a 200.
CSRF_TOKEN = "benchbenchbenchbenchbenchbench32"  # noqa: S105 - a fixed CSRF secret for loopback load
CONTACT_SAVED = f"csrfmiddlewaretoken={CSRF_TOKEN}&happened_at=2026-12-01T10%3A00&how=phone&length=15&kind=check_in"
# (label, who is signed in or None, path, floor's page[, the POST body of a save]). In the path,
# "{id}" is a peer that person may open; "{log}" is "<peer>/assignments/<assignment>", a support
# they log contacts on; "{sup}" a peer supporter whose path they may open.
PAGES = [
    ("/healthz (no sign-in)", None, "/healthz", "/healthz"),
    # For reference: the lightest signed-in page (the session, the member, the page's chrome, one small
    # list), what every signed-in page costs before it shows anything of its own.
    ("/account/sessions/ lightest signed-in page", "peer supporter", "/account/sessions/", "/caseload/"),
    ("/ dashboard, coordinator", "coordinator", "/", "/caseload/"),
    ("/ dashboard, peer supporter", "peer supporter", "/", "/caseload/"),
    ("/peers/ caseload, coordinator", "coordinator", "/peers/", "/caseload/"),
    ("/peers/ caseload, peer supporter", "peer supporter", "/peers/", "/caseload/"),
    ("/peers/<id>/ record, coordinator", "coordinator", "/peers/{id}/", "/caseload/"),
    ("/peers/<id>/ record, peer supporter", "peer supporter", "/peers/{id}/", "/caseload/"),
    ("/waiting/ waiting list, coordinator", "coordinator", "/waiting/", "/caseload/"),
    ("/peers/<id>/intake/ intake, coordinator", "coordinator", "/peers/{id}/intake/", "/caseload/"),
    ("/peers/<id>/suggestions/ suggestions, coordinator", "coordinator", "/peers/{id}/suggestions/", "/caseload/"),
    ("/peers/<id>/offers/ offers, coordinator", "coordinator", "/peers/{id}/offers/", "/caseload/"),
    ("/batches/ batches, coordinator", "coordinator", "/batches/", "/caseload/"),
    (
        "/…/contacts/new/ log, peer supporter",
        "peer supporter",
        "/peers/{log}/contacts/new/",
        "/caseload/",
    ),
    (
        "/…/contacts/new/ save, peer supporter",
        "peer supporter",
        "/peers/{log}/contacts/new/",
        "/caseload/",
        CONTACT_SAVED,
    ),
    # The peer supporters' path (issue 9): a supporter's own wellbeing page and check-in; the
    # coordinator's view of those on the way in, training, and one supporter's path and competence.
    ("/wellbeing/ own wellbeing, peer supporter", "peer supporter", "/wellbeing/", "/caseload/"),
    ("/wellbeing/check-in/ check-in, peer supporter", "peer supporter", "/wellbeing/check-in/", "/caseload/"),
    ("/recruitment/ on the way in, coordinator", "coordinator", "/recruitment/", "/caseload/"),
    ("/training/ training, coordinator", "coordinator", "/training/", "/caseload/"),
    ("/supporters/<id>/path/ a path, coordinator", "coordinator", "/supporters/{sup}/path/", "/caseload/"),
    (
        "/supporters/<id>/competence/ competence, coordinator",
        "coordinator",
        "/supporters/{sup}/competence/",
        "/caseload/",
    ),
]
TARGET_THROUGHPUT, TARGET_P95 = 0.5, 2.0

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
from access.policy import visible_peers, visible_supporters
from contacts.access import loggable_assignments
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
        logs = [f"{p}/assignments/{a}" for a, p in loggable_assignments(membership).values_list("pk", "peer_id")]
        supporters = list(visible_supporters(membership).values_list("pk", flat=True))
    ids = random.Random(2026).sample(ids, min(len(ids), 500))
    supporters = random.Random(2026).sample(supporters, min(len(supporters), 500))
    result["people"][label] = {
        "session": session.session_key, "peer_ids": ids, "visible_peers": peers, "log_on": logs,
        "supporter_ids": supporters,
    }
print(json.dumps(result))
"""


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
        python(env, "manage.py", "migrate", "--verbosity", "0")  # in case the code moved on
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


def get(port: int, path: str, cookie: str = "", body: str | None = None) -> tuple[int, str]:
    """GET ``path`` (or POST ``body`` to it, as a form): the status and where it redirects."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        connection.request("GET" if body is None else "POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, response.getheader("Location") or ""
    finally:
        connection.close()


def wait_until_up(port: int, what: str, alive=lambda: True, log: Path | None = None) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if not alive():
            raise SystemExit(f"{what} exited:\n{log.read_text() if log else ''}")
        try:
            if get(port, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{what} did not answer /healthz within 90 s:\n{log.read_text() if log and log.exists() else ''}")


def start_floor(floor: Path, port: int, pin: str | None) -> Path:
    """The floor's run.sh serves it in the background and prints its PID file."""
    script = floor / "run.sh"
    if not script.exists():
        raise SystemExit(f"No floor at {floor} (expected run.sh there; pass --floor DIR)")
    command = ["bash", str(script), str(port)]
    if pin:
        command = ["taskset", "-c", pin, *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:
        raise SystemExit(f"The floor did not start:\n{done.stdout}\n{done.stderr}")
    pid_file = Path(lines[-1])
    wait_until_up(port, "the floor")
    return pid_file


def stop_floor(pid_file: Path | None) -> None:
    if pid_file is None:
        return
    with suppress(OSError, ValueError):
        os.kill(int(pid_file.read_text().strip()), 15)
    time.sleep(1)
    if pid_file.parent.name.startswith("tmp"):  # run.sh's mktemp -d: its database, code and PID file
        shutil.rmtree(pid_file.parent, ignore_errors=True)


def wrk(args, port: int, path: str, cookie: str = "", ids: list | None = None, body: str | None = None) -> dict:
    command = [args.wrk, f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    command += ["--timeout", "30s", "-s", str(LUA), f"http://127.0.0.1:{port}", "--", path]
    command += [cookie or "-", ",".join(map(str, ids or []))]
    if body is not None:
        command += ["POST", body]
    if args.pin_wrk:
        command = ["taskset", "-c", args.pin_wrk, *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=args.duration + 120)
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH ")), None)
    if line is None:
        raise SystemExit(f"wrk gave no figures for {path}:\n{done.stdout}\n{done.stderr}")
    figures = json.loads(line[len("BENCH ") :])
    figures["rps"] = figures["requests"] / max(figures["seconds"], 1e-9)
    figures["non_2xx"] = figures["redirects"] + figures["other"] + figures["socket_errors"]
    return figures


def ids_for(people: dict, who: str | None, path: str) -> list:
    """What stands for "{id}", "{log}" or "{sup}" in the path, for the person signed in."""
    if who is None:
        return []
    return people[who]["log_on" if "{log}" in path else "supporter_ids" if "{sup}" in path else "peer_ids"]


def with_id(path: str) -> str:
    """The path with its one placeholder spelled "{id}" (as wrk.lua and the warm-up fill it)."""
    return path.replace("{log}", "{id}").replace("{sup}", "{id}")


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reuse", type=Path, metavar="DIR", help="Seed DIR once and reuse it (kept afterwards).")
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument(
        "--floor", type=Path, default=DEFAULT_FLOOR, help=f"The floor's folder (default {DEFAULT_FLOOR})."
    )
    parser.add_argument("--duration", type=int, default=15, help="Seconds of load per run (default 15).")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2).")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (default 16).")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers for the app (default 3).")
    parser.add_argument("--rounds", type=int, default=1, help="Run every page this many times; medians shown.")
    parser.add_argument("--only", help="Run only the pages whose label contains this text.")
    parser.add_argument("--wrk", default=shutil.which("wrk") or "wrk", help="The wrk command (apt-get install wrk).")
    parser.add_argument("--pin-wrk", metavar="CPUS", help="taskset wrk to these CPUs (e.g. 0).")
    parser.add_argument("--pin-servers", metavar="CPUS", help="taskset both servers to these CPUs (e.g. 1).")
    args = parser.parse_args()
    if not shutil.which(args.wrk):
        raise SystemExit("wrk is not installed: apt-get install -y wrk (or pass --wrk PATH)")

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
    server, floor_pid = None, None
    try:
        prepare_database(env, var_dir, args.scale)
        made = json.loads(python(env, "-c", MAKE_SESSIONS, json.dumps(SIGN_INS), ORGANISATION))
        people = made["people"]
        for label, person in people.items():
            print(f"  {label}: may open {person['visible_peers']} peers")
            if not person["peer_ids"]:
                raise SystemExit(f"The {label} of {ORGANISATION} may open no peer: nothing to read.")

        floor_port, port = free_port(), free_port()
        floor_pid = start_floor(args.floor.resolve(), floor_port, args.pin_servers)
        log = scratch / "gunicorn.log"
        command = [sys.executable, "-m", "gunicorn", "alongside.wsgi", "--bind", f"127.0.0.1:{port}"]
        command += ["--workers", str(args.workers), "--error-logfile", str(log), "--log-level", "warning"]
        if args.pin_servers:
            command = ["taskset", "-c", args.pin_servers, *command]
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_up(port, "gunicorn", lambda: server.poll() is None, log)

        pages = [p for p in PAGES if not args.only or args.only in p[0]]
        cookies = {
            label: f"{made['cookie_name']}={p['session']}; csrftoken={CSRF_TOKEN}" for label, p in people.items()
        }
        # Every page answers 200 to its signed-in person (not a redirect to sign in), and every save
        # redirects to the page after it (not back to the form), a few times over so that every
        # worker has loaded everything before the clock starts.
        for label, who, path, _, *body in pages:
            ids = ids_for(people, who, path)
            for i in range(3 * args.workers):
                at = with_id(path).format(id=ids[i % len(ids)]) if ids else path
                status, location = get(port, at, cookies.get(who, ""), *body)
                if status != (302 if body else 200) or (body and "/contacts/new/" in location):
                    raise SystemExit(f"{label}: HTTP {status} {location} before any load; the session does not work.")
        for _ in range(3 * 3):
            get(floor_port, "/caseload/")
        print(
            f"app and floor under gunicorn ({args.workers} and 3 sync workers); wrk {args.threads} threads,"
            f" {args.connections} connections, {args.duration}s a run; pinned: wrk {args.pin_wrk or 'no'},"
            f" servers {args.pin_servers or 'no'}; load average {load_average()}",
            flush=True,
        )

        runs: dict[str, list[tuple[dict, dict]]] = {label: [] for label, *_ in pages}
        loads = [os.getloadavg()[0]]
        for round_ in range(args.rounds):
            for label, who, path, floor_path, *body in pages:
                ids = ids_for(people, who, path)
                floor = wrk(args, floor_port, floor_path)
                audit_before = audit_rows(var_dir)
                app = wrk(args, port, with_id(path), cookies.get(who, ""), ids, *body)
                app["audit_rows"] = audit_rows(var_dir) - audit_before
                runs[label].append((app, floor))
                loads.append(os.getloadavg()[0])
                print(
                    f"  [{round_ + 1}] {label}: {app['rps']:.0f} req/s p95 {app['p95']:.0f} ms;"
                    f" floor {floor_path} {floor['rps']:.0f} req/s p95 {floor['p95']:.0f} ms;"
                    f" load {load_average()}",
                    flush=True,
                )
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=40)
            except subprocess.TimeoutExpired:
                server.kill()
        stop_floor(floor_pid)
        shutil.rmtree(scratch, ignore_errors=True)  # the database too, unless it is in --reuse DIR

    def median(values):
        return statistics.median(values)

    print(f"\nload average (1 min) during the runs: {min(loads):.2f} to {max(loads):.2f}")
    print(
        f"\n{'page':<38} {'req/s':>6} {'floor':>6} {'× floor':>7} {'p95 ms':>7} {'floor':>6} {'× floor':>7}"
        f" {'p50 ms':>6} {'requests':>8} {'non-2xx':>7} {'audit rows':>10}  target"
    )
    failed, missed = 0, 0
    for label, pairs in runs.items():
        rps, floor_rps = median([a["rps"] for a, _ in pairs]), median([f["rps"] for _, f in pairs])
        p95, floor_p95 = median([a["p95"] for a, _ in pairs]), median([f["p95"] for _, f in pairs])
        throughput = median([a["rps"] / f["rps"] for a, f in pairs])
        latency = median([a["p95"] / f["p95"] for a, f in pairs])
        non_2xx = sum(a["non_2xx"] + f["non_2xx"] for a, f in pairs)
        failed += non_2xx
        met = throughput >= TARGET_THROUGHPUT and latency <= TARGET_P95
        missed += not met
        print(
            f"{label:<38} {rps:>6.0f} {floor_rps:>6.0f} {throughput:>7.2f} {p95:>7.0f} {floor_p95:>6.0f}"
            f" {latency:>7.2f} {median([a['p50'] for a, _ in pairs]):>6.0f}"
            f" {sum(a['requests'] for a, _ in pairs):>8} {non_2xx:>7}"
            f" {sum(a['audit_rows'] for a, _ in pairs):>10}  {'met' if met else 'MISSED'}"
        )
    print(f"\ntarget: >= {TARGET_THROUGHPUT}x the floor's throughput and <= {TARGET_P95}x its p95, in the same run")
    print(f"non-2xx responses: {failed}" + ("" if not failed else "  <- something answered other than 2xx"))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
