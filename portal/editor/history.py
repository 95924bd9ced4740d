"""An item's history: its revisions compared, an earlier one restored, and conflicts noticed.

Every path that changes content records a revision (the editor, a revert, a content PO import,
the demo loader), so a form opened at revision N that is sent after revision N + 1 exists was
overtaken, whoever wrote N + 1: the save is refused with what changed meanwhile, and the text
the person typed stays in the form.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from .. import i18n
from ..content import SOURCE_LANGUAGE
from ..extensions import db
from ..kinds import Kind
from ..revisions import (
    PUBLICATION_FIELDS,
    Revision,
    Segment,
    diff,
    jsonable,
    readable_text,
    snapshot,
    word_diff,
)
from ..service import Change, Via, newer_than
from . import confirm
from .forms import ActionForm
from .item import Loaded, form_class, labels, load
from .states import STEP_LABELS, can_edit_source, is_live


@dataclass
class Both:
    """A field both editors changed: theirs is shown beside the form's, to choose."""

    field_id: str  # the form field's id ("pl-title", "awarded_on")
    name: str  # the field's name ("title")
    lang: str | None
    theirs: str


@dataclass
class Conflict:
    """Someone saved the item after this editor opened it: who, when, and what they changed.

    ``merged`` are the fields they changed and this editor did not: the form now holds their
    values. ``both`` are the fields both changed: the form keeps this editor's, theirs beside.
    """

    user: Any
    at: datetime
    changes: list
    merged: list[str] = field(default_factory=list)
    both: list[Both] = field(default_factory=list)


@dataclass
class SourceChanges:
    """What changed in the Polish text since a translation was made from it, field by field.

    ``known`` is false when no revision kept the Polish text of the translation's version (content
    that predates revisions): the translation is outdated, but the changes cannot be shown.
    """

    known: bool
    fields: dict[str, list[Segment]]


def _loaded(form: Any) -> int:
    try:
        return int(form.revision.data or 0)
    except ValueError:
        return 0


def _fields(kind: Kind, form: Any) -> list[tuple[Any, str, str | None, Any]]:
    """(form field, name, language, value in a snapshot's terms) of each field to merge."""
    found = []
    for name in kind.neutral_fields:
        if name in form:
            found.append((form[name], name, None, lambda data, name=name: data.get(
                "fields", {}).get(name)))
    for section in form.sections():
        for name in ("slug", *kind.field_names):
            if name in section:
                found.append((section[name], name, section.lang,
                              lambda data, lang=section.lang, name=name: data.get(
                                  "translations", {}).get(lang, {}).get(name)))
    return found


def _same(form_value: Any, snapshot_value: Any) -> bool:
    as_json = jsonable(form_value) if form_value is not None else None
    return (as_json or "") == (snapshot_value or "")


def conflict(kind: Kind, item: Any, form: Any) -> Conflict | None:
    """The changes saved since ``form`` was opened, if any, merged into it field by field.

    A field the other person changed and this one did not takes their value; a field both
    changed keeps this person's, with theirs shown beside it to choose from (:func:`take_theirs`
    on the next save). The form's revision becomes the newest, so saving again, having seen the
    result, is a deliberate choice: nothing is undone without being shown.
    """
    loaded = _loaded(form)
    newest = newer_than(kind, item, loaded)
    if newest is None:
        return None
    base = Revision.get(kind.name, item.id, loaded) if loaded else None
    changes = diff(base.data if base else None, newest.data, kind.field_names, i18n.enabled())
    found = Conflict(newest.user, newest.created_at, changes)
    for form_field, name, lang, value_in in _fields(kind, form):
        theirs = value_in(newest.data)
        before = value_in(base.data) if base else None
        if base is not None and (theirs or "") == (before or ""):
            continue  # they did not change it: this person's value stands
        if _same(form_field.data, theirs):
            continue
        if base is not None and _same(form_field.data, before):
            form_field.data = _from_snapshot(form_field, theirs)
            form_field.raw_data = None
            found.merged.append(form_field.id)
        else:
            found.both.append(Both(form_field.id, name, lang, theirs or ""))
    form.revision.data = str(newest.number)
    form.revision.raw_data = [str(newest.number)]
    form.form_errors.append(
        _("Someone else saved this item while you were editing it. Your text is still "
          "here, not saved. Check their changes below, then save again."))
    return found


def _from_snapshot(form_field: Any, value: Any) -> Any:
    """A snapshot's value as the form field holds it (dates and numbers from their JSON)."""
    if value in (None, ""):
        return None if form_field.type in ("DateField", "IntegerField", "CheckedDateField",
                                           "SelectField", "ArticleChoice") else ""
    current = form_field.data
    if isinstance(value, str) and current is not None and not isinstance(current, str):
        kind = type(current)
        return kind.fromisoformat(value) if hasattr(kind, "fromisoformat") else kind(value)
    return value


