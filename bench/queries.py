"""The SQL behind each page of bench/pages.py: how many queries, how long, and the slowest ones.

    .venv/bin/python bench/queries.py /tmp/bench        # a database seeded by bench/pages.py --reuse
    .venv/bin/python bench/queries.py /tmp/bench --without-stats --explain

Runs in-process with Django's test client (no server), DJANGO_DEBUG=0, against the demo database
in the given directory (or DATABASE_URL, if set, with that directory's keys), with the same
signed-in sessions as bench/pages.py. Each page is fetched twice and the second fetch is shown
(the first warms caches). ``--explain`` shows the plan of each page's slowest query.
``--repeat N`` times N more fetches of each page (median and fastest, no profiler); ``--profile N`` runs cProfile over N more fetches of each page and
prints the functions where the time goes (cumulative). ``--without-stats`` works on a copy of the SQLite database without the planner statistics that
``seed_demo`` gathers (ANALYZE), as a database that grew in use would be.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from contextlib import redirect_stdout
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_without_stats(var_dir: Path, copy: Path) -> None:
    for name in ("secret-key", "encryption-keys"):
        shutil.copy2(var_dir / name, copy / name)
    source, target = sqlite3.connect(var_dir / "alongside.sqlite3"), sqlite3.connect(copy / "alongside.sqlite3")
    try:
        source.backup(target)
        target.execute("DROP TABLE IF EXISTS sqlite_stat1")
        target.commit()
    finally:
        source.close()
        target.close()


def profile_page(fetch, times: int, top: int) -> None:
    """cProfile over ``times`` fetches of one page: where its time in process goes."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(times):
        fetch()
    profiler.disable()
    calls = pstats.Stats(profiler).total_calls // times
    print(f"  profile: {(time.perf_counter() - started) * 1000 / times:.1f} ms a fetch over {times} (profiled),")
    print(f"  {calls} Python function calls a fetch (deterministic: compare these, not the ms)")
    out = StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(os.environ.get("BENCH_PROFILE_SORT", "cumulative")).print_stats(top)
    lines = [x for x in out.getvalue().splitlines() if x.strip()]
    start = next(i for i, x in enumerate(lines) if x.lstrip().startswith("ncalls"))
    for line in lines[start : start + top + 1]:
        print("   ", line[:160])


def show_pages(top: int, explain: bool, profile: int = 0, only: str | None = None, repeat: int = 0) -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    import django

    django.setup()
    import pages
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from encryption import fields

    saved_argv, sys.argv = sys.argv, ["-c", json.dumps(pages.SIGN_INS), pages.ORGANISATION]
    out = StringIO()
    try:
        with redirect_stdout(out):
            exec(pages.MAKE_SESSIONS, {})  # noqa: S102 (our own snippet, as bench/pages.py runs it)
    finally:
        sys.argv = saved_argv
    made = json.loads(out.getvalue())

    for label, who, path, _, *body in pages.PAGES:
        if only and only not in label:
            continue
        client = Client(HTTP_HOST="127.0.0.1")
        url = path
        if who:
            client.cookies[made["cookie_name"]] = made["people"][who]["session"]
            url = pages.with_id(path).format(id=pages.ids_for(made["people"], who, path)[0])

        def fetch(client=client, url=url, body=body):
            """The page, or for a save, the form's answers POSTed to it (the test client skips CSRF)."""
            if body:
                return client.post(url, body[0], content_type="application/x-www-form-urlencoded")
            return client.get(url)

        fetch()
        decrypted = [0]
        real_decrypt = fields.decrypt

        def counting_decrypt(token, decrypted=decrypted, real_decrypt=real_decrypt):
            decrypted[0] += 1
            return real_decrypt(token)

        fields.decrypt = counting_decrypt
        try:
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = fetch()
                elapsed = (time.perf_counter() - started) * 1000
        finally:
            fields.decrypt = real_decrypt
        sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        print(f"\n{label}  {url}  HTTP {response.status_code}")
        print(
            f"  {elapsed:.0f} ms in all, {len(queries)} queries taking {sql_ms:.0f} ms, {decrypted[0]} values decrypted"
        )
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:top]
        for query in slowest:
            sql = " ".join(query["sql"].split())
            print(f"  {float(query['time']) * 1000:6.1f} ms  {sql[:400]}{' ...' if len(sql) > 400 else ''}")
        if explain and slowest:
            prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
            with connection.cursor() as cursor:
                cursor.execute(prefix + slowest[0]["sql"])
                for row in cursor.fetchall():
                    print("    plan:", row[-1])
        if repeat:
            if os.environ.get("BENCH_GC_FREEZE"):
                import gc

                gc.freeze()
            times, cpu = [], []
            for _ in range(repeat):
                started, started_cpu = time.perf_counter(), time.process_time()
                fetch()
                times.append((time.perf_counter() - started) * 1000)
                cpu.append((time.process_time() - started_cpu) * 1000)
            times.sort()
            cpu.sort()
            print(
                f"  over {repeat} fetches: median {times[len(times) // 2]:.1f} ms, fastest {times[0]:.1f} ms;"
                f" CPU median {cpu[len(cpu) // 2]:.1f} ms (less moved by other load)"
            )
        if profile:
            profile_page(fetch, profile, int(os.environ.get("BENCH_PROFILE_LINES", "40")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("var_dir", type=Path, help="ALONGSIDE_VAR_DIR of a seeded demo database.")
    parser.add_argument("--top", type=int, default=3, help="Slowest queries shown per page (default 3).")
    parser.add_argument("--explain", action="store_true", help="Show the plan of each page's slowest query.")
    parser.add_argument("--without-stats", action="store_true", help="Use a copy without ANALYZE statistics.")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="cProfile N fetches of each page.")
    parser.add_argument("--repeat", type=int, default=0, metavar="N", help="Time N more fetches of each page.")
    parser.add_argument("--only", help="Only the pages whose label contains this text.")
    args = parser.parse_args()

    var_dir = args.var_dir.resolve()
    with tempfile.TemporaryDirectory(prefix="alongside-bench-queries-") as scratch:
        if args.without_stats:
            copy_without_stats(var_dir, Path(scratch))
            var_dir = Path(scratch)
            print("Without planner statistics (on a copy)")
        os.environ.update(
            ALONGSIDE_MODE="demo",
            ALONGSIDE_VAR_DIR=str(var_dir),
            DJANGO_DEBUG="0",
            DJANGO_SETTINGS_MODULE="alongside.settings",
        )
        show_pages(args.top, args.explain, args.profile, args.only, args.repeat)


if __name__ == "__main__":
    main()
