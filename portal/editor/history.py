"""An item's history: its revisions compared, an earlier one restored, and conflicts noticed.

Every path that changes content records a revision (the editor, a revert, a content PO import,
the demo loader), so a form opened at revision N that is sent after revision N + 1 exists was
overtaken, whoever wrote N + 1: the save is refused with what changed meanwhile, and the text
the person typed stays in the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from .. import i18n
from ..content import SOURCE_LANGUAGE
from ..kinds import Kind
from ..revisions import Revision, Segment, diff, readable_text, word_diff
from ..service import Change, Via, newer_than
from .forms import ActionForm
from .item import labels, load
from .states import can_edit_source


@dataclass
class Conflict:
    """Someone saved the item after this editor opened it: who, when, and what they changed."""

    user: Any
    at: datetime
    changes: list


@dataclass
class SourceChanges:
    """What changed in the Polish text since a translation was made from it, field by field.

    ``known`` is false when no revision kept the Polish text of the translation's version (content
    that predates revisions): the translation is outdated, but the changes cannot be shown.
    """

    known: bool
    fields: dict[str, list[Segment]]


def conflict(kind: Kind, item: Any, form: Any) -> Conflict | None:
    """The changes saved since ``form`` was opened, if any; the form is told about them.

    The form's revision becomes the newest, so saving again, having seen the other's changes,
    is a deliberate choice.
    """
    try:
        loaded = int(form.revision.data or 0)
    except ValueError:
        loaded = 0
    newest = newer_than(kind, item, loaded)
    if newest is None:
        return None
    base = Revision.get(kind.name, item.id, loaded or 1)
    if base is not None and loaded == 0 and base.action != "baseline":
        base = None
    changes = diff(base.data if base else None, newest.data, kind.field_names, i18n.enabled())
    form.revision.data = str(newest.number)
    form.revision.raw_data = [str(newest.number)]
    form.form_errors.append(
        _("Someone else saved this item while you were editing it. Your text is still "
          "here, not saved. Check their changes below, then save again."))
    return Conflict(newest.user, newest.created_at, changes)


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
    )


def revert(kind: Kind, item_id: int, number: int):
    """Bring back the texts and fields of a revision, as a new revision."""
    with Change(via=Via.REVERT) as change:
        item = load(kind, item_id, change)
        if not ActionForm().validate_on_submit():
            abort(400)
        revision = Revision.get(kind.name, item.id, number) or abort(404)
        change.revert(kind, item, revision)
    flash(_("Revision %(number)s is restored.", number=number), "success")
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
