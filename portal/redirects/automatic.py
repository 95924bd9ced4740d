"""Old addresses of items kept as redirects, made from the ``content-changed`` signal alone.

After a change of an item with readers' pages, its newest revision is compared with the one
before. For each language whose address changed, the old address becomes a redirect to the item
in that language if readers could have had it: the item was visible at that address at some
point of its history (a draft renamed leaves nothing behind). An address in a language the item
lacks is its Polish one, so that language's address moves with the Polish slug and is kept too.

An address that is an item's own again (renamed back, or taken by another item) loses its
redirect, which would otherwise stand in for that item.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from flask import Flask

from .. import audit, i18n
from ..audit import AuditEvent
from ..content import SOURCE_LANGUAGE
from ..extensions import db
from ..kinds import Kind, kind_named
from ..revisions import Revision
from ..service import follow_up
from .models import Redirect
from .paths import item_kinds, item_path, slug_known

log = logging.getLogger(__name__)


def keep_old_addresses(app: Flask, *, kind: str, id: int, actions: tuple = (),
                       **_details: Any) -> None:
    """The receiver of ``content_changed``: see the module's description. An item deleted for
    good (``purge``) loses its old addresses: they would lead nowhere, and they are its old
    titles."""
    found = kind_named(kind)
    if found is None or found not in item_kinds().values():
        return
    # On an error the change itself is saved: a redirect lost to a race is no reason to fail it.
    with follow_up(app, f"the redirects of {kind} {id}"):
        if "purge" in actions:
            _forget(found, id)
        else:
            _update(found, id)


def _forget(kind: Kind, item_id: int) -> None:
    """An item deleted for good: its redirects go, and the audit log's lines about them keep
    that they were, not the old addresses (made from its old titles)."""
    paths = set()
    for row in db.session.scalars(sa.select(Redirect).where(Redirect.kind == kind.name,
                                                            Redirect.item_id == item_id)):
        paths.add(row.old_path)
        db.session.delete(row)
    events = sa.select(AuditEvent).where(AuditEvent.action.like("redirect\\_%", escape="\\"))
    for event in db.session.scalars(events):
        details = event.details or {}
        if ((details.get("kind"), details.get("item")) == (kind.name, item_id)
                or details.get("old_path") in paths):
            event.details = {key: value for key, value in details.items()
                             if key not in ("old_path", "to")}


def _update(kind: Kind, item_id: int) -> None:
    newest = db.session.scalars(
        sa.select(Revision)
        .where(Revision.content_type == kind.name, Revision.item_id == item_id)
        .order_by(Revision.number.desc())
        .limit(2)
    ).all()
    if not newest:
        return
    current = newest[0]
    _release(kind, _slugs(current.data))
    if len(newest) < 2:
        return
    now, before = addresses(current.data), addresses(newest[1].data)
    moved = {lang: slug for lang, slug in before.items()
             if slug != now.get(lang) and not slug_known(kind, slug)}
    if not moved:
        return
    history = Revision.for_item(kind.name, item_id)[::-1]  # oldest first
    for lang, slug in moved.items():
        path = item_path(kind, lang, slug)
        if not _was_public(history[:-1], history[-1], lang, slug) or Redirect.from_path(path):
            continue
        row = Redirect(old_path=path, kind=kind.name, item_id=item_id, lang=lang,
                       user_id=current.user_id)
        db.session.add(row)
        db.session.flush()
        audit.record("redirect_auto", row, user=current.user, old_path=path,
                     kind=kind.name, item=item_id, lang=lang)


def addresses(data: dict) -> dict[str, str]:
    """A revision's address (slug) in each language offered: its own, or the Polish one."""
    texts = data.get("translations", {})
    found = {}
    for lang in i18n.enabled():
        slug = (texts.get(lang) or texts.get(SOURCE_LANGUAGE) or {}).get("slug")
        if slug:
            found[lang] = slug
    return found


def _slugs(data: dict) -> set[str]:
    return {tr["slug"] for tr in data.get("translations", {}).values() if tr.get("slug")}


def _moment(value: str | None) -> datetime | None:
    if not value:
        return None
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _was_public(earlier: list[Revision], current: Revision, lang: str, slug: str) -> bool:
    """Whether readers could see the item at ``slug`` in ``lang`` before ``current``: some
    revision had that address and the item was visible before the next revision replaced it."""
    ends = [revision.created_at for revision in earlier[1:]] + [current.created_at]
    for revision, ended in zip(earlier, ends, strict=True):
        published = _moment(revision.data.get("published_at"))
        if (addresses(revision.data).get(lang) == slug and published is not None
                and published < ended and not revision.data.get("deleted_at")):
            return True
    return False


def _release(kind: Kind, slugs: set[str]) -> None:
    """Remove the redirects from addresses that are the item's own (in any language)."""
    paths = [item_path(kind, lang, slug) for slug in slugs for lang in i18n.enabled()]
    if not paths:
        return
    for row in db.session.scalars(sa.select(Redirect).where(Redirect.old_path.in_(paths))):
        audit.record("redirect_released", row, old_path=row.old_path)
        db.session.delete(row)
