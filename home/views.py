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
from .figures import goal_figures, peer_figures


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "home/dashboard.html", {"dashboard": dashboard_for(request.membership)})


@login_required
def figures(request: HttpRequest) -> HttpResponse:
    require(request, Do.SEE_AGGREGATES, "figures")
    return render(request, "home/figures.html", {"figures": peer_figures(), "goals": goal_figures()})


_migrations_applied = False  # once true in a process it stays true until the next deploy restarts it


def _pending_migrations() -> int:
    global _migrations_applied
    if _migrations_applied:
        return 0
    executor = MigrationExecutor(connection)
    pending = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    _migrations_applied = pending == 0
    return pending


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """200 when the database answers and every migration is applied; 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        pending = _pending_migrations()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable", "migrations": "unknown"}, status=503)
    ok = not pending
    return JsonResponse(
        {
            "status": "ok" if ok else "error",
            "database": "reachable",
            "migrations": "applied" if ok else f"{pending} pending",
        },
        status=200 if ok else 503,
    )
