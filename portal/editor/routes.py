"""The editor's addresses for one kind, and who may use each (the role table of the editor)."""

from __future__ import annotations

from functools import partial

from flask import Flask

from ..kinds import Kind
from ..security import require_role
from ..staff import add_page
from ..staff.expired import keeps_typed_text
from . import autosave, drafts, history, preview, review, views
from .item import form_class
from .states import EDITORS, PUBLISHERS, STAFF

# (rule under /staff/<kind.url>, view name, view, methods, roles)
RULES = (
    ("/new", "new", views.new, ["GET", "POST"], EDITORS),
    ("/<int:item_id>", "edit", views.edit, ["GET", "POST"], STAFF),
    ("/<int:item_id>/translate/<lang:lang>", "translate", views.translate, ["GET", "POST"], STAFF),
    ("/<int:item_id>/preview/<lang:lang>", "preview", preview.show, ["GET"], STAFF),
    ("/<int:item_id>/restore", "restore", views.restore, ["POST"], EDITORS),
    ("/<int:item_id>/history", "history", history.show, ["GET"], STAFF),
    ("/<int:item_id>/history/<int:number>/revert", "revert", history.revert, ["GET", "POST"],
     EDITORS),
    # A live item's working draft: as readers will see it, compared with theirs, thrown away.
    ("/<int:item_id>/draft/preview/<lang:lang>", "draft_preview", drafts.preview, ["GET"],
     EDITORS),
    ("/<int:item_id>/draft/compare", "draft_compare", drafts.compare, ["GET"], EDITORS),
    ("/<int:item_id>/draft/discard", "draft_discard", drafts.discard, ["GET", "POST"], EDITORS),
    # Review before publishing: a submission sent back, an unreviewed publication reviewed.
    ("/<int:item_id>/review/return", "review_return", review.send_back, ["GET", "POST"],
     PUBLISHERS),
    ("/<int:item_id>/review/done", "review_done", review.mark_reviewed, ["POST"], PUBLISHERS),
    # Item 0: a new item, not created yet (only editors may start one).
    ("/<int:item_id>/autosave", "autosave", autosave.save, ["POST"], STAFF),
)


# The views a CSRF failure (a page open too long, a session ended) runs again, to give the typed
# text back in the form: every change they make sits behind the form's validation.
KEEPS_TYPED_TEXT = ("new", "edit", "translate")


def add(app: Flask, kind: Kind) -> None:
    """Give ``kind`` its editor's routes in ``app``, if it has an editor of its own.

    The routes are staff pages (:func:`portal.staff.add_page`), added per app because the
    registry is the app's: a test app may register a kind no other app has.
    """
    if not kind.url:
        return
    form = partial(_labelled_form, kind)
    for rule, view, func, methods, roles in RULES:
        page = require_role(*roles)(partial(func, kind))
        if view in KEEPS_TYPED_TEXT:
            page = keeps_typed_text(form=form)(page)
        add_page(app, f"/{kind.url}{rule}", page, f"{kind.name}_{view}", methods)


def _labelled_form(kind: Kind, **kwargs):
    """The kind's whole form: the session-ended page labels what was typed with it."""
    return form_class(kind, source=True)(**kwargs)
