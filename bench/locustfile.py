"""The load that bench/pages.py drives: one page, as fast as the server answers.

Set by bench/pages.py (one locust run per page):
  BENCH_PATH     the path, with "{id}" where a peer id goes, e.g. /peers/{id}/
  BENCH_IDS      comma-separated peer ids to pick from at random (when the path has "{id}")
  BENCH_COOKIE   the session cookie ("sessionid=...") or empty for a page that needs no sign-in
  BENCH_NAME     the label the figures are reported under

Redirects are not followed and anything other than a 2xx counts as a failure, so a session that
stopped working (a redirect to the sign-in page) cannot pass for a fast page.
"""

from __future__ import annotations

import os
import random

from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser

PATH = os.environ["BENCH_PATH"]
IDS = [int(i) for i in os.environ.get("BENCH_IDS", "").split(",") if i]
COOKIE = os.environ.get("BENCH_COOKIE", "")
NAME = os.environ.get("BENCH_NAME", PATH)


class PageUser(FastHttpUser):
    wait_time = constant(0)

    @task
    def page(self) -> None:
        path = PATH.format(id=random.choice(IDS)) if "{id}" in PATH else PATH
        headers = {"Cookie": COOKIE} if COOKIE else {}
        # The server sends the session cookie back on every response; keep sending ours only.
        self.client.cookiejar.clear()
        with self.client.get(path, name=NAME, headers=headers, allow_redirects=False, catch_response=True) as response:
            if not 200 <= response.status_code < 300:
                response.failure(f"HTTP {response.status_code}")
