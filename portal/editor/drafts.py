"""Working drafts of live items: the public page stays as it is until "Publish changes".

An item readers see (or will see by themselves: scheduled, expired and kept) is not changed by
"Save draft": the editor's whole form is kept as a :class:`Draft` instead, one per item, as the
form sent it (name and value pairs, like text kept while typing). Whoever opens the item next
gets the draft in the form. The draft reaches the public page only when someone publishes it:
the form is then applied through :class:`~portal.service.Change` like any save (a revision, an
audit event, the ``content-changed`` signal), and the draft is gone.

A draft is not content: it has no revision, the signal never hears of it, readers never see it.
Its steps (saved, an old revision put into it, discarded) are audit events about the item, and
the item's history lists them beside the revisions.

The form a draft keeps carries the revision of the live item it was started from, so a change
that went live meanwhile (a translation, a PO import) is merged field by field when the draft is
saved or published, like any other conflict (:func:`portal.editor.history.conflict`). It also
carries the draft's own number, so that two people saving the same draft notice each other.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.datastructures import MultiDict

from .. import i18n
from ..content import SOURCE_LANGUAGE, UTCDateTime, utcnow
from ..extensions import db
from ..kinds import Kind
from ..revisions import diff, snapshot
from ..service import Change
from ..staff.models import User
from . import confirm
from .forms import ActionForm
from .item import apply, finish_slugs, form_class, labels, load

# What a kept form leaves out: the token and the buttons.
_NOT_KEPT = {"csrf_token", "action", "confirm", "confirmed", "upload", "preview", "take-theirs",
             "reason"}


class Draft(db.Model):
    __tablename__ = "drafts"
    __table_args__ = (sa.UniqueConstraint("content_type", "item_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    content_type: Mapped[str] = mapped_column(sa.String(40))
    item_id: Mapped[int]
    # 1, 2, 3 … per save of the draft: what a form opened on the draft remembers.
    number: Mapped[int] = mapped_column(default=1)
    data: Mapped[list[list[str]]] = mapped_column(sa.JSON)  # [name, value] as the form held
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User | None] = relationship(lazy="selectin")

    @classmethod
    def find(cls, kind: Kind, item_id: int | None) -> Draft | None:
        if not item_id:
            return None
        return db.session.scalar(sa.select(cls).where(cls.content_type == kind.name,
                                                      cls.item_id == item_id))

    @classmethod
    def every(cls) -> dict[tuple[str, int], Draft]:
        """Every draft by (kind, item) (for the dashboard), in one query."""
        return {(draft.content_type, draft.item_id): draft
                for draft in db.session.scalars(sa.select(cls))}

    def formdata(self) -> MultiDict:
        return MultiDict([(name, value) for name, value in self.data])

    def form(self, kind: Kind) -> Any:
        """The editor's form holding the draft (for an editor of the Polish text)."""
        form = form_class(kind, source=True)(formdata=self.formdata())
        form.draft.data = str(self.number)
        return form


def values_of(form: Any) -> list[list[str]]:
    return [[name, value] for name, value in confirm.form_values(form) if name not in _NOT_KEPT]


def overtaken(form: Any, draft: Draft | None) -> bool:
    """Someone saved the draft after this form was opened on it (or started one meanwhile)."""
    if draft is None:
        return False
    if (form.draft.data or "") == str(draft.number):
        return False
    who = draft.user.name if draft.user else ""
    form.form_errors.append(
        _("%(name)s saved the draft of this item while you were editing it. Your text is "
          "still here, not saved. To keep yours instead of theirs, save again; to see theirs "
          "first, open the item in a new tab.", name=who) if who else
        _("Someone saved the draft of this item while you were editing it. Your text is still "
          "here, not saved. To keep yours instead of theirs, save again; to see theirs first, "
          "open the item in a new tab."))
    form.draft.data = str(draft.number)
    form.draft.raw_data = [str(draft.number)]
    return True


