"""Steps that take an item away from readers, or bring back an old text, ask first.

Unpublishing, moving to the trash and restoring a revision each show a page saying what will
happen, with "yes" and "no". It works without JavaScript: "yes" sends the form again, as it was
filled in, with the step confirmed.
"""

from __future__ import annotations

from typing import Any

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import generate_csrf

from ..content import SOURCE_LANGUAGE
from ..kinds import Kind

# The editor's actions that ask first.
ASKED = ("unpublish", "delete")
_SKIPPED = ("FileField", "MultipleFileField", "CSRFTokenField")


def confirmed(action: str) -> bool:
    return request.form.get("confirmed") == action


def form_values(fields: Any) -> list[tuple[str, str]]:
    """Every value the form holds now, as hidden fields would send it (files left out: they
    were uploaded with the request that asked, and the form holds them by their keys)."""
    found: list[tuple[str, str]] = []
    for field in fields:
        if field.type == "FormField":
            found += form_values(field.form)
        elif field.type == "FieldList":
            found += form_values(field.entries)
        elif field.type == "BooleanField":
            if field.data:
                found.append((field.name, "y"))
        elif field.type not in _SKIPPED:
            found.append((field.name, field._value() if hasattr(field, "_value") else ""))
    return found


def ask(kind: Kind, item: Any, form: Any, action: str, back_url: str):
    """The page that asks before ``action`` (unpublish, delete) is applied to ``item``."""
    title = item.translations[SOURCE_LANGUAGE].title
    texts = {
        "unpublish": (_("Unpublish “%(title)s”?", title=title),
                      _("Readers will no longer see it, in any language, until it is published "
                        "again. Your changes in the form are saved with it."),
                      _("Yes, unpublish it")),
        "delete": (_("Move “%(title)s” to the trash?", title=title),
                   _("Readers will no longer see it. It stays in the trash, from where it can "
                     "be restored."),
                   _("Yes, move it to the trash")),
    }
    heading, consequence, yes = texts[action]
    hidden = [("csrf_token", request.form.get("csrf_token", "")), ("action", action),
              ("confirmed", action),
              *[(name, value) for name, value in form_values(form) if name != "csrf_token"]]
    return render_template("staff/content/confirm.html", heading=heading, title=title,
                           consequence=consequence, yes=yes, danger=True, hidden=hidden,
                           action_url=request.path, back_url=back_url, changes=None, labels={})


def ask_revert(kind: Kind, item: Any, revision: Any, changes: list, labels: dict[str, str]):
    """The page that asks before a revision's texts are brought back, showing what changes."""
    title = item.translations[SOURCE_LANGUAGE].title
    return render_template(
        "staff/content/confirm.html",
        heading=_("Restore revision %(number)s?", number=revision.number),
        title=title,
        consequence=_("The texts and fields of revision %(number)s replace the ones there are "
                      "now, in every language; readers see them at once if the item is "
                      "published. The present ones stay in the history.",
                      number=revision.number),
        yes=_("Yes, restore revision %(number)s", number=revision.number), danger=False,
        hidden=[("csrf_token", generate_csrf())], action_url=request.path,
        back_url=url_for(kind.endpoint("history"), item_id=item.id), changes=changes,
        labels=labels)
