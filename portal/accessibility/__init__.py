"""The accessibility statement (deklaracja dostępności) the law requires of a public body.

``init_app`` registers the statement as a kind (its facts once, its texts per language, edited
by administrators in a form of its own), its readers' page ``/<lang>/deklaracja-dostepnosci``
and its staff page ``/staff/accessibility``.
"""

from flask import Flask
from flask_babel import lazy_gettext as _l

from .. import kinds, public, staff
from ..security import require_role
from ..staff.expired import keeps_typed_text
from ..staff.models import Role
from . import editor, views
from .forms import StatementFacts, StatementText
from .models import AccessibilityStatement

KIND = kinds.Kind(
    name="statement",
    model=AccessibilityStatement,
    section=StatementText,
    neutral=StatementFacts,
    label=_l("Accessibility statement"),
    plural_label=_l("Accessibility statement"),
    order=5,
    in_translation_status=False,
)


def init_app(app: Flask) -> None:
    kinds.register(app, KIND)
    public.add_page(app, views.PATH, views.accessibility_statement)
    page = keeps_typed_text(form=editor.form_factory)(
        require_role(Role.ADMIN.value)(editor.statement_page))
    staff.add_page(app, "/accessibility", page, "accessibility_statement", ["GET", "POST"])
