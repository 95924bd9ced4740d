"""Typed text kept while typing: a closed tab, an ended session or a crash loses seconds, not work.

With JavaScript the editor sends its form here a few seconds after each change
(``POST /staff/<kind>/<id>/autosave``; id 0 is a new item). What arrives is kept for that
person and that page only, as typed: it is not content (nothing is published or recorded in the
history), so it does not go through the write service. The editor then offers it back ("restore
the text saved automatically") until the person saves the item or discards it. Without
JavaScript nothing is sent, and the plain save is all there is.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.datastructures import MultiDict

from .. import i18n
from ..content import SOURCE_LANGUAGE, UTCDateTime, utcnow
from ..extensions import db
from ..forms import BaseForm
from ..kinds import Kind
from .states import EDITORS, when

# What a form sends that is not typed text: tokens, buttons, files.
_NOT_TYPED = {"csrf_token", "action", "confirm", "upload", "preview", "take-theirs"}
MAX_BYTES = 2 * 1024 * 1024  # far more text than any item has


class Autosave(db.Model):
    __tablename__ = "autosaves"
    __table_args__ = (sa.UniqueConstraint("user_id", "content_type", "item_id", "page"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    content_type: Mapped[str] = mapped_column(sa.String(40))
    item_id: Mapped[int]  # 0: an item not created yet
    # Which editor page: "edit", or "translate:<lang>" for the side-by-side page.
    page: Mapped[str] = mapped_column(sa.String(20))
    data: Mapped[list[list[str]]] = mapped_column(sa.JSON)  # [name, value] as the form sent
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @classmethod
    def find(cls, kind: Kind, item_id: int, page: str) -> Autosave | None:
        if not current_user.is_authenticated:
            return None
        return db.session.scalar(sa.select(cls).where(
            cls.user_id == current_user.id, cls.content_type == kind.name,
            cls.item_id == item_id, cls.page == page))

    def formdata(self) -> MultiDict:
        return MultiDict([(name, value) for name, value in self.data])


def page_of(translating: str | None) -> str:
    return f"translate:{translating}" if translating else "edit"


class _Token(BaseForm):
    """Only the CSRF token: an autosave is a change of state like any other."""


def save(kind: Kind, item_id: int):
    """Keep what the editor's form holds now, for this person and page (a JSON answer)."""
    if item_id == 0 and not current_user.has_role(*EDITORS):
        abort(403)
    if item_id and db.session.get(kind.model, item_id) is None:
        abort(404)
    if not _Token().validate_on_submit():
        abort(400)
    lang = request.form.get("autosave-lang") or ""
    if lang and (lang == SOURCE_LANGUAGE or lang not in i18n.enabled()):
        abort(400)
    page = page_of(lang or None)
    if request.form.get("discard"):
        found = Autosave.find(kind, item_id, page)
        if found is not None:
            db.session.delete(found)
            db.session.commit()
        flash(_("The text saved automatically has been discarded."), "success")
        return redirect(_editor(kind, item_id, lang))
    data = [[name, value] for name in request.form if name not in _NOT_TYPED
            and not name.startswith("autosave-") for value in request.form.getlist(name)]
    if sum(len(name) + len(value) for name, value in data) > MAX_BYTES:
        abort(413)
    found = Autosave.find(kind, item_id, page)
    if found is None:
        found = Autosave(user_id=current_user.id, content_type=kind.name, item_id=item_id,
                         page=page)
        db.session.add(found)
    found.data, found.saved_at = data, utcnow()
    db.session.commit()
    return jsonify(message=_("Saved automatically at %(when)s, not yet saved as the item's "
                             "text.", when=when(found.saved_at)))


def forget(kind: Kind, item_id: int, translating: str | None) -> None:
    """The item was saved from this page: what was kept while typing is no longer needed.

    Part of the save's own transaction (the caller commits)."""
    for found in (Autosave.find(kind, item_id, page_of(translating)),
                  Autosave.find(kind, 0, "edit") if translating is None else None):
        if found is not None:
            db.session.delete(found)


def offer(kind: Kind, item_id: int, translating: str | None) -> dict[str, Any] | None:
    """What the editor says of text kept while typing, if there is any for this page."""
    found = Autosave.find(kind, item_id, page_of(translating))
    if found is None:
        return None
    return {"when": found.saved_at, "discard": url_for(kind.endpoint("autosave"),
                                                       item_id=item_id),
            "restore": _editor(kind, item_id, translating, restore=True)}


def _editor(kind: Kind, item_id: int, lang: str | None, restore: bool = False) -> str:
    args = {"autosaved": 1} if restore else {}
    if not item_id:
        return url_for(kind.endpoint("new"), **args)
    if lang:
        return url_for(kind.endpoint("translate"), item_id=item_id, lang=lang, **args)
    return url_for(kind.endpoint("edit"), item_id=item_id, **args)
