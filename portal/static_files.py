"""Static files addressed by their content, so browsers keep them for a year.

``url_for("static", filename="css/site.css")`` gives ``/static/css/site.css?v=<hash>``: the
first 12 hex digits of the file's SHA-256. A changed file gets a new address, so an address may
be kept a year and marked immutable: nginx does so for every ``/static/`` address with a ``v``
(``deploy/nginx.conf``), and so does the application when it serves the file itself. An
address without ``v``, or with an old one, gets the file as it is now, with Flask's ordinary
revalidating headers.

Hashes are computed once per file version (the file's size and modification time say when it
changed, so editing a stylesheet while developing gives a new address at once).
"""

from __future__ import annotations

import hashlib
import os

from flask import Flask, Response, current_app, request
from werkzeug.security import safe_join

YEAR = 365 * 24 * 3600
_hashes: dict[tuple[str, int, int], str] = {}


def fingerprint(filename: str) -> str | None:
    """The hash naming this version of a static file; None for a file that is not there."""
    path = safe_join(current_app.static_folder or "", filename)
    if path is None:
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None
    known = (path, stat.st_size, stat.st_mtime_ns)
    if known not in _hashes:
        with open(path, "rb") as fh:
            _hashes[known] = hashlib.sha256(fh.read()).hexdigest()[:12]
    return _hashes[known]


def _add_fingerprint(endpoint: str, values: dict) -> None:
    if endpoint == "static" and "filename" in values and "v" not in values:
        digest = fingerprint(values["filename"])
        if digest is not None:
            values["v"] = digest


def _keep_a_year(response: Response) -> Response:
    if (request.endpoint == "static" and response.status_code in (200, 304)
            and request.args.get("v")
            and request.args["v"] == fingerprint((request.view_args or {}).get("filename", ""))):
        response.cache_control.public = True
        response.cache_control.max_age = YEAR
        response.cache_control.immutable = True
        response.cache_control.no_cache = None
    return response


def init_app(app: Flask) -> None:
    app.url_defaults(_add_fingerprint)
    app.after_request(_keep_a_year)
