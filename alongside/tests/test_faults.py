"""Faults survived by the real server (gunicorn, deploy/gunicorn.conf.py) on the test's own database.

- killed with SIGKILL (master and workers at once) while several people are adding peers: every
  addition the server answered is there afterwards, with its audit entry, and nothing half-saved;
  started again on the same database, it serves them;
- the database goes away under it: every page answers the calm 503 page, ``/healthz`` says the
  database is unreachable, and when the database is back the same server serves again, unrestarted.

On PostgreSQL the server reaches the test database through a small TCP relay that the test cuts
(every open connection dropped, new ones refused) and restores. On SQLite the database file is
moved away, a directory put in its place (so that
nothing can open it, nor make an empty one), and put back; the server opens a connection per request. On SQLite the
settings put the database in WAL mode with ``synchronous=NORMAL``: a committed transaction is in the
WAL before the commit returns, so a killed process loses none (only a power cut could lose the last
ones; the test checks the mode).
"""

from __future__ import annotations

import http.client
import os
import re
import select
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing, contextmanager, suppress
from importlib import import_module
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection

from accounts.middleware import mark_signed_in_with_second_step
from conftest import make_member
from organisations import middleware as tenancy
from organisations.models import Organisation, Role

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = connection.vendor == "postgresql"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Relay:
    """A TCP relay to PostgreSQL that can be cut (every connection dropped) and restored."""

    def __init__(self, target: tuple[str, int]):
        self.target, self.port = target, _free_port()
        self.up = threading.Event()
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        self.listener: socket.socket | None = None
        self.restore()

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(32)
        self.listener = listener
        self.up.set()
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        self.up.clear()
        with self.lock:
            if self.listener is not None:
                with suppress(OSError):
                    self.listener.shutdown(socket.SHUT_RDWR)
                self.listener.close()
            for s in self.sockets:
                with suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()
            self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        listener.settimeout(0.1)  # a closed listener is noticed (a blocked accept() would keep it open)
        while self.up.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(None)
            if not self.up.is_set():
                client.close()
                return
            try:
                server = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, server]
            threading.Thread(target=self._pipe, args=(client, server), daemon=True).start()

    def _pipe(self, a: socket.socket, b: socket.socket) -> None:
        try:
            while True:
                ready, _, _ = select.select([a, b], [], [], 1)
                for s in ready:
                    data = s.recv(65536)
                    if not data:
                        return
                    (b if s is a else a).sendall(data)
        except (OSError, ValueError):
            return
        finally:
            for s in (a, b):
                with suppress(OSError):
                    s.close()


def _database_url(sqlite_file: Path | None, relay: Relay | None) -> str:
    if sqlite_file is not None:
        return f"sqlite:///{sqlite_file}"
    s = connection.settings_dict
    host, port = ("127.0.0.1", relay.port) if relay else (s["HOST"] or "127.0.0.1", s["PORT"] or 5432)
    return f"postgres://{quote(s['USER'])}:{quote(s['PASSWORD'])}@{host}:{port}/{s['NAME']}"


