"""Steps that take an item away from readers, change what they see, or bring back an old text,
ask first.

Publishing the changes of a live item, publishing without a review, unpublishing, moving to the
trash, restoring a revision and discarding a draft each show a page saying what will happen,
with "yes" and "no". It works without JavaScript: "yes" sends the form again, as it was filled
in, with the step confirmed (and, for a publication without a review, the reason typed there).
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
            if hasattr(field, "_value"):
                value = field._value()
            else:  # a choice (the award's article): its value as the browser sends it
                value = "" if field.data is None else str(field.data)
            found.append((field.name, value))
    return found


def ask(kind: Kind, item: Any, form: Any, action: str, back_url: str, *,
        title: str | None = None, changes: list | None = None, labels: dict | None = None,
        reason: bool = False, approval: bool = False, reason_error: str | None = None):
    """The page that asks before ``action`` is applied to ``item``: unpublish, delete, or the
    publication of a live item's changes (``changes``: what readers will see change), or a
    publication without a review (``reason``: a reason is asked for)."""
    title = title or item.translations[SOURCE_LANGUAGE].title
    if reason:
        publish_text = (
            _("Publish “%(title)s” without a review?", title=title),
            _("Nobody has reviewed it. Readers see it at once, and it is marked “Not reviewed” "
              "on the dashboard until someone else reviews it. Say why it cannot wait."),
            _("Yes, publish it without a review"))
    elif approval:
        publish_text = (
            _("Approve and publish “%(title)s”?", title=title),
            _("Readers see the text below at once, in every language."),
            _("Yes, approve and publish it"))
    else:
        publish_text = (
            _("Publish the changes to “%(title)s”?", title=title),
            _("Readers see the changes below at once, in every language. The version they see "
              "now stays in the history."),
            _("Yes, publish the changes"))
    texts = {
        "publish": publish_text,
        "schedule": (publish_text[0], _("The item is published at the date and time in the "
                                        "form; until then readers do not see it."),
                     publish_text[2]),
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
    if request.form.get("confirm") == action:  # "publish anyway" after the warnings
        hidden.append(("confirm", action))
    return render_template("staff/content/confirm.html", heading=heading, title=title,
                           consequence=consequence, yes=yes,
                           danger=action in ("unpublish", "delete"), hidden=hidden,
                           action_url=request.path, back_url=back_url, changes=changes,
                           labels=labels or {}, reason=reason, reason_error=reason_error,
                           reason_value=request.form.get("reason", ""))


def ask_revert(kind: Kind, item: Any, revision: Any, changes: list, labels: dict[str, str],
               into_draft: bool = False):
    """The page that asks before a revision's texts are brought back, showing what changes."""
    title = item.translations[SOURCE_LANGUAGE].title
    return render_template(
        "staff/content/confirm.html",
        heading=_("Restore revision %(number)s?", number=revision.number),
        title=title,
        consequence=(_("The texts and fields of revision %(number)s go into the item's working "
                       "draft, in every language. Readers keep seeing the published version "
                       "until the draft's changes are published.", number=revision.number)
                     if into_draft else
                     _("The texts and fields of revision %(number)s replace the ones there are "
                       "now, in every language. The present ones stay in the history.",
                       number=revision.number)),
        yes=_("Yes, restore revision %(number)s", number=revision.number), danger=False,
        hidden=[("csrf_token", generate_csrf())], action_url=request.path,
        back_url=url_for(kind.endpoint("history"), item_id=item.id), changes=changes,
        labels=labels)


def ask_discard(kind: Kind, item: Any):
    """The page that asks before a live item's working draft is thrown away."""
    title = item.translations[SOURCE_LANGUAGE].title
    return render_template(
        "staff/content/confirm.html",
        heading=_("Discard the draft of “%(title)s”?", title=title), title=title,
        consequence=_("The changes in the draft are lost. Readers keep seeing the published "
                      "version, which stays as it is."),
        yes=_("Yes, discard the draft"), danger=True, hidden=[("csrf_token", generate_csrf())],
        action_url=request.path, back_url=url_for(kind.endpoint("edit"), item_id=item.id),
        changes=None, labels={})


def nothing(title: str, message: str, back_url: str):
    """A confirmation page with nothing left to confirm (the draft is gone already)."""
    return render_template("staff/content/confirm.html", heading=message, title=title,
                           consequence="", yes=None, danger=False, hidden=[],
                           action_url=None, back_url=back_url, changes=None, labels={})
