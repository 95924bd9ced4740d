"""Publication steps from the editor: publish, schedule, unpublish, trash, restore."""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _

from ..content import SOURCE_LANGUAGE, utcnow
from ..kinds import Kind
from ..service import Change
from .states import when


def apply(kind: Kind, item: Any, action: str, form: Any, change: Change) -> str | None:
    """Apply a publication action through ``change``; return the message to flash."""
    if action == "save":
        return None
    title = item.translations[SOURCE_LANGUAGE].title
    if action == "publish":
        change.publish(kind, item)
        return _("“%(title)s” is published.", title=title)
    if action == "schedule":
        moment = change.publish(kind, item, form.scheduled_moment())
        if moment <= utcnow():
            return _("“%(title)s” is published.", title=title)
        return _("“%(title)s” will be published on %(when)s.", title=title, when=when(moment))
    if action == "unpublish":
        change.unpublish(kind, item)
        return _("“%(title)s” is no longer published: it is a draft again.", title=title)
    if action == "delete":
        change.trash(kind, item)
        return _("“%(title)s” is in the trash. You can restore it from there.", title=title)
    change.restore(kind, item)
    return _("“%(title)s” is restored from the trash.", title=title)

