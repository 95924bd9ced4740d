"""Publication steps from the editor: publish, schedule, unpublish, trash, restore.

What the editor then says names the item, so each kind says it in its own words
(``Kind.messages``: "The article … is published", "The page … is published"), which lets Polish
and Ukrainian agree with the kind's gender; :data:`NEUTRAL` is for a kind that has none.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l

from ..content import SOURCE_LANGUAGE, utcnow
from ..kinds import Kind
from ..service import Change
from .states import status_of, when

NEUTRAL = {
    "published": _l("“%(title)s” is published."),
    "changes_published": _l("“%(title)s” is published with its changes."),
    "scheduled": _l("“%(title)s” will be published on %(when)s."),
    "published_until": _l("“%(title)s” is published until %(until)s."),
    "scheduled_until": _l("“%(title)s” will be published on %(when)s, until %(until)s."),
    "unpublished": _l("“%(title)s” is no longer published: it is a draft again."),
    "trashed": _l("“%(title)s” is in the trash. You can restore it from there."),
    "restored": _l("“%(title)s” is restored from the trash."),
}


def message(kind: Kind, name: str, **values: Any) -> str:
    """The kind's message ``name``, translated, with ``values`` filled in."""
    return str(kind.messages.get(name) or NEUTRAL[name]) % values


def moment(action: str, item: Any, form: Any) -> datetime | None:
    """When ``item`` is published once ``action`` is applied (None: it is not), for checking the
    end of publication against it."""
    if action == "publish":
        return utcnow()
    if action == "schedule":
        fields = (form.publish_date, form.publish_time)
        if any(f.data is None or f.errors for f in fields):
            return None
        return form.scheduled_moment()
    if action == "unpublish":
        return None
    return item.published_at


def apply(kind: Kind, item: Any, action: str, form: Any, change: Change) -> str | None:
    """Apply a publication action through ``change``; return the message to flash."""
    if action == "save":
        return None
    title = item.translations[SOURCE_LANGUAGE].title
    if action == "publish" and status_of(item) == "published":
        # A live item's changes: it stays published since when it was.
        return message(kind, "changes_published", title=title)
    if action in ("publish", "schedule"):
        scheduled = form.scheduled_moment() if action == "schedule" else None
        start = change.publish(kind, item, scheduled)
        until = item.expires_at
        if start <= utcnow():
            if until:
                return message(kind, "published_until", title=title, until=when(until))
            return message(kind, "published", title=title)
        if until:
            return message(kind, "scheduled_until", title=title, when=when(start),
                           until=when(until))
        return message(kind, "scheduled", title=title, when=when(start))
    if action == "unpublish":
        change.unpublish(kind, item)
        return message(kind, "unpublished", title=title)
    if action == "delete":
        change.trash(kind, item)
        return message(kind, "trashed", title=title)
    change.restore(kind, item)
    return message(kind, "restored", title=title)
