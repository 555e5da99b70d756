"""Log lines that say what failed and where, and nothing about whom.

A request path or query string can hold a name (``/peers/?q=Amara``) and an exception's message can
hold a value (a database error quotes the row it refused), so an error is written as its status,
method, URL pattern and view, then the exception's type and the lines of our code it passed through,
never its message, the path or the query string.
"""

from __future__ import annotations

import logging
import traceback


def _where(exc_info) -> str:
    kind, _value, tb = exc_info
    frames = [
        f"{frame.filename.rsplit('/site-packages/', 1)[-1]}:{frame.lineno} in {frame.name}"
        for frame in traceback.extract_tb(tb)
    ]
    return f"{kind.__module__}.{kind.__qualname__}" + "".join(f"\n    at {frame}" for frame in frames)


class WithoutPersonalData(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        request = getattr(record, "request", None)
        if request is not None:
            match = getattr(request, "resolver_match", None)
            route = f"{match.route} ({match.view_name})" if match else "an unknown URL"
            status = getattr(record, "status_code", "")
            message = f"{status} {request.method} {route}".strip()
        else:
            message = record.getMessage()
        line = f"{self.formatTime(record)} {record.levelname} {record.name} {message}"
        if record.exc_info and record.exc_info[0] is not None:
            line += f": {_where(record.exc_info)}"
        return line
