"""Every form, fed random and hostile input, saves or shows the form again: never a 500, never a script.

The forms are found, not listed: every page of the URLconf is opened as the first of an admin, a
coordinator, a peer supporter and a supervisor who may open it (on Riverside's records, as the
permission walk fills them), and every ``<form method="post">`` on it is collected with its fields,
their options and hidden values. A page that cannot be opened so must be named in ``NOT_FUZZED``
with why, so a new form cannot slip past. Hypothesis then posts each form ``EXAMPLES`` times
(bounded: the whole run is one test), with hostile text (huge strings, control and direction-override
characters, script, SQL, spreadsheet formulas, odd numbers and dates) or a valid option, each field
sometimes left out.

Every response a GET or POST returns that is a spreadsheet or CSV is checked too: no cell may start
with a formula character (``resilience.spreadsheets.neutralise``).
"""

from __future__ import annotations

import csv
import io
import os
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.core.exceptions import MultipleObjectsReturned, ObjectDoesNotExist
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from access.tests.test_permission_walk import (  # the walk's discovery and its cast of records
    ALLAUTH_NAME,
    LINK_PAGES,
    ROUTES,
    _record_kwargs,
    _training_rows,
    _walk_cast,  # noqa: F401 (written once for the module, as the walk's)
    cast,  # noqa: F401 (the walk's cast: offers, batches, goals, referrals, concerns on every peer)
)
from directory.models import DirectoryImport, Location, Service, ServiceAtLocation
from organisations.models import Partner
from organisations.tenancy import organisation_scope
from recruitment import services as recruitment
from recruitment.models import Post
from resilience.spreadsheets import FORMULA_START

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))  # per form in CI; FUZZ_EXAMPLES=50 for a longer hunt
ONLY = re.compile(os.environ.get("FUZZ_ONLY", ""))  # a longer hunt on some forms: FUZZ_ONLY='^training:'
PLAYERS = ("ada", "cleo", "pat", "sina")

# Pages the fuzz does not open, and why.
NOT_FUZZED = {
    "referrals:partner_link": "a secret link without an account: attacked in referrals/tests",
    "diary:feed": "a calendar feed by token: no form",
    "accounts:accept_invitation": "an invitation token: attacked in accounts/tests",
    "healthz": "no form",
    # Open only on a support that has ended; every support of the walk's cast is current.
    "continuity:closing_conversation": "needs an ended support: its form is tested in continuity/tests",
    "continuity:coming_back": "needs an ended support: its form is tested in continuity/tests",
}
# Forms whose posting would end the run's own session or switch what it works in.
NOT_POSTED = re.compile(r"^(account_|mfa_)|^organisations:switch$|^accounts:language$")

HOSTILE = [
    "",
    " ",
    "A" * 100_000,
    "\x00",
    "\x01\x02\x1b[31m\x7f",
    "\u202eevil\u202c",
    "\u2066x\u2069\u200f",
    "<script>alert('fuzz')</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE people_peer; --",
    "1 OR 1=1",
    '=HYPERLINK("https://example.invalid","x")',
    "+SUM(1,1)",
    "-2+3",
    "@cmd",
    "\t=1",
    "0",
    "-1",
    "99999999999999999999999",
    "1e308",
    "NaN",
    "2026-02-30",
    "9999-12-31T23:59",
    "../../etc/passwd",
    "😀" * 40,
    "{{ 7|add:7 }}",
    "%s%n",
]
SCRIPTS = ("<script>alert('fuzz')</script>", "<img src=x onerror=alert(1)>")


