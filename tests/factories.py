"""Content for tests, made and changed through the write service, as the portal itself does.

Every helper runs inside an app context (``with app.app_context():``) and commits through a
:class:`portal.service.Change` made "through the command line", so the suite's guard against
content written outside the service never has an exception to make for tests.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from portal.content import utcnow
from portal.kinds import Kind, kind_named, kind_of
from portal.service import Change, Via


def _kind(kind: str | Kind) -> Kind:
    return kind if isinstance(kind, Kind) else kind_named(kind)


def make(kind: str | Kind, texts: dict[str, dict[str, str]], published: datetime | None = None,
         **fields: Any) -> int:
    """A new item with ``texts`` per language; published at ``published`` (None: a draft).

    Returns its id.
    """
    kind = _kind(kind)
    with Change(None, Via.COMMAND_LINE) as change:
        item = change.create(kind, **fields)
        for lang, values in texts.items():
            values = dict(values)
            change.write_texts(kind, item, lang, values, slug=values.pop("slug", None))
        if published is not None:
            change.publish(kind, item, published)
        change.record(kind, item, "create")
    return item.id


def article(title: str = "Festyn rodzinny w parku", body: str = "<p>Zapraszamy.</p>",
            summary: str = "Zaproszenie.", published: datetime | None = None,
            **translations: dict[str, str]) -> int:
    """An article in Polish (and any other language given as ``en={...}``), published now."""
    texts = {"pl": {"title": title, "summary": summary, "body": body}, **translations}
    return make("article", texts, published or utcnow())


def update(row: Any, **values: Any) -> None:
    """Change language-neutral fields of an item (``published_at``, ``prepared_on`` …)."""
    kind = kind_of(row)
    with Change(None, Via.COMMAND_LINE) as change:
        item = change.load(kind, row.id)
        change.set_fields(kind, item, values)
        change.record(kind, item, "save")


def write(row: Any, lang: str, **texts: str) -> None:
    """Change an item's texts in ``lang`` (Polish texts make its translations outdated)."""
    kind = kind_of(row)
    with Change(None, Via.COMMAND_LINE) as change:
        item = change.load(kind, row.id)
        change.write_texts(kind, item, lang, texts)
        change.record(kind, item, "save")
