"""Publication steps from the editor: publish, schedule, unpublish, trash, restore.

What the editor then says names the item, so each kind says it in its own words
(``Kind.messages``: "The article … is published", "The page … is published"), which lets Polish
and Ukrainian agree with the kind's gender; :data:`NEUTRAL` is for a kind that has none.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from ..content import SOURCE_LANGUAGE, utcnow
from ..kinds import Kind
from ..service import Change
from .states import when

NEUTRAL = {
    "published": _l("“%(title)s” is published."),
    "scheduled": _l("“%(title)s” will be published on %(when)s."),
    "unpublished": _l("“%(title)s” is no longer published: it is a draft again."),
    "trashed": _l("“%(title)s” is in the trash. You can restore it from there."),
    "restored": _l("“%(title)s” is restored from the trash."),
}


def message(kind: Kind, name: str, **values: Any) -> str:
    """The kind's message ``name``, translated, with ``values`` filled in."""
    return str(kind.messages.get(name) or NEUTRAL[name]) % values


def apply(kind: Kind, item: Any, action: str, form: Any, change: Change) -> str | None:
    """Apply a publication action through ``change``; return the message to flash."""
    if action == "save":
        return None
    title = item.translations[SOURCE_LANGUAGE].title
    if action == "publish":
        change.publish(kind, item)
        return message(kind, "published", title=title)
    if action == "schedule":
        moment = change.publish(kind, item, form.scheduled_moment())
        if moment <= utcnow():
            return message(kind, "published", title=title)
        return message(kind, "scheduled", title=title, when=when(moment))
    if action == "unpublish":
        change.unpublish(kind, item)
        return message(kind, "unpublished", title=title)
    if action == "delete":
        change.trash(kind, item)
        return message(kind, "trashed", title=title)
    change.restore(kind, item)
    return message(kind, "restored", title=title)
