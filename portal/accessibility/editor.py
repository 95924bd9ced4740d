"""Administrators edit the accessibility statement at /staff/accessibility, in one form.

The facts (dates, status, contact) are the same in every language; the texts are one section per
language, Polish required. A save goes through the write service: a revision of the statement,
``statement_update`` in the audit log, one commit. A form opened before someone else's save is
refused with what they changed, keeping what was typed. The dashboard reminds administrators of
the yearly review (``review_reminder``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import i18n
from ..editor import history
from ..editor.item import labels
from ..html import clean_html
from ..kinds import kind_named
from ..revisions import Revision
from ..service import Change
from ..staff.models import Role
from .forms import ASSESSMENT_LABELS, COMPLIANCE_LABELS, centre_today, statement_form
from .models import AccessibilityStatement, ReviewStatus, review_status


class _Loaded:
    """The statement as the form reads it: the facts, and each language's row by its code."""

    def __init__(self, statement: AccessibilityStatement, revision: int) -> None:
        self._statement = statement
        self.revision = revision

    def __getattr__(self, name: str) -> Any:
        statement = self.__dict__["_statement"]
        if name in statement.translations:
            return statement.translations[name]
        return getattr(statement, name)


def _form_class() -> type:
    return statement_form(i18n.enabled())


def form_factory(**kwargs: Any) -> Any:
    """The form as the session-ended page rebuilds it from what was typed."""
    return _form_class()(**kwargs)


def statement_page():
    kind = kind_named("statement")
    form = _form_class()()
    if not form.is_submitted():
        statement = AccessibilityStatement.current()
        loaded = Revision.latest_number(kind.name, statement.id) if statement else 0
        form = _form_class()(obj=_Loaded(statement, loaded) if statement else None,
                             revision=str(loaded))
        return _render(form, statement)
    with Change() as change:
        statement = AccessibilityStatement.current()
        conflict = None
        if statement is not None:  # the same field-by-field merge as the content editor's
            history.take_theirs(kind, statement, form, request.form.getlist("take-theirs"))
            conflict = history.conflict(kind, statement, form)
        if not form.validate() or conflict:
            change.abandon()
            return _render(form, statement, conflict)
        created = statement is None
        if created:
            statement = change.create(kind)
        changed = apply(form, statement, change)
        change.record(kind, statement, "create" if created else "save",
                      audit_as="statement_update",
                      details={"changed": changed, "created": created})
    flash(_("The accessibility statement has been saved."), "success")
    return redirect(url_for("staff.accessibility_statement"))


def _render(form: Any, statement: AccessibilityStatement | None, conflict: Any = None):
    return render_template(
        "staff/accessibility.html",
        heading=_("Accessibility statement"),
        form=form,
        statement=statement,
        conflict=conflict,
        labels=labels(kind_named("statement")),
        html_fields=kind_named("statement").html_fields,
        compliance_labels=COMPLIANCE_LABELS,
        assessment_labels=ASSESSMENT_LABELS,
        review=review_reminder(statement, centre_today()),
    )


def apply(form: Any, statement: AccessibilityStatement, change: Change) -> list[str]:
    """Copy the form onto the statement; return the names of what changed ("pl:body_name")."""
    kind = kind_named("statement")
    changed = change.set_fields(kind, statement,
                                {name: form[name].data for name in kind.neutral_fields})
    for section in form.sections():
        lang = section.lang
        if not section.is_source and not section.has_content():
            if change.drop_language(kind, statement, lang):
                changed.append(f"{lang}:*")
            continue
        values = {name: section[name].data or "" for name in kind.field_names}
        row = statement.translations.get(lang)
        cleaned = {name: clean_html(value) if name in kind.html_fields else value
                   for name, value in values.items()}
        changed += [f"{lang}:{name}" for name in kind.field_names
                    if row is None or getattr(row, name) != cleaned[name]]
        change.write_texts(kind, statement, lang, values)
    return changed


def review_reminder(statement: AccessibilityStatement | None, today: date) -> ReviewStatus | None:
    """The yearly review's state if an administrator should be reminded of it at ``today``."""
    review = statement.review(today) if statement else review_status(None, today)
    return review if review.due else None


def dashboard_reminder(today: date | None = None) -> ReviewStatus | None:
    """What the dashboard tells the person looking: administrators only."""
    if not current_user.is_authenticated or not current_user.has_role(Role.ADMIN.value):
        return None
    return review_reminder(AccessibilityStatement.current(), today or centre_today())
