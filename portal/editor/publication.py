"""Publication steps from the editor: publish, schedule, unpublish, trash, restore."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext as _

from ..content import SOURCE_LANGUAGE, utcnow
from ..kinds import Kind
from ..service import Change
from .states import when


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
    if action in ("publish", "schedule"):
        scheduled = form.scheduled_moment() if action == "schedule" else None
        start = change.publish(kind, item, scheduled)
        until = item.expires_at
        if start <= utcnow():
            if until:
                return _("“%(title)s” is published until %(until)s.", title=title,
                         until=when(until))
            return _("“%(title)s” is published.", title=title)
        if until:
            return _("“%(title)s” will be published on %(when)s, until %(until)s.", title=title,
                     when=when(start), until=when(until))
        return _("“%(title)s” will be published on %(when)s.", title=title, when=when(start))
    if action == "unpublish":
        change.unpublish(kind, item)
        return _("“%(title)s” is no longer published: it is a draft again.", title=title)
    if action == "delete":
        change.trash(kind, item)
        return _("“%(title)s” is in the trash. You can restore it from there.", title=title)
    change.restore(kind, item)
    return _("“%(title)s” is restored from the trash.", title=title)