class _Forms(HTMLParser):
    """The post forms of a page: action, and for each field its name, kind, options and value."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._form = {"action": a.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        elif self._form is not None and tag in ("input", "textarea", "select") and a.get("name"):
            kind = a.get("type", tag) if tag == "input" else tag
            if kind in ("submit", "button", "file", "image", "reset"):
                if kind == "submit" and a.get("value") is not None:
                    self._form["fields"].setdefault(a["name"], {"kind": "choice", "options": []})
                    self._form["fields"][a["name"]]["options"].append(a["value"])
                return
            field = self._form["fields"].setdefault(a["name"], {"kind": kind, "options": [], "value": ""})
            if kind in ("hidden", "checkbox", "radio") and a.get("value") is not None:
                field["options"].append(a["value"])
                field["value"] = field.get("value") or a["value"]
            elif a.get("value"):
                field["value"] = a["value"]
            if tag == "select":
                self._select = a["name"]
        elif tag == "option" and self._form is not None and self._select:
            self._form["fields"][self._select]["options"].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def _client(c, name):
    from accounts.middleware import mark_signed_in_with_second_step

    client = Client()
    member = c.members[name]
    client.force_login(member.user)
    session = client.session
    session["organisation_id"] = member.organisation_id
    mark_signed_in_with_second_step(session, member.user)
    session.save()
    return client


def _directory_kwargs(c) -> dict:
    """Riverside's own rows that are no one's record, which the walk's cast does not hold: a partner's
    place and service, an import, a post, a readiness criterion, a cohort and one of its sessions."""
    rows = _training_rows(c, c.riverside)  # cohort_id, cohort_session_id (a cohort with Quinn in it)
    with organisation_scope(c.riverside):
        rows["post_id"] = Post.objects.create(organisation=c.riverside, title="Peer mentor", engagement="paid").pk
        rows["criterion_id"] = recruitment.criteria_for(c.riverside)[0].pk
        partner = Partner.objects.filter(organisation=c.riverside).first()
        place = Location.objects.create(organisation=c.riverside, partner=partner, name="Office", area="North")
        service = Service.objects.create(organisation=c.riverside, partner=partner, name="Beds")
        ServiceAtLocation.objects.create(organisation=c.riverside, service=service, location=place)
        row = DirectoryImport.objects.create(organisation=c.riverside, status="saved")
    return rows | {"partner_id": partner.pk, "service_id": service.pk, "location_id": place.pk, "import_id": row.pk}


def _check_spreadsheet(response, where: str) -> None:
    kind = response.get("Content-Type", "")
    if "csv" in kind or "spreadsheet" in kind or "excel" in kind:
        for row in csv.reader(io.StringIO(response.content.decode("utf-8-sig"))):
            for cell in row:
                assert not cell.startswith(FORMULA_START), f"{where}: a cell starts a formula: {cell[:30]!r}"


def _pages(c) -> tuple[list[tuple[str, str, dict]], list[str]]:
    """Every post form found, as (player, page, form); and the routes nobody could open."""
    clients = {name: _client(c, name) for name in PLAYERS}
    directory = _directory_kwargs(c)
    found, unopened = [], []
    for route in ROUTES:
        if route.name in NOT_FUZZED or route.name in LINK_PAGES or ALLAUTH_NAME.match(route.name):
            continue
        opened = False
        for name in PLAYERS:
            role = c.members[name].role
            try:
                kwargs, _ = _record_kwargs(c, route, role, "own") if route.is_object_page else ({}, {})
            except (ObjectDoesNotExist, MultipleObjectsReturned, AttributeError):
                continue  # a record the walk fills differently for this role: try the next player
            kwargs.update({k: v for k, v in directory.items() if k in route.kwargs})
            if set(route.kwargs) - set(kwargs):
                break
            url = reverse(route.name, kwargs=kwargs)
            response = clients[name].get(url)
            _check_spreadsheet(response, route.name)
            if response.status_code == 405:  # answers POST only: its form is on another page
                opened = True
                break
            if response.status_code != 200:
                continue
            opened = True
            parser = _Forms()
            parser.feed(response.content.decode())
            for form in parser.forms:
                found.append((name, form["action"] or url, form))
            break
        if not opened:
            unopened.append(route.name)
    return found, unopened


def _value(field):
    options = [o for o in field["options"] if o is not None]
    hostile = st.sampled_from(HOSTILE) | st.text(max_size=40)
    if options:
        return st.sampled_from(options) | hostile
    if field.get("value"):
        return st.just(field["value"]) | hostile
    return hostile


@pytest.mark.django_db
def test_every_form_survives_hostile_input(cast):  # noqa: F811 (the walk's cast fixture)
    forms, unopened = _pages(cast)
    assert not unopened, f"No player opened these pages: add them to NOT_FUZZED with why: {unopened}"
    seen: set = set()
    targets = []
    for player, action, form in forms:
        path = urlsplit(action).path
        try:
            match = resolve(path)
        except Resolver404:
            continue
        key = (player, path, tuple(sorted(form["fields"])))
        if key in seen or NOT_POSTED.match(match.view_name):
            continue
        if not ONLY.search(match.view_name):
            continue
        seen.add(key)
        targets.append((player, path, form, match.view_name))
    # Forms that end or erase something go last, so the others still find their records.
    targets.sort(key=lambda t: any(w in t[3] for w in ("erase", "end", "withdraw", "delete", "set_aside")))
    assert len(targets) > 40 or ONLY.pattern, f"only {len(targets)} forms found: is the discovery broken?"
    clients = {name: _client(cast, name) for name in PLAYERS}

    for player, path, form, view_name in targets:
        _fuzz(clients[player], path, form, view_name)()


def _fuzz(client, path: str, form: dict, view_name: str):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def post_it(data):
        values = {}
        for name, field in form["fields"].items():
            if name == "csrfmiddlewaretoken" or not data.draw(st.booleans() | st.just(True)):
                continue
            values[name] = data.draw(_value(field), label=name)
        htmx = {"HTTP_HX_REQUEST": "true"} if data.draw(st.booleans()) else {}
        response = client.post(path, values, **htmx)
        assert response.status_code < 500, f"{view_name} answered {response.status_code}"
        body = response.content.decode(errors="replace")
        for script in SCRIPTS:
            assert script not in body, f"{view_name} showed the input as markup"
        _check_spreadsheet(response, view_name)

    return post_it


def test_an_id_past_the_largest_integer_is_a_message_not_a_500(cast, client_for):  # noqa: F811
    """What the fuzz found first: the directory's service form overflowed SQLite on a huge location id."""
    partner = _directory_kwargs(cast)["partner_id"]
    url = reverse("directory:service_new", kwargs={"partner_id": partner})
    answer = client_for("cleo").post(url, {"name": "Beds", "locations": "99999999999999999999999"})
    assert answer.status_code == 200 and "is not a valid value" in answer.content.decode()


def test_a_refused_id_with_a_nul_in_it_is_written_down_not_a_500(cast, client_for):  # noqa: F811
    """What the fuzz found on a cohort's page (PostgreSQL): taking off a made-up trainee "\\x00" wrote the
    posted id into the audit log as it came, and PostgreSQL refuses a NUL in text."""
    from audit.models import Action, AuditEvent

    cohort = _training_rows(cast, cast.riverside)["cohort_id"]
    url = reverse("training:cohort", kwargs={"cohort_id": cohort})
    answer = client_for("cleo").post(url, {"action": "leave", "trainee": "\x00\x1b1"})
    assert answer.status_code == 404
    refusal = AuditEvent.objects.filter(action=Action.DENIED, record_type="trainee").get()
    assert refusal.record_id == "??1"
