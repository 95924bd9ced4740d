"""Review before publishing, where the site asks for it (``PORTAL_REVIEW_REQUIRED``).

An editor cannot publish then: they submit the item (its draft, when it is live) for review. A
publisher or an administrator who is not the one who submitted it approves it (publishing it) or
sends it back with a comment. Those allowed may publish without a review, giving a reason: the
item is then marked "not reviewed" on the dashboard until someone else reviews it (GOV.UK's
"force publish").

One :class:`Review` row per item holds where it stands: ``submitted`` (waiting for publishers),
``returned`` (waiting for the person who submitted it), ``unreviewed`` (published without a
review, waiting for another publisher). Every step is an audit event about the item, and the
steps that publish are revisions ("approved and published", "published without review"), so the
history shows them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm import Mapped, mapped_column, relationship
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from ..content import SOURCE_LANGUAGE, UTCDateTime, utcnow
from ..extensions import db
from ..forms import BaseForm
from ..kinds import Kind, edited
from ..service import Change
from ..staff.models import User
from .item import load
from .states import can_approve, review_required

STATES = ("submitted", "returned", "unreviewed")
MAX_COMMENT = 2000


class Review(db.Model):
    __tablename__ = "reviews"
    __table_args__ = (sa.UniqueConstraint("content_type", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    content_type: Mapped[str] = mapped_column(sa.String(40))
    item_id: Mapped[int]
    state: Mapped[str] = mapped_column(sa.String(20))  # one of STATES
    # Who submitted it (for "returned": to whom it went back), or who published it unreviewed.
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id",
                                                                ondelete="SET NULL"))
    # Who sent it back.
    by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    # The comment of whoever sent it back, or the reason for publishing without a review.
    comment: Mapped[str] = mapped_column(sa.Text, default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User | None] = relationship(foreign_keys=[author_id], lazy="selectin")
    by: Mapped[User | None] = relationship(foreign_keys=[by_id], lazy="selectin")

    @classmethod
    def find(cls, kind: Kind, item_id: int | None) -> Review | None:
        if not item_id:
            return None
        return db.session.scalar(sa.select(cls).where(cls.content_type == kind.name,
                                                      cls.item_id == item_id))


def _set(kind: Kind, item: Any, state: str, change: Change, comment: str = "",
         author: Any = None, by: Any = None) -> Review:
    found = Review.find(kind, item.id)
    if found is None:
        found = Review(content_type=kind.name, item_id=item.id)
        db.session.add(found)
    found.state, found.comment, found.at = state, comment, utcnow()
    found.author, found.by = author, by
    return found


def submit(kind: Kind, item: Any, change: Change) -> None:
    _set(kind, item, "submitted", change, author=change.user)
    change.audit("review_submit", item)


def is_approval(kind: Kind, item: Any) -> bool:
    """Publishing now would approve someone else's submission (else it is without a review)."""
    found = Review.find(kind, item.id)
    return (found is not None and found.state == "submitted" and can_approve()
            and found.author_id != current_user.id)


def published(kind: Kind, item: Any, change: Change, reason: str | None) -> dict[str, str]:
    """The item was published: approved (``reason`` None) or without a review. Returns what
    the revision and the audit event keep about it."""
    if reason is None:
        found = Review.find(kind, item.id)
        if found is not None:
            db.session.delete(found)
        return {"review": "approved"}
    _set(kind, item, "unreviewed", change, comment=reason, author=change.user)
    return {"review": "not reviewed", "reason": reason}


def withdraw(kind: Kind, item: Any, change: Change) -> None:
    """The draft that was submitted is gone (discarded, or the item unpublished): the
    submission with it. A mark of "not reviewed" stays: it is about what readers saw."""
    found = Review.find(kind, item.id)
    if found is not None and found.state in ("submitted", "returned"):
        db.session.delete(found)


class ReturnForm(BaseForm):
    comment = TextAreaField(
        _l("What should be changed"),
        validators=[DataRequired(_l("Write what should be changed before it can be published.")),
                    Length(max=MAX_COMMENT)],
        description=_l("The person who submitted it sees this on their dashboard and in the "
                       "editor."),
    )


def send_back(kind: Kind, item_id: int):
    """A publisher sends a submission back to its author, with a comment."""
    if not can_approve():
        abort(403)
    item = load(kind, item_id)
    found = Review.find(kind, item.id)
    form = ReturnForm()
    if request.method == "POST" and form.validate_on_submit():
        if found is None or found.state != "submitted":
            flash(_("This item is not waiting for review any more."), "error")
            return redirect(url_for(kind.endpoint("edit"), item_id=item.id))
        with Change() as change:
            item = load(kind, item_id, change)
            _set(kind, item, "returned", change, comment=form.comment.data,
                 author=found.author, by=change.user)
            change.audit("review_return", item, comment=form.comment.data)
        flash(_("It is sent back with your comment."), "success")
        return redirect(url_for("staff.dashboard"))
    return render_template("staff/content/review_return.html", heading=_("Send back with a "
                                                                        "comment"),
                           kind=kind, item=item, review=found, form=form)


def mark_reviewed(kind: Kind, item_id: int):
    """Someone other than the person who published it without a review has now reviewed it."""
    if not can_approve():
        abort(403)
    from .forms import ActionForm

    with Change() as change:
        item = load(kind, item_id, change)
        if not ActionForm().validate_on_submit():
            abort(400)
        found = Review.find(kind, item.id)
        if found is None or found.state != "unreviewed":
            change.abandon()
            return redirect(url_for(kind.endpoint("edit"), item_id=item.id))
        if found.author_id == current_user.id:
            change.abandon()
            flash(_("Someone other than the person who published it must review it."), "error")
            return redirect(url_for(kind.endpoint("edit"), item_id=item.id))
        db.session.delete(found)
        change.audit("review_done", item)
    flash(_("It is marked as reviewed."), "success")
    return redirect(url_for(kind.endpoint("edit"), item_id=item.id))


@dataclass
class Waiting:
    editor: Kind
    item: Any
    title: str
    review: Review


def waiting_for_me() -> list[Waiting]:
    """What waits for the person logged in: submissions and unreviewed items for publishers
    (not their own), items sent back to them for the person who submitted them."""
    if not current_user.is_authenticated:
        return []
    approver = can_approve()
    found: list[Waiting] = []
    rows_of = every()
    for editor in edited():
        for row in (r for (kind, _id), r in rows_of.items() if kind == editor.name):
            if row.state == "returned":
                mine = row.author_id == current_user.id
            else:
                mine = approver and row.author_id != current_user.id
            if not mine:
                continue
            item = db.session.get(editor.model, row.item_id)
            if item is None or item.deleted_at is not None:
                continue
            found.append(Waiting(editor, item, item.translations[SOURCE_LANGUAGE].title, row))
    return sorted(found, key=lambda w: w.review.at)


def every() -> dict[tuple[str, int], Review]:
    """Where every review stands, by (kind, item), in one query (for the dashboard)."""
    return {(row.content_type, row.item_id): row for row in db.session.scalars(sa.select(Review))}


def editor_state(kind: Kind, item: Any) -> dict[str, Any]:
    """What the editor's page needs to know about the review of ``item``."""
    found = Review.find(kind, item.id) if item is not None else None
    return {"required": review_required(), "review": found, "can_approve": can_approve(),
            "approval": item is not None and is_approval(kind, item)}
