"""The batch solver beside greedy: solve time, peers matched and total fit.

    .venv/bin/python bench/matching.py                    # synthetic instances, then demo data at scale 100
    .venv/bin/python bench/matching.py --only synthetic   # only the synthetic 2,000 x 300 instances
    .venv/bin/python bench/matching.py --reuse /tmp/bench # a demo database seeded by pages.py --reuse
    .venv/bin/python bench/matching.py --repeat 5 --peers 2000 --supporters 300

What it does:
1. synthetic instances of ``--peers`` peers and ``--supporters`` supporters (2,000 x 300 by default),
   with fits from a simple model of the criteria (a shared language weighs most): "uniform"
   (languages and wishes spread evenly) and "rare language" (a fifth of the peers speak only a
   language that fifteen supporters in three hundred share); each solved by ``batches.solver.solve`` and
   ``greedy``, the median time of ``--repeat`` runs;
2. a demo database at ``--scale`` (100 by default; a temporary directory, or ``--reuse DIR``),
   and for each organisation the batch a coordinator would start (every waiting peer, every
   supporter with room), built by ``batches.services.problem_for`` (the fits, blocks and the
   good-enough threshold the page uses), solved both ways.

It prints figures, no thresholds. The issue's target: a solve under one second, and never fewer
peers matched than greedy. "solve s" is the solver alone; "build s" is scoring every pair first.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from batches.solver import BatchProblem, PeerNeed, SupporterRoom, greedy, solve  # noqa: E402

GOOD_ENOUGH = 60
LANGUAGES = ["en", "fr", "es", "ar", "ro", "vi", "pt", "uk", "ti", "sq"]
RARE = "ti"


def synthetic(peers: int, supporters: int, *, rare: bool, seed: int = 2026) -> BatchProblem:
    """A generated instance; fits from a simple model of the criteria (language weighs most).

    Kept apart from ``matching.core`` on purpose, so that the bench runs whatever the fit's weights:
    a shared language gives 40 points, the rest is needs, gender, ways of meeting and availability.
    """
    rng = random.Random(seed)
    common = [code for code in LANGUAGES if code != RARE]
    supporter_languages = []
    for j in range(supporters):
        spoken = set(rng.sample(common, 2))
        # Rare: fifteen in three hundred speak the rare language; uniform: one in ten, at random.
        if (j < max(supporters // 20, 1)) if rare else (rng.random() < 0.1):
            spoken.add(RARE)
        supporter_languages.append(spoken)
    rooms = tuple(
        SupporterRoom(10_000 + j, rng.randint(4, 10), may_work_alone=rng.random() < 0.75) for j in range(supporters)
    )
    needs = tuple(PeerNeed(i + 1, one_to_one=rng.random() < 0.5) for i in range(peers))
    peer_languages = []
    for i in range(peers):
        if rare and i % 5 == 0:
            peer_languages.append({RARE})
        else:
            peer_languages.append({rng.choice(common)} | ({RARE} if not rare and rng.random() < 0.1 else set()))
    traits = [[rng.random() for _ in range(4)] for _ in range(supporters)]
    wishes = [[rng.random() for _ in range(4)] for _ in range(peers)]
    fit = []
    for i in range(peers):
        row = []
        for j in range(supporters):
            points = 40 if peer_languages[i] & supporter_languages[j] else 0
            points += int(sum(15 * (1 - abs(a - b)) for a, b in zip(wishes[i], traits[j], strict=True)))
            row.append(min(points, 100))
        fit.append(row)
    return BatchProblem(needs, rooms, fit, GOOD_ENOUGH)


def timed(function, problem: BatchProblem, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function(problem)
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def report(label: str, problem: BatchProblem, repeat: int, build_seconds: float | None = None) -> None:
    best_s, best = timed(solve, problem, repeat)
    greedy_s, base = timed(greedy, problem, repeat)
    places = sum(room.places for room in problem.supporters)
    build = f"{build_seconds:>8.2f}" if build_seconds is not None else f"{'-':>8}"
    print(
        f"{label:<28} {len(problem.peers):>6} {len(problem.supporters):>6} {places:>6} {build}"
        f" {best_s:>8.3f} {best.matched:>7} {best.total_fit:>9}"
        f" {greedy_s:>8.3f} {base.matched:>7} {base.total_fit:>9} {best.matched - base.matched:>+6}",
        flush=True,
    )


def header() -> None:
    print(
        f"{'instance':<28} {'peers':>6} {'supp.':>6} {'places':>6} {'build s':>8}"
        f" {'solve s':>8} {'matched':>7} {'total fit':>9}"
        f" {'greedy s':>8} {'matched':>7} {'total fit':>9} {'more':>6}"
    )


DEMO = r"""
import json, sys, time
import django
django.setup()
from batches.services import problem_for, waiting_peers, supporters_with_room
from batches.solver import greedy, solve
from organisations.models import Membership, Organisation, Role
from organisations.tenancy import all_organisations, organisation_scope
with all_organisations():
    organisations = list(Organisation.objects.order_by("pk"))
