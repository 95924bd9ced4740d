"""Bulk actions on the dashboard and the trash: publish, unpublish, move to the trash, restore,
and (administrators, from the trash) delete for good.

Choosing items and an action on a list leads (a GET: nothing changes yet) to a page that names
every chosen item and says which of them the action does not apply to, and why; its "yes" sends
a POST (CSRF-checked) that applies the action through one :class:`~portal.service.Change`: one
revision and audit event per item, one content-changed signal per item. Each item is checked
again when it is changed, since someone may have changed it meanwhile. Works without JavaScript.

Roles are checked on the server: editors and administrators use the first four actions;
only administrators delete for good (it cannot be undone, and it is what a request to erase
personal data needs, so it is theirs to decide).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from wtforms import SelectField

from .. import i18n
from ..content import SOURCE_LANGUAGE, utcnow
from ..editor.states import EDITORS, status_of
from ..extensions import db
from ..forms import BaseForm
from ..kinds import Kind, edited, kind_named
from ..security import require_role
from ..service import Change
from ..staff.models import Role
from . import bp

# At most this many items at once (two pages of a list).
MAX_ITEMS = 100


@dataclass(frozen=True)
class Action:
    name: str
    label: Any  # the action select's option
    heading: Callable[[int], str]  # the confirmation page's heading, for so many items
    consequence: Any
    yes: Any
    done: Callable[[int], str]  # the message after it, for so many items
    roles: tuple[str, ...] = EDITORS
    in_trash: bool = False  # offered in the trash (otherwise on the other lists)
    danger: bool = False


ACTIONS = {action.name: action for action in (
    Action("publish", _l("Publish now"),
           lambda n: ngettext("Publish %(num)d item?", "Publish %(num)d items?", n),
           _l("Readers will see them at once, in every language they are written in."),
           _l("Yes, publish"),
           lambda n: ngettext("%(num)d item is published.", "%(num)d items are published.", n)),
    Action("unpublish", _l("Unpublish"),
           lambda n: ngettext("Unpublish %(num)d item?", "Unpublish %(num)d items?", n),
           _l("Readers will no longer see them, in any language, until they are published "
              "again. They become drafts."),
           _l("Yes, unpublish"),
           lambda n: ngettext("%(num)d item is unpublished: it is a draft again.",
                              "%(num)d items are unpublished: they are drafts again.", n),
           danger=True),
    Action("trash", _l("Move to the trash"),
           lambda n: ngettext("Move %(num)d item to the trash?",
                              "Move %(num)d items to the trash?", n),
           _l("Readers will no longer see them. They stay in the trash, from where they can be "
              "restored."),
           _l("Yes, move to the trash"),
           lambda n: ngettext("%(num)d item is in the trash.", "%(num)d items are in the trash.",
                              n),
           danger=True),
    Action("restore", _l("Restore from the trash"),
           lambda n: ngettext("Restore %(num)d item from the trash?",
                              "Restore %(num)d items from the trash?", n),
           _l("They leave the trash in the state they were in before: a published item is "
              "seen by readers again."),
           _l("Yes, restore"),
           lambda n: ngettext("%(num)d item is restored from the trash.",
                              "%(num)d items are restored from the trash.", n),
           in_trash=True),
    Action("purge", _l("Delete for good"),
           lambda n: ngettext("Delete %(num)d item for good?", "Delete %(num)d items for good?",
                              n),
           _l("This cannot be undone. Each item is removed with its translations, its whole "
              "history of changes and the photos no other item shows. The audit log keeps "
              "only that an item was deleted for good, by whom and when, without its texts."),
           _l("Yes, delete for good"),
           lambda n: ngettext("%(num)d item is deleted for good.",
                              "%(num)d items are deleted for good.", n),
           roles=(Role.ADMIN.value,), in_trash=True, danger=True),
)}


# Why an action does not apply to an item in a state.
REFUSALS = {
    "trash": _l("It is in the trash: restore it first."),
    "not_trash": _l("It is not in the trash."),
    "published": _l("It is published already."),
    "draft": _l("It is a draft: it is not published."),
    "expired": _l("Its end of publication has passed: change the end date in the editor "
                  "first."),
    "required": _l("The website must have this page (it is linked from every page): it "
                   "cannot be deleted for good."),
    "gone": _l("It no longer exists."),
}


def offered(in_trash: bool) -> list[Action]:
    """The actions the logged-in person may apply to the list shown (trash or not)."""
    if not current_user.is_authenticated:
        return []
    return [action for action in ACTIONS.values()
            if action.in_trash == in_trash and current_user.has_role(*action.roles)]


def refusal(action: str, item: Any, now: datetime) -> str | None:
    """Why ``action`` does not apply to ``item`` now (None: it does)."""
    if item is None:
        return "gone"
    status = status_of(item, now)
    if action in ("restore", "purge"):
        if status != "trash":
            return "not_trash"
        if action == "purge" and getattr(item, "key", None):
            return "required"
        return None
    if status == "trash":
        return "trash"
    if action == "publish":
        if status == "published":
            return "published"
        if item.is_expired(now):
            return "expired"
    if action == "unpublish" and status == "draft":
        return "draft"
    return None


@dataclass
class Chosen:
    kind: Kind
    item_id: int
    item: Any = None
    refused: str | None = None

    @property
    def key(self) -> str:
        return f"{self.kind.name}:{self.item_id}"

    @property
    def title(self) -> str:
        return self.item.translations[SOURCE_LANGUAGE].title if self.item is not None else ""

    @property
    def reason(self) -> str:
        return str(REFUSALS[self.refused]) if self.refused else ""


def parse(values: list[str]) -> list[tuple[Kind, int]]:
    """The items named "article:12" in a request, each once, of kinds with an editor."""
    editors = set(edited())
    found: list[tuple[Kind, int]] = []
    for value in values:
        name, _sep, number = value.partition(":")
        kind = kind_named(name)
        if kind in editors and number.isdigit() and (kind, int(number)) not in found:
            found.append((kind, int(number)))
    return found[:MAX_ITEMS]


def load(action: str, chosen: list[tuple[Kind, int]]) -> list[Chosen]:
    """The chosen items, a query per kind, each with why the action does not apply to it."""
    now = utcnow()
    ids: dict[Kind, list[int]] = {}
    for kind, item_id in chosen:
        ids.setdefault(kind, []).append(item_id)
    items = {(kind.name, item.id): item for kind, wanted in ids.items()
             for item in db.session.scalars(
                 sa.select(kind.model).where(kind.model.id.in_(wanted)))}
    found = []
    for kind, item_id in chosen:
        item = items.get((kind.name, item_id))
        found.append(Chosen(kind, item_id, item, refusal(action, item, now)))
    return found


class BulkForm(BaseForm):
    """The confirmation page's "yes": the action and the items again, with a CSRF token."""

    action = SelectField(choices=list(ACTIONS), validate_choice=True)


