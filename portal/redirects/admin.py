"""Administrators' pages: the list of redirects, adding one, deleting any (after confirming).

Every change is written to the audit log in its own commit. Redirects are not content: they
are written here directly, as staff accounts are, not through the content write service.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import audit
from ..extensions import db
from ..kinds import Kind
from ..staff.listing import Column, Listing
from .forms import DeleteForm, RedirectForm
from .models import Redirect

PER_PAGE = 50


@dataclass
class Row:
    """A redirect as the list shows it: where it comes from and where it leads now."""

    redirect: Redirect
    kind: Kind | None = None
    item: Any = None
    title: str = ""
    title_lang: str = ""
    target: str | None = None  # None: readers get "page not found" there now

    @property
    def automatic(self) -> bool:
        return self.redirect.automatic


def describe(redirects: list[Redirect]) -> list[Row]:
    """Rows for ``redirects``, each kind's items loaded in one query."""
    wanted: dict[Kind, set[int]] = {}
    for row in redirects:
        if row.item_kind is not None:
            wanted.setdefault(row.item_kind, set()).add(row.item_id)
    items = {
        (kind.name, item.id): item
        for kind, ids in wanted.items()
        for item in db.session.scalars(sa.select(kind.model).where(kind.model.id.in_(ids)))
    }
    rows = []
    for found in redirects:
        row = Row(found, found.item_kind)
        if row.kind is not None:
            row.item = items.get((row.kind.name, found.item_id))
            if row.item is not None:
                text = row.item.localized(found.lang).text
                row.title, row.title_lang = text.title, text.locale
        row.target = found.target_url()
        rows.append(row)
    return rows


# The list's sortable columns: newest first, or by the old address.
COLUMNS = (
    Column("made", (Redirect.created_at, Redirect.id), newest_first=True),
    Column("old", (Redirect.old_path,)),
)


def redirect_list():
    listing = Listing("staff.redirects", COLUMNS, default="made", per_page=PER_PAGE)
    query = listing.search(sa.select(Redirect), Redirect.old_path, Redirect.target_path)
    pagination = listing.paginate(listing.order(query))
    return render_template("staff/redirects/list.html", heading=_("Redirects"),
                           pagination=pagination, listing=listing,
                           rows=describe(pagination.items))


def redirect_new():
    form = RedirectForm()
    if form.validate_on_submit():
        row = Redirect(old_path=form.old_key, target_path=form.target_path.data,
                       user=current_user._get_current_object())
        db.session.add(row)
        db.session.flush()
        audit.record("redirect_add", row, old_path=row.old_path, to=row.target_path)
        db.session.commit()
        flash(_("The redirect has been added. Readers who open %(path)s now go to %(target)s.",
                path=row.old_path, target=row.target_path), "success")
        return redirect(url_for("staff.redirects"))
    return render_template("staff/redirects/new.html", heading=_("Add a redirect"), form=form)


def redirect_delete(redirect_id: int):
    row = db.get_or_404(Redirect, redirect_id)
    form = DeleteForm()
    if form.validate_on_submit():
        details = {"old_path": row.old_path}
        if row.automatic:
            details.update(kind=row.kind, item=row.item_id, lang=row.lang)
        else:
            details["to"] = row.target_path
        audit.record("redirect_delete", row, **details)
        db.session.delete(row)
        db.session.commit()
        flash(_("The redirect from %(path)s has been deleted.", path=details["old_path"]),
              "success")
        return redirect(url_for("staff.redirects"))
    return render_template("staff/redirects/delete.html", heading=_("Delete a redirect"),
                           form=form, row=describe([row])[0])
