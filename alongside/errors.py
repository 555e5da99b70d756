"""What a visitor sees when something fails on our side.

A database that does not answer (stopped, restarting, a network cut) is not a bug in a page: it
is answered with a calm 503 in our words, which a proxy or a monitor can tell from a 500, and the
next request tries the database again (connections are checked before reuse). Nothing here touches
the database, the session or the signed-in user, so this page renders while the database is away.
"""

from __future__ import annotations

import sys

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

UNAVAILABLE_RETRY_AFTER = "30"


def database_unavailable(exc: BaseException | None) -> bool:
    """True for an error that means the database is away (not a query a page got wrong)."""
    from django.db import InterfaceError, OperationalError

    while exc is not None:
        if isinstance(exc, (OperationalError, InterfaceError)):
            return True
        if not isinstance(exc, DatabaseError):
            exc = exc.__cause__ or exc.__context__
            continue
        return False
    return False


def unavailable_page() -> HttpResponse:
    from django.conf import settings

    page = loader.get_template("503.html").render({"quick_exit_url": settings.QUICK_EXIT_URL})
    response = HttpResponse(page, status=503)
    response["Retry-After"] = UNAVAILABLE_RETRY_AFTER
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: 503 "we will be back" when the database is away, the usual 500 page otherwise."""
    if database_unavailable(sys.exc_info()[1]):
        return unavailable_page()
    return HttpResponseServerError(loader.get_template("500.html").render())