def _back() -> str:
    return i18n.safe_next(request.values.get("next"), url_for("staff.dashboard"))


@bp.route("/bulk", methods=["GET", "POST"])
@require_role(*EDITORS)
def bulk():
    action = ACTIONS.get(request.values.get("action", ""))
    back = _back()
    if action is None:
        flash(_("Choose what to do with the chosen items."), "error")
        return redirect(back)
    if not current_user.has_role(*action.roles):
        abort(403)
    chosen = parse(request.values.getlist("item"))
    if not chosen:
        flash(_("Choose at least one item with its check box, then the action."), "error")
        return redirect(back)
    form = BulkForm(action=action.name)
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        return apply(action, chosen, back)
    rows = load(action.name, chosen)
    applicable = [row for row in rows if not row.refused]
    count = len(applicable)
    return render_template(
        "staff/bulk_confirm.html",
        heading=action.heading(count) if count
        else _("The action does not apply to any of the chosen items"),
        action=action, rows=rows, applicable=applicable,
        refused=[row for row in rows if row.refused], back=back, form=form)


def apply(action: Action, chosen: list[tuple[Kind, int]], back: str):
    """Apply ``action`` to each item it still applies to, in one change."""
    done: list[Chosen] = []
    refused: list[str] = []
    with Change() as change:
        now = utcnow()
        for kind, item_id in chosen:
            item = change.load(kind, item_id)
            row = Chosen(kind, item_id, item, refusal(action.name, item, now))
            if row.refused:
                refused.append(_("Not changed: “%(title)s”. %(reason)s",
                                 title=row.title or row.key, reason=row.reason))
                continue
            if action.name == "purge":
                change.purge(kind, item)
            else:
                getattr(change, action.name)(kind, item)
                change.record(kind, item, "delete" if action.name == "trash" else action.name)
            done.append(row)
    if done:
        flash(action.done(len(done)), "success")
    for message in refused:
        flash(message, "error")
    return redirect(back)
