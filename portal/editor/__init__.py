"""The staff editor every kind with an editor of its own shares (articles, awards, pages).

It knows kinds only through the registry (:mod:`portal.kinds`): a kind registered with a
``url`` gets the editor's pages at ``/staff/<url>/`` (:mod:`.routes`). Every change it makes goes
through the write service (:mod:`portal.service`).

- :mod:`.views` new, edit, translate side by side, restore; :mod:`.page` the editor's page;
- :mod:`.item` an item loaded for its form and applied from it; :mod:`.forms` the forms;
- :mod:`.gallery` photos and the certificate picture; :mod:`.publication` publishing steps;
- :mod:`.history` revisions, revert, conflicts; :mod:`.preview` previews;
- :mod:`.checks` the warnings before publishing; :mod:`.states` labels and roles.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, has_request_context, request

from .. import i18n, kinds
from ..i18n import language_label
from . import routes
from .states import REVISION_LABELS, VIA_LABELS, day, when


def _context() -> dict[str, Any]:
    if not has_request_context() or request.blueprint != "staff":
        return {}
    return {
        "languages": i18n.enabled,
        "language_label": language_label,
        "action_labels": REVISION_LABELS,
        "via_labels": VIA_LABELS,
    }


def init_app(app: Flask) -> None:
    app.add_template_filter(when, "staff_when")
    app.add_template_filter(day, "staff_day")
    app.context_processor(_context)
    kinds.on_register(app, routes.add)
