"""One log line per request, with a request id that follows it through nginx and the app.

The id comes from the ``X-Request-ID`` header nginx sets (``$request_id``; see
``deploy/nginx.conf``) when it looks like one, else it is made here; it is sent back in the
answer's ``X-Request-ID`` so a reader's report ("the page said error") can be found in the log.
``PORTAL_LOG_FORMAT=json`` writes each line as one JSON object (for a log collector); the
default is ``key=value`` text. The line holds no query string, form or cookie: nothing typed.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid

from flask import Flask, current_app, g, request
from flask_login import current_user

logger = logging.getLogger("portal.requests")
_GIVEN_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")


def _start() -> None:
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if _GIVEN_ID.fullmatch(given) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish(response):
    request_id = g.get("request_id")
    if request_id is None:  # a request refused before its first hook ran
        return response
    response.headers["X-Request-ID"] = request_id
    fields = {
        "request_id": request_id,
        "method": request.method,
        "path": request.path[:300],
        "status": response.status_code,
        "ms": round((time.perf_counter() - g.request_started) * 1000, 1),
        "ip": request.remote_addr,
        "user": current_user.get_id() if current_user.is_authenticated else None,
    }
    logger.info(_formatted(fields))
    return response


def _formatted(fields: dict) -> str:
    if current_app.config.get("LOG_FORMAT") == "json":
        return json.dumps(fields, ensure_ascii=False)
    return " ".join(f"{key}={json.dumps(value, ensure_ascii=False)}"
                    for key, value in fields.items())


def init_app(app: Flask) -> None:
    logger.setLevel(logging.INFO)
    # Where nothing else collects the log (gunicorn, flask run), the lines go to stderr, one per
    # request; a configured root logger (an operator's, the tests') gets them instead.
    if not logger.handlers and not logging.getLogger().handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
    app.before_request(_start)
    app.after_request(_finish)
