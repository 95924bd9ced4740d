"""Search: readers' ``/<lang>/search``, staff's ``/staff/search``, ``flask search reindex``.

- :mod:`.text` one normalisation of words for the index and the query (folded, lemmatised with
  simplemma for Polish, Ukrainian, English);
- :mod:`.models` the index table, and each engine's machinery (SQLite FTS5, PostgreSQL GIN);
- :mod:`.index` the index kept in step from the ``content-changed`` signal, and rebuilt;
- :mod:`.engine` :func:`find`, the one search function for both engines;
- :mod:`.snippets` matched words marked, safely;
- :mod:`.views` the pages; :func:`staff_search` is what the dashboard may call.

``init_app`` connects the index to the signal and adds the pages and the command.
"""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from .. import public, staff
from ..editor.states import STAFF
from ..security import require_role
from ..service import content_changed
from . import index, views
from .engine import STATUSES, Results, find
from .models import SearchEntry
from .views import staff_search

__all__ = ["STATUSES", "Results", "SearchEntry", "find", "init_app", "staff_search"]

command = AppGroup("search", help="The search index.")


@command.command("reindex")
def reindex() -> None:
    """Rebuild the search index from the content (after a restore from a backup, say)."""
    total = index.count_items()
    with click.progressbar(length=total, label="Indexing", show_pos=True) as bar:
        written = index.rebuild(progress=bar.update)
    click.echo(f"Search index: {total} item(s), {written} row(s).")


def init_app(app: Flask) -> None:
    app.config.setdefault("SEARCH_PER_PAGE", 10)
    content_changed.connect(index.on_content_changed, sender=app)
    public.add_page(app, "/search", views.search)
    staff.add_page(app, "/search", require_role(*STAFF)(views.staff_page), "search")
    app.cli.add_command(command)
