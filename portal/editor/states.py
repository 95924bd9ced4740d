"""What the editor, the dashboard and the history say about an item: its publication state, its
translations' state, what each recorded action is called, and who may change what.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..content import SOURCE_LANGUAGE, utcnow
from ..extensions import db
from ..i18n import format_date, format_moment
from ..kinds import kind_named
from ..staff.models import Role

# Who may use which of the editor's pages (checked on the server by ``require_role``).
EDITORS = (Role.ADMIN.value, Role.EDITOR.value, Role.PUBLISHER.value)
STAFF = (Role.ADMIN.value, Role.EDITOR.value, Role.PUBLISHER.value, Role.TRANSLATOR.value)
# Who approves what others submit for review, and may publish without a review.
PUBLISHERS = (Role.ADMIN.value, Role.PUBLISHER.value)

PUBLICATION_LABELS = {
    "draft": _l("Draft"),
    "scheduled": _l("Scheduled"),
    "published": _l("Published"),
    # TRANSLATORS: the state of an item whose publication ended by itself on its end date.
    "expired": _l("Expired"),
    "trash": _l("In the trash"),
}
TRANSLATION_LABELS = {
    "missing": _l("missing"),
    "outdated": _l("outdated"),
    "current": _l("up to date"),
}
# What each action recorded on a revision is called in the history.
REVISION_LABELS = {
    "baseline": _l("as it was before revisions were kept"),
    "create": _l("created"),
    "save": _l("saved"),
    "publish": _l("published"),
    "schedule": _l("scheduled"),
    "unpublish": _l("unpublished"),
    "delete": _l("moved to the trash"),
    "restore": _l("restored from the trash"),
    "revert": _l("an earlier revision restored"),
    "import": _l("translation imported from a PO file"),
    # TRANSLATORS: a revision: the working draft of a published item became the public text.
    "publish_changes": _l("changes published"),
    "approve": _l("approved and published"),
    # TRANSLATORS: a revision: published by someone allowed to, without anyone reviewing it.
    "force_publish": _l("published without review"),
}
# The steps of a working draft and of a review, as the history lists them beside the revisions
# (they change nothing readers see, so they are audit events, not revisions).
STEP_LABELS = {
    "draft_save": _l("draft saved"),
    "draft_revert": _l("an earlier revision put into the draft"),
    "draft_discard": _l("draft discarded"),
    "review_submit": _l("submitted for review"),
    "review_return": _l("sent back with a comment"),
    "review_done": _l("reviewed after publication"),
}
# The state of a review, as the editor and the dashboard say it.
REVIEW_LABELS = {
    "submitted": _l("Waiting for review"),
    "returned": _l("Sent back"),
    # TRANSLATORS: published without review; stays so until someone reviews it.
    "unreviewed": _l("Not reviewed"),
}

# Through what a revision's change came (``portal.service.Via``), as the history says it.
VIA_LABELS = {
    "form": _l("in the editor"),
    "po-import": _l("from a PO file"),
    "revert": _l("by restoring a revision"),
    "demo": _l("with the demo content"),
    "command-line": _l("from the command line"),
}

def when(value: datetime | str | None) -> str:
    """A moment as staff read it, in the centre's time zone: "23 kwietnia 2022, 11:00"."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return format_moment(value)


def day(value: date | str | None) -> str:
    """A day as staff read it: "23 kwietnia 2022" (a snapshot keeps it as "2022-04-23")."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return format_date(value, "long")


def can_edit_source() -> bool:
    return current_user.is_authenticated and current_user.has_role(*EDITORS)


def review_required() -> bool:
    """Whether this site asks for a review before publishing (``PORTAL_REVIEW_REQUIRED``)."""
    return bool(current_app.config.get("PORTAL_REVIEW_REQUIRED"))


def can_approve() -> bool:
    """May approve others' submissions, and publish without a review (publishers, admins)."""
    return current_user.is_authenticated and current_user.has_role(*PUBLISHERS)


def can_publish() -> bool:
    """May publish at all: every editor, unless the site requires a review (then publishers)."""
    return can_edit_source() and (not review_required() or can_approve())


def is_live(item: Any) -> bool:
    """Readers see the item, or will by themselves (scheduled): its edits go into a working
    draft instead of the public text. A draft, an expired item or one in the trash is edited
    directly, as readers do not see it."""
    if item is None or getattr(item, "id", None) is None:
        return False
    return status_of(item) in ("published", "scheduled")


def status_of(item: Any, now: datetime | None = None) -> str:
    now = now or utcnow()
    if item.deleted_at is not None:
        return "trash"
    if item.published_at is None:
        return "draft"
    if item.is_expired(now):
        return "expired"
    return "scheduled" if item.published_at > now else "published"


def translation_state(item: Any, lang: str) -> str:
    if lang not in item.translations:
        return "missing"
    return "outdated" if item.is_outdated(lang) else "current"


def editor_url(kind: str, item_id: int, lang: str) -> str | None:
    """Where staff translate an item into ``lang``: its language beside the Polish text.

    ``kind`` is the name of a registered kind; an image is translated on the page of the
    article or award that shows it, at the photo; a document on its article's or page's, at
    its documents. Polish leads to the whole editor. None for an
    item that does not exist (or an image shown nowhere).
    """
    anchor = None
    if kind == "image":
        image = db.session.get(kind_named("image").model, item_id)
        if image is None:
            return None
        if image.article_id is not None:
            kind, item_id, anchor = "article", image.article_id, f"image-{image.id}"
        else:
            award = kind_named("award").model
            award_id = db.session.scalar(
                sa.select(award.id).where(award.certificate_image_id == image.id).limit(1))
            if award_id is None:
                return None
            kind, item_id, anchor = "award", award_id, "certificate"
    elif kind == "document":
        document = db.session.get(kind_named("document").model, item_id)
        if document is None:
            return None
        kind = "article" if document.article_id is not None else "page"
        item_id, anchor = document.article_id or document.page_id, "documents"
    found = kind_named(kind)
    if found is None or not found.url or db.session.get(found.model, item_id) is None:
        return None
    if lang == SOURCE_LANGUAGE:
        return url_for(found.endpoint("edit"), item_id=item_id, _anchor=anchor)
    return url_for(found.endpoint("translate"), item_id=item_id, lang=lang, _anchor=anchor)
