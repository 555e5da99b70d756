"""The log page and its save: a fixed number of queries, whatever the log holds; the Python work per
fetch measured with cProfile in-process (the figures are in the report and ARCHITECTURE.md)."""

import cProfile
import pstats

from django.db import connection
from django.template.base import Template
from django.test.utils import CaptureQueriesContext, _TestState
from django.utils import timezone

from contacts import services
from contacts.models import GoodsKind
from contacts.tests.test_logging_a_contact import amaras, log_url, minimal
from organisations.tenancy import organisation_scope

LOG_PAGE_QUERIES = 8
SAVE_QUERIES = 22


def calls_per_fetch(fetch, times: int = 10) -> int:
    """Python function calls per fetch, as a server would make them: without the test runner's
    instrumented template rendering (which copies every template's context for the test client)."""
    instrumented = Template._render
    Template._render = _TestState.saved_data.template_render
    try:
        fetch()
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(times):
            fetch()
        profiler.disable()
    finally:
        Template._render = instrumented
    return pstats.Stats(profiler).total_calls // times


def _with_goods_and_history(cast):
    with organisation_scope(cast.riverside):
        for name in ("Food parcel", "Travel pass", "Phone credit", "Hygiene kit", "Clothing"):
            GoodsKind.objects.create(organisation=cast.riverside, name=name)
        for _ in range(20):
            services.log_contact(by=cast.pat, assignment=amaras(cast), entry=services.Entry("phone", 30, "check_in"))


def test_the_log_page_asks_a_fixed_number_of_queries(cast, client_for):
    _with_goods_and_history(cast)
    client = client_for("pat")
    url = log_url(cast)
    client.get(url)
    with CaptureQueriesContext(connection) as asked:
        assert client.get(url).status_code == 200
    assert len(asked) <= LOG_PAGE_QUERIES, [q["sql"][:120] for q in asked.captured_queries]
    print(f"log page: {len(asked)} queries, {calls_per_fetch(lambda: client.get(url))} calls per fetch")


def test_saving_a_contact_asks_a_fixed_number_of_queries(cast, client_for):
    _with_goods_and_history(cast)
    client = client_for("pat")
    url = log_url(cast)
    client.get(url)
    with organisation_scope(cast.riverside):
        parcel = GoodsKind.objects.get(name="Food parcel").pk
    data = minimal(needs=["housing"], note="A short note.", **{f"goods-{parcel}": "1"})
    with CaptureQueriesContext(connection) as asked:
        assert client.post(url, data).status_code == 302
    assert len(asked) <= SAVE_QUERIES, [q["sql"][:120] for q in asked.captured_queries]
    print("\n".join(q["sql"][:150] for q in asked.captured_queries))
    draft_url = url.replace("/new/", "/draft/")
    print(
        f"save: {len(asked)} queries, {calls_per_fetch(lambda: client.post(url, data))} calls per save; "
        f"autosave: {calls_per_fetch(lambda: client.post(draft_url, data))} calls"
    )
    assert timezone.now()
