"""Administrators edit the accessibility statement at /staff/accessibility, in one form.

The facts (dates, status, contact) are the same in every language; the texts are one section per
language, Polish required. Saving records ``statement_update`` in the audit log, in the same
commit as the change. The dashboard reminds administrators of the yearly review
(``review_reminder``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import i18n
from ..content import utcnow
from ..extensions import db
from ..security import require_role
from ..staff import audit, bp
from ..staff.editing import clean_html, start_write
from ..staff.expired import keeps_typed_text
from ..staff.models import Role
from .forms import (
    ASSESSMENT_LABELS,
    COMPLIANCE_LABELS,
    StatementText,
    centre_today,
    statement_form,
)
from .models import (
    AccessibilityStatement,
    AccessibilityStatementTranslation,
    ReviewStatus,
    review_status,
)

FACTS = (
    "site_url",
    "published_on",
    "updated_on",
    "status",
    "prepared_on",
    "reviewed_on",
    "assessment",
    "auditor",
    "contact_person",
    "contact_email",
    "contact_phone",
)
TEXTS = tuple(
    name for name in StatementText.__dict__ if hasattr(StatementText.__dict__[name], "field_class")
)
HTML_TEXTS = tuple(name for name in TEXTS if name not in ("body_name", "site_name"))


class _Loaded:
    """The statement as the form reads it: the facts, and each language's row by its code."""

    def __init__(self, statement: AccessibilityStatement) -> None:
        self._statement = statement

    def __getattr__(self, name: str) -> Any:
        if name in self._statement.translations:
            return self._statement.translations[name]
        return getattr(self._statement, name)


def _form_class() -> type:
    return statement_form(i18n.enabled())


def _form_factory(**kwargs: Any) -> Any:
    return _form_class()(**kwargs)


@bp.route("/accessibility", methods=["GET", "POST"])
@keeps_typed_text(form=_form_factory)
@require_role(Role.ADMIN.value)
def accessibility_statement():
    statement = AccessibilityStatement.current()
    form = _form_class()(obj=_Loaded(statement) if statement else None)
    if form.validate_on_submit():
        start_write()
        statement = AccessibilityStatement.current()
        created = statement is None
        if created:
            statement = AccessibilityStatement()
            db.session.add(statement)
        changed = apply(form, statement)
        db.session.flush()
        audit.record("statement_update", target=statement, changed=changed, created=created)
        db.session.commit()
        flash(_("The accessibility statement has been saved."), "success")
        return redirect(url_for("staff.accessibility_statement"))
    return render_template(
        "staff/accessibility.html",
        heading=_("Accessibility statement"),
        form=form,
        statement=statement,
        compliance_labels=COMPLIANCE_LABELS,
        assessment_labels=ASSESSMENT_LABELS,
        review=review_reminder(statement, centre_today()),
    )


def apply(form: Any, statement: AccessibilityStatement) -> list[str]:
    """Copy the form onto the statement; return the names of what changed ("pl:body_name")."""
    changed = [name for name in FACTS if getattr(statement, name, None) != form[name].data]
    for name in FACTS:
        setattr(statement, name, form[name].data)
    if statement.version is None:
        statement.version = 1
    for section in form.sections():
        lang = section.lang
        row = statement.translations.get(lang)
        if not section.is_source and not section.has_content():
            if row is not None:
                del statement.translations[lang]
                changed.append(f"{lang}:*")
            continue
        values = {name: section[name].data or "" for name in TEXTS}
        for name in HTML_TEXTS:
            values[name] = clean_html(values[name])
        differs = [n for n in TEXTS if row is None or getattr(row, n) != values[n]]
        changed += [f"{lang}:{name}" for name in differs]
        if row is None:
            row = AccessibilityStatementTranslation(locale=lang)
            statement.translations[lang] = row
        for name, value in values.items():
            setattr(row, name, value)
        if section.is_source:
            if differs and statement.id is not None:
                statement.version += 1
            row.source_version = statement.version
        elif differs:
            row.source_version = statement.version
    statement.updated_at = utcnow()
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
