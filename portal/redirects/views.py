"""Readers: an address that would be "page not found" answers with its redirect, if it has one.

Asked by the 404 page before it renders (:func:`portal.errors.answer_not_found_with`), for a GET
or HEAD that matched no page (an old site's address) or an item's page whose slug no item has.
An item's page whose slug is known (a draft, a trashed item) stays a 404, and so does a redirect
to an item readers cannot see now.
"""

from __future__ import annotations

from flask import Response, redirect, request
from werkzeug.urls import iri_to_uri

from .models import Redirect
from .paths import item_kinds, request_keys, slug_known

# Browsers keep a permanent redirect for as long as they are told: an hour, so a redirect an
# administrator deletes, or an item unpublished, stops leading there soon.
MAX_AGE = 3600


def answer() -> Response | None:
    if request.method not in ("GET", "HEAD"):
        return None
    if request.url_rule is not None:  # a page of this site said 404 itself
        kind = item_kinds().get(request.endpoint or "")
        slug = (request.view_args or {}).get("slug")
        if kind is None or slug is None or slug_known(kind, slug):
            return None
    found = Redirect.matching(request_keys(request.path, request.query_string))
    target = found.target_url() if found is not None else None
    if target is None:
        return None
    if not found.automatic:
        target = request.script_root + target
    response = redirect(iri_to_uri(target), 301)
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    return response