out = []
for organisation in organisations:
    with organisation_scope(organisation):
        started = time.perf_counter()
        coordinator = Membership.objects.filter(organisation=organisation, role=Role.COORDINATOR, is_active=True).first()
        peers = list(waiting_peers(coordinator))
        problem = problem_for(organisation, peers, list(supporters_with_room(organisation)))
        build = time.perf_counter() - started
        rows = []
        for function in (solve, greedy):
            started = time.perf_counter()
            proposal = function(problem)
            rows.append([time.perf_counter() - started, proposal.matched, proposal.total_fit])
    out.append({"organisation": organisation.slug, "peers": len(problem.peers),
                "supporters": len(problem.supporters), "places": sum(r.places for r in problem.supporters),
                "build": build, "solve": rows[0], "greedy": rows[1]})
print(json.dumps(out))
"""


def demo(scale: int, reuse: str | None) -> None:
    directory = Path(reuse) if reuse else Path(tempfile.mkdtemp(prefix="alongside-bench-matching-"))
    directory.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "ALONGSIDE_MODE": "demo",
        "ALONGSIDE_VAR_DIR": str(directory),
        "DJANGO_DEBUG": "0",
        "DJANGO_SETTINGS_MODULE": "alongside.settings",
    }
    env.pop("DATABASE_URL", None)

    def manage(*args: str) -> str:
        done = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        if done.returncode:
            raise SystemExit(f"{' '.join(args[:3])} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    if not (directory / "alongside.sqlite3").exists():
        print(f"Seeding a demo database at scale {scale} in {directory} ...", flush=True)
        manage("manage.py", "migrate", "--verbosity", "0")
        manage("manage.py", "createcachetable")
        manage("manage.py", "seed_demo", "--scale", str(scale), "--quiet")
    else:
        print(f"Reusing the database in {directory}")
        manage("manage.py", "migrate", "--verbosity", "0")
    rows = json.loads(manage("-c", DEMO).strip().splitlines()[-1])
    header()
    for row in rows:
        (s_time, s_matched, s_fit), (g_time, g_matched, g_fit) = row["solve"], row["greedy"]
        print(
            f"{'demo ' + row['organisation']:<28} {row['peers']:>6} {row['supporters']:>6} {row['places']:>6}"
            f" {row['build']:>8.2f} {s_time:>8.3f} {s_matched:>7} {s_fit:>9}"
            f" {g_time:>8.3f} {g_matched:>7} {g_fit:>9} {s_matched - g_matched:>+6}"
        )
    if not reuse:
        import shutil

        shutil.rmtree(directory, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--peers", type=int, default=2000)
    parser.add_argument("--supporters", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3, help="Runs of each solve; the median is shown.")
    parser.add_argument("--scale", type=int, default=100, help="seed_demo --scale for the demo data.")
    parser.add_argument("--reuse", metavar="DIR", help="A demo database already seeded (bench/pages.py --reuse).")
    parser.add_argument("--only", choices=["synthetic", "demo"])
    args = parser.parse_args()
    print(
        f"batch solver beside greedy, {os.cpu_count()} cores, median of {args.repeat}; good enough: "
        f"{GOOD_ENOUGH} (synthetic), the organisation's own (demo)"
    )
    if args.only != "demo":
        header()
        for label, rare in (("synthetic uniform", False), ("synthetic rare language", True)):
            started = time.perf_counter()
            problem = synthetic(args.peers, args.supporters, rare=rare)
            report(label, problem, args.repeat, time.perf_counter() - started)
    if args.only != "synthetic":
        demo(args.scale, args.reuse)


if __name__ == "__main__":
    main()
