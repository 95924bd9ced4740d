"""What every form shares: surrounding whitespace stripped from every text field."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import FieldList, FormField


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def bind_stripped(form, unbound_field, options):
    """Bind a field with whitespace stripping (fields holding sub-forms strip inside them)."""
    filters = list(unbound_field.kwargs.get("filters", []))
    if not issubclass(unbound_field.field_class, FormField | FieldList):
        filters.append(_strip)
        options = {**options, "filters": filters}
    return unbound_field.bind(form=form, **options)


class BaseForm(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            return bind_stripped(form, unbound_field, options)
