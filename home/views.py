from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from access.lookups import require
from access.policy import Do

from .dashboards import dashboard_for
from .figures import peer_figures


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "home/dashboard.html", {"dashboard": dashboard_for(request.membership)})


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    require(request, Do.SEE_AGGREGATES, "figures")
    return render(request, "home/figures.html", {"figures": peer_figures()})


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers and every migration is applied; 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable", "migrations": "unknown"}, status=503)
    ok = not pending
    return JsonResponse(
        {
            "status": "ok" if ok else "error",
            "database": "reachable",
            "migrations": "applied" if ok else f"{len(pending)} pending",
        },
        status=200 if ok else 503,
    )
