"""What happens to a staff form sent with a stale or missing CSRF token.

A token goes stale when a page stays open longer than its time limit, or when the session behind
it ended (logout, password change, deactivation, a server restart with a new key). The work typed
into the form must not be lost, and nothing may be saved:

* a view marked ``@keeps_typed_text()`` runs again with ``g.csrf_failed`` set: every ``BaseForm``
  then refuses to validate and says why, so the view shows its form again with everything typed
  (never a password) and a fresh token, ready to be sent again;
* if the staff member is no longer logged in, or the view is not marked, a page shows what was
  typed, ready to copy, and asks them to log in again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from flask import current_app, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import BadRequest, HTTPException

from .. import errors, i18n
from ..html import clean_html
from . import bp, staff_language

# Fields never shown back: secrets, and the tokens that failed.
SECRET_FIELD = re.compile(r"password|passwd|secret|token|confirm", re.IGNORECASE)


def keeps_typed_text(anonymous: bool = False, form: Callable[[], Any] | None = None) -> Callable:
    """Mark a form view as safe to run again after a failed CSRF check (see the module doc).

    Only mark views whose every change sits behind ``form.validate_on_submit()`` of a
    ``BaseForm``. ``anonymous``: the view works without a login (the login page itself).
    ``form``: the view's form class (or any callable taking ``meta=`` that returns a form), so
    the fallback page can label the typed values.
    """

    def mark(view: Callable) -> Callable:
        view.keeps_typed_text = {"anonymous": anonymous, "form": form}
        return view

    return mark


def _leaves(fields: Any, prefix: str = "") -> list[tuple[Any, str]]:
    """Every field a person types into, with its label as they read it ("Polski: Tytuł"),
    inside the sections (FormField) and lists (FieldList) of a form."""
    found = []
    for field in fields:
        label = f"{prefix}{field.label.text}" if field.label else prefix
        if field.type == "FormField":
            found += _leaves(field.form, f"{label}: ")
        elif field.type == "FieldList":
            for number, entry in enumerate(field.entries, start=1):
                found += _leaves([entry], f"{label} {number}: " if entry.type != "FormField"
                                 else f"{prefix}{field.label.text} {number}: ")
        else:
            found.append((field, label))
    return found


def typed_values(form_factory: Callable[[], Any] | None) -> list[dict[str, Any]]:
    """The non-secret values of the request's form, labelled as the form labels them.

    Rich text (a body) is shown as it reads, cleaned as it would be stored, not as markup.
    """
    labels: dict[str, str] = {}
    html: set[str] = set()
    choices: dict[str, dict[str, str]] = {}  # a choice is shown as its label, not its code
    if form_factory is not None:
        form = form_factory(formdata=request.form, meta={"csrf": False})
        for field, label in _leaves(form):
            if field.type not in ("PasswordField", "HiddenField", "CSRFTokenField", "FileField",
                                  "MultipleFileField", "SubmitField"):
                labels[field.name] = label
            if "data-rich-text" in (field.render_kw or {}):
                html.add(field.name)
            if hasattr(field, "iter_choices"):
                try:
                    choices[field.name] = {str(c[0]): str(c[1]) for c in field.iter_choices()}
                except TypeError:  # choices set by the view, not the form
                    pass
    values = []
    for name in request.form:
        if SECRET_FIELD.search(name) or (labels and name not in labels):
            continue
        shown = [choices.get(name, {}).get(v, v) for v in request.form.getlist(name) if v.strip()]
        if shown:
            value = ", ".join(shown)
            long = len(value) > 80 or "\n" in value
            values.append({"label": labels.get(name, name), "value": value, "long": long,
                           "html": clean_html(value) if name in html else None})
    return values


def resend_values() -> list[tuple[str, str]]:
    """What the form sent, but its secrets and tokens: to send it again after logging in."""
    return [(name, value) for name in request.form if not SECRET_FIELD.search(name)
            for value in request.form.getlist(name)]


@bp.app_errorhandler(CSRFError)
def csrf_failed(error: CSRFError):
    if request.blueprint != "staff":
        return errors.render_error(BadRequest())
    # The CSRF check runs before the staff blueprint picks the interface language.
    staff_language()
    i18n.use_language(g.lang)
    view = current_app.view_functions.get(request.endpoint or "")
    mark = getattr(view, "keeps_typed_text", None)
    logged_in = current_user.is_authenticated
    if mark and (logged_in or mark["anonymous"]):
        g.csrf_failed = True
        try:
            return view(**(request.view_args or {}))
        except HTTPException as refused:  # e.g. the role check: its own page, not a crash
            return errors.render_error(refused)
    heading = _("Please log in again") if not logged_in else _("The page was open for too long")
    return (
        render_template(
            "staff/session_ended.html",
            heading=heading,
            logged_in=logged_in,
            typed=typed_values(mark["form"] if mark else None),
            resend=resend_values() if mark else [],
            login_url=url_for("staff.login", next=request.path),
        ),
        400,
    )