class Server:
    """gunicorn with deploy/gunicorn.conf.py, in a process group of its own (killed as one)."""

    def __init__(self, database_url: str, tmp: Path, *, conn_max_age: str = "60"):
        self.port = _free_port()
        env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_DEBUG"}}
        env |= {
            "DJANGO_SETTINGS_MODULE": "alongside.test_settings",
            "DATABASE_URL": database_url,
            "DATABASE_CONN_MAX_AGE": conn_max_age,
            "ALONGSIDE_BIND": f"127.0.0.1:{self.port}",
            "ALONGSIDE_WORKERS": "2",
            "ALONGSIDE_TIMEOUT": "20",
        }
        self.log = tmp / f"gunicorn-{self.port}.log"
        command = [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "--preload", "alongside.wsgi"]
        command += ["--error-logfile", str(self.log)]
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter, a fixed command)
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text() if self.log.exists() else "gunicorn exited"
            with suppress(OSError):
                if self.get("/healthz")[0] in (200, 503):
                    return
            time.sleep(0.1)
        raise AssertionError("gunicorn did not answer within 60 s")

    def request(self, method: str, path: str, body: str = "", headers: dict | None = None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            c.request(method, path, body=body, headers=headers or {})
            r = c.getresponse()
            return r.status, r.read().decode(), r
        finally:
            c.close()

    def get(self, path: str, cookie: str = ""):
        status, body, _ = self.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        return status, body

    def kill(self) -> None:
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def coordinator_cookie(transactional_db):
    """A coordinator of a new organisation, signed in (two-step done) as the sign-in pages leave it."""
    org = Organisation.objects.create(name="Fault Line", slug="fault-line")
    user = make_member(org, "fay", Role.COORDINATOR).user
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[tenancy.SESSION_KEY] = org.pk
    mark_signed_in_with_second_step(session, user)
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


@pytest.fixture
def sqlite_file(coordinator_cookie, tmp_path) -> Path | None:
    """On SQLite, the in-memory test database copied to a file the server can open (None on PostgreSQL)."""
    if POSTGRES:
        return None
    path = tmp_path / "served.sqlite3"
    with closing(sqlite3.connect(path)) as target:
        connection.ensure_connection()
        connection.connection.backup(target)
    return path


def _rows(sqlite_path: Path | None, sql: str) -> list[tuple]:
    if sqlite_path is not None:
        with closing(sqlite3.connect(sqlite_path)) as db:
            return db.execute(sql).fetchall()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchall()


FORMSET = "contact-TOTAL_FORMS=0&contact-INITIAL_FORMS=0&contact-MIN_NUM_FORMS=0&contact-MAX_NUM_FORMS=1000"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _keep_adding_peers(server: Server, cookie: str, who: int, added: list[int], stop: threading.Event) -> None:
    """One person adding peers as fast as the server answers; each answered addition's id is kept."""
    try:
        status, body, response = server.request("GET", "/peers/new/", headers={"Cookie": cookie})
    except (OSError, http.client.HTTPException):
        return  # killed before this one began
    assert status == 200, status
    token = CSRF_FIELD.search(body).group(1)
    csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    headers = {
        "Cookie": f"{cookie}; csrftoken={csrf_cookie}",
        "Content-Type": "application/x-www-form-urlencoded",
        "Referer": f"http://127.0.0.1:{server.port}/peers/new/",
    }
    n = 0
    while not stop.is_set():
        n += 1
        try:
            status, _, response = server.request(
                "POST", "/peers/new/", f"csrfmiddlewaretoken={token}&chosen_name=Fault+{who}-{n}&{FORMSET}", headers
            )
        except (OSError, http.client.HTTPException):
            return  # the server was killed with this request in flight: it was never answered
        location = response.getheader("Location", "")
        assert status == 302 and re.fullmatch(r"/peers/\d+/", location), (status, location)
        added.append(int(location.strip("/").split("/")[-1]))


def test_a_server_killed_under_write_load_loses_no_row_it_answered(coordinator_cookie, sqlite_file, tmp_path):
    server = Server(_database_url(sqlite_file, None), tmp_path)
    added: list[int] = []
    stop = threading.Event()
    writers = [
        threading.Thread(target=_keep_adding_peers, args=(server, coordinator_cookie, who, added, stop))
        for who in range(4)
    ]
    try:
        for w in writers:
            w.start()
        deadline = time.monotonic() + 15
        while len(added) < 40 and time.monotonic() < deadline:
            time.sleep(0.05)
        server.kill()  # SIGKILL to the master and every worker, requests in flight
    finally:
        stop.set()
        for w in writers:
            w.join(timeout=20)
        server.stop()
    assert len(added) >= 40, f"only {len(added)} additions answered before the kill"

    peers = {pk for (pk,) in _rows(sqlite_file, "SELECT id FROM people_peer")}
    lost = sorted(set(added) - peers)
    assert not lost, f"answered but lost after SIGKILL: {lost}"
    audited = {
        int(pk) for (pk,) in _rows(sqlite_file, "SELECT record_id FROM audit_auditevent WHERE action = 'create'")
    }
    assert peers <= audited, f"peers saved without their audit entry (half-saved): {sorted(peers - audited)}"
    if sqlite_file is not None:
        assert _rows(sqlite_file, "PRAGMA journal_mode") == [("wal",)]

    again = Server(_database_url(sqlite_file, None), tmp_path)
    try:
        assert again.get("/healthz")[0] == 200
        status, body = again.get(f"/peers/{added[-1]}/", coordinator_cookie)
        assert status == 200 and "Fault " in body
    finally:
        again.stop()


@contextmanager
def _database_away(sqlite_path: Path | None, relay: Relay | None):
    if relay is not None:
        relay.cut()
        try:
            yield
        finally:
            relay.restore()
        return
    assert sqlite_path is not None
    moved = [(Path(f"{sqlite_path}{s}"), Path(f"{sqlite_path}{s}.away")) for s in ("", "-wal", "-shm")]
    for here, away in moved:
        if here.exists():
            here.rename(away)
    sqlite_path.mkdir()  # in its place something no database can be opened from (not an empty new one)
    try:
        yield
    finally:
        sqlite_path.rmdir()
        for here, away in moved:
            if away.exists():
                away.rename(here)


def test_a_database_that_goes_away_gives_a_calm_503_and_the_server_recovers(coordinator_cookie, sqlite_file, tmp_path):
    relay = None
    if POSTGRES:
        s = connection.settings_dict
        relay = Relay((s["HOST"] or "127.0.0.1", int(s["PORT"] or 5432)))
    # On SQLite a connection is opened per request, so that a moved file is noticed.
    server = Server(_database_url(sqlite_file, relay), tmp_path, conn_max_age="0" if sqlite_file else "60")
    try:
        assert server.get("/peers/", coordinator_cookie)[0] == 200
        with _database_away(sqlite_file, relay):
            for path in ("/peers/", "/", "/accounts/login/"):
                status, body = server.get(path, coordinator_cookie)
                assert status == 503, (path, status, body[:300])
                assert "Alongside is not available just now" in body
                assert "Traceback" not in body and "Error" not in body
            status, body = server.get("/healthz")
            assert status == 503 and '"database": "unreachable"' in body
        assert server.get("/healthz")[0] == 200
        assert server.get("/peers/", coordinator_cookie)[0] == 200, "the same server serves again, unrestarted"
        log = server.log.read_text() if server.log.exists() else ""
        assert "Fault Line" not in log and "fay@" not in log
    finally:
        server.stop()
        if relay is not None:
            relay.cut()
