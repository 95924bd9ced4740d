"""Previews: an item exactly as readers will see it, saved or not yet saved."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import abort, g, render_template, url_for
from flask_babel import gettext as _

from .. import i18n
from ..extensions import db
from ..kinds import Kind
from ..service import Change
from .item import apply, finish_slugs, load
from .page import render
from .states import PUBLICATION_LABELS, status_of


@dataclass
class Back:
    """Where a preview leads back to: the item's editor, or a new item's."""

    kind: Kind
    new: bool = False

    def endpoint(self, view: str) -> str:
        return self.kind.endpoint("new" if self.new else view)


def show(kind: Kind, item_id: int, lang: str):
    """The item exactly as readers will see it in ``lang``, whatever its state."""
    item = load(kind, item_id)
    g.alternates = [
        i18n.Alternate(code, url_for(kind.endpoint("preview"), item_id=item.id, lang=code),
                       translated=code in item.translations)
        for code in i18n.enabled()
    ]
    return public_page(kind, item, lang, Back(kind))


def public_page(kind: Kind, item: Any, lang: str, back: Back, unsaved: bool = False,
                draft: bool = False) -> str:
    i18n.use_language(lang)
    status = str(PUBLICATION_LABELS[status_of(item)])
    if unsaved:
        status = _("%(status)s, with changes that are not saved", status=status)
    elif draft:
        # TRANSLATORS: a preview's state: the item's working draft, which readers do not see.
        status = _("%(status)s: the working draft, not published yet", status=status)
    loc = item.localized(lang)
    return render_template(
        kind.public_template,
        item=item,
        loc=loc,
        heading=loc.text.title,
        heading_lang=loc.lang,
        preview=back,
        preview_status=status,
    )


def unsaved(kind: Kind, item: Any, form: Any, new: bool, source: bool, lang: str,
            translating: str | None, change: Change):
    """The form's text through the public template, saving nothing (the "Preview" button).

    The form is applied to the item through ``change`` as a save would be, flushed so that
    everything the page shows is read back as it would be, and rendered; ``change`` is
    abandoned, so it all rolls back.
    """
    if lang not in form.languages:
        abort(400)
    change.abandon()
    valid = form.validate_on_submit()
    slugs = finish_slugs(kind, form, item)
    if not valid or slugs is None:
        return render(kind, item, form, new, translating=translating)
    g.alternates = []  # the other languages' unsaved text is not on offer here
    # A new item stays out of the session (it has no address yet); an existing one is flushed
    # and read back as the page will be read once saved.
    apply(kind, form, item, source, slugs, change)
    if not new:
        db.session.flush()
        db.session.expire(item)
    return public_page(kind, item, lang, Back(kind, new), unsaved=True)