def take_theirs(kind: Kind, item: Any, form: Any, chosen: list[str]) -> None:
    """Put the other person's value into each field named in ``chosen`` (the conflict's "use
    their version" boxes), from the revision the form was merged against."""
    if not chosen:
        return
    revision = Revision.get(kind.name, item.id, _loaded(form))
    if revision is None:
        return
    for form_field, _name, _lang, value_in in _fields(kind, form):
        if form_field.id in chosen:
            form_field.data = _from_snapshot(form_field, value_in(revision.data))


def steps(kind: Kind, item: Any) -> list[Any]:
    """The draft's and the review's steps of ``item`` (audit events: readers saw no change)."""
    from ..audit import AuditEvent

    return list(db.session.scalars(
        sa.select(AuditEvent)
        .where(AuditEvent.target_type == kind.model.__tablename__,
               AuditEvent.target_id == item.id, AuditEvent.action.in_(STEP_LABELS))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())))


def show(kind: Kind, item_id: int):
    item = load(kind, item_id)
    revisions = Revision.for_item(kind.name, item.id)
    entries = []
    for newer, older in zip(revisions, [*revisions[1:], None], strict=False):
        changes = diff(older.data if older else None, newer.data, kind.field_names,
                       i18n.enabled())
        entries.append((newer, changes))
    return render_template(
        "staff/content/history.html",
        heading=_("History"),
        kind=kind,
        item=item,
        entries=entries,
        labels=labels(kind),
        action_form=ActionForm(),
        can_revert=can_edit_source(),
        steps=steps(kind, item),
        step_labels=STEP_LABELS,
        live=is_live(item),
    )


def revert(kind: Kind, item_id: int, number: int):
    """Bring back the texts and fields of a revision, as a new revision; for a live item, into
    its working draft (readers keep the published version until it is published)."""
    if request.method != "POST":
        item = load(kind, item_id)
        revision = Revision.get(kind.name, item.id, number) or abort(404)
        now = snapshot(item, kind.field_names, kind.neutral_fields)
        changes = diff(now, revision.data, kind.field_names, i18n.enabled())
        # Only what a revert brings back: the texts and fields, not the publication state.
        changes = [c for c in changes if c.field not in PUBLICATION_FIELDS
                   and not c.field.startswith("image") and c.position is None]
        return confirm.ask_revert(kind, item, revision, changes, labels(kind),
                                  into_draft=is_live(item))
    if is_live(load(kind, item_id)):
        return _revert_into_draft(kind, item_id, number)
    with Change(via=Via.REVERT) as change:
        item = load(kind, item_id, change)
        if not ActionForm().validate_on_submit():
            abort(400)
        revision = Revision.get(kind.name, item.id, number) or abort(404)
        change.revert(kind, item, revision)
    flash(_("Revision %(number)s is restored.", number=number), "success")
    return redirect(url_for(kind.endpoint("edit"), item_id=item.id))


def _revert_into_draft(kind: Kind, item_id: int, number: int):
    """The revision's texts and fields, as the editor's form would hold them, become the draft.

    The revert is done inside a change that is then abandoned (nothing reaches readers, no
    revision is kept); the form is read from the item as the revert left it, with the number
    of the live revision it starts from. A draft there was is replaced (the confirmation page
    said what the draft will hold).
    """
    from . import drafts

    with Change(via=Via.REVERT) as change:
        item = load(kind, item_id, change)
        if not ActionForm().validate_on_submit():
            abort(400)
        revision = Revision.get(kind.name, item.id, number) or abort(404)
        based_on = Revision.latest_number(kind.name, item.id)
        change.revert(kind, item, revision)
        db.session.flush()
        form = form_class(kind, source=True)(formdata=None, obj=Loaded(item, based_on))
        values = drafts.values_of(form)
        change.abandon()
    with Change(via=Via.REVERT) as change:
        item = load(kind, item_id, change)
        drafts.keep(kind, item, values, change, step="draft_revert", restored_from=number)
    flash(_("Revision %(number)s is in the draft. Readers still see the published version "
            "until you publish the changes.", number=number), "success")
    return redirect(url_for(kind.endpoint("edit"), item_id=item.id))


def source_changes(kind: Kind, item: Any, lang: str) -> SourceChanges | None:
    """For an outdated translation, how the Polish text changed since; else None."""
    row = item.translations.get(lang)
    if row is None or not item.is_outdated(lang):
        return None
    before = Revision.source_text(kind.name, item.id, row.source_version)
    if before is None:
        return SourceChanges(known=False, fields={})
    current = item.translations[SOURCE_LANGUAGE]
    fields: dict[str, list[Segment]] = {}
    for name in kind.field_names:
        old, new = readable_text(before.get(name)), readable_text(getattr(current, name))
        if old != new:
            fields[name] = word_diff(old, new)
    return SourceChanges(known=True, fields=fields)