def keep(kind: Kind, item: Any, values: list[list[str]], change: Change,
         step: str = "draft_save", **details: Any) -> Draft:
    """Keep ``values`` as the item's draft, and say so in the audit log (in ``change``'s
    commit, which writes no content: the public page and the signal see nothing)."""
    draft = Draft.find(kind, item.id)
    if draft is None:
        draft = Draft(content_type=kind.name, item_id=item.id, number=0, data=[])
        db.session.add(draft)
    draft.number = (draft.number or 0) + 1
    draft.data = values
    draft.user = change.user
    draft.saved_at = utcnow()
    change.audit(step, item, draft=draft.number, **details)
    return draft


def forget(kind: Kind, item: Any) -> bool:
    """The draft was published (or the item taken from readers with it): it is gone."""
    draft = Draft.find(kind, item.id)
    if draft is not None:
        db.session.delete(draft)
    return draft is not None


def _applied(kind: Kind, item: Any, draft: Draft, change: Change) -> Any:
    """Apply the draft to ``item`` inside ``change`` (which the caller abandons), flushed and
    read back, as the item will be once the draft is published."""
    change.abandon()
    form = draft.form(kind)
    slugs = finish_slugs(kind, form, item)
    if slugs is None:  # a web address taken since the draft was saved: shown at today's
        slugs = {lang: row.slug for lang, row in item.translations.items()
                 if getattr(row, "slug", None)}
    apply(kind, form, item, True, slugs, change)
    db.session.flush()
    db.session.expire(item)
    return item


def preview(kind: Kind, item_id: int, lang: str):
    """The item as readers will see it once the draft is published (without a draft: as they
    see it now)."""
    from .preview import Back, public_page, show

    item = load(kind, item_id)
    draft = Draft.find(kind, item.id)
    if draft is None or lang not in i18n.enabled():
        return show(kind, item_id, lang)
    with Change() as change:
        item = _applied(kind, load(kind, item_id, change), draft, change)
        g.alternates = [
            i18n.Alternate(code, url_for(kind.endpoint("draft_preview"), item_id=item.id,
                                         lang=code), translated=code in item.translations)
            for code in i18n.enabled()
        ]
        return public_page(kind, item, lang, Back(kind), draft=True)


def compare(kind: Kind, item_id: int):
    """What publishing the draft would change on the public page, word by word."""
    item = load(kind, item_id)
    draft = Draft.find(kind, item.id)
    changes = []
    if draft is not None:
        live = snapshot(item, kind.field_names, kind.neutral_fields)
        with Change() as change:
            item = _applied(kind, load(kind, item_id, change), draft, change)
            changes = diff(live, snapshot(item, kind.field_names, kind.neutral_fields),
                           kind.field_names, i18n.enabled())
            page = _compare_page(kind, item, draft, changes)
        return page
    return _compare_page(kind, item, None, changes)


def _compare_page(kind: Kind, item: Any, draft: Draft | None, changes: list) -> str:
    return render_template("staff/content/compare.html", heading=_("Draft compared with the "
                                                                   "published version"),
                           kind=kind, item=item, draft=draft, changes=changes,
                           labels=labels(kind))


def discard(kind: Kind, item_id: int):
    """Throw the draft away, after asking: readers keep the published version."""
    item = load(kind, item_id)
    title = item.translations[SOURCE_LANGUAGE].title
    draft = Draft.find(kind, item.id)
    back = url_for(kind.endpoint("edit"), item_id=item.id)
    if request.method != "POST":
        if draft is None:
            return confirm.nothing(title, _("There is no draft of this item to discard."), back)
        return confirm.ask_discard(kind, item)
    with Change() as change:
        item = load(kind, item_id, change)
        if not ActionForm().validate_on_submit():
            abort(400)
        from . import review

        if forget(kind, item):
            review.withdraw(kind, item, change)
            change.audit("draft_discard", item)
            flash(_("The draft is discarded. Readers still see the published version."),
                  "success")
        else:
            change.abandon()
    return redirect(back)


def state(kind: Kind, item: Any) -> dict[str, Any] | None:
    """What the editor says of an item's draft, if it has one."""
    draft = Draft.find(kind, item.id)
    if draft is None:
        return None
    return {"draft": draft, "saved_at": draft.saved_at, "user": draft.user,
            "mine": current_user.is_authenticated and draft.user_id == current_user.id}
