"""What every form shares: surrounding whitespace stripped from every text field, and a form
that comes back with everything typed when its CSRF check failed (see ``staff.expired``)."""

from __future__ import annotations

from typing import Any

from flask import g, has_request_context
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FieldList, FormField, PasswordField


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def bind_stripped(form, unbound_field, options):
    """Bind a field with whitespace stripping (fields holding sub-forms strip inside them)."""
    filters = list(unbound_field.kwargs.get("filters", []))
    # Fields holding sub-forms strip inside them; a password may mean its spaces.
    if not issubclass(unbound_field.field_class, FormField | FieldList | PasswordField):
        filters.append(_strip)
        options = {**options, "filters": filters}
    return unbound_field.bind(form=form, **options)


class BaseForm(FlaskForm):
    #: Shown above the form when it was sent with an expired or missing CSRF token.
    csrf_failed_message = _l(
        "Your changes have not been saved yet: the page was open for too long or your session "
        "changed. Everything you typed is kept below. Check it and send the form again."
    )

    class Meta:
        def bind_field(self, form, unbound_field, options):
            return bind_stripped(form, unbound_field, options)

    @property
    def refused(self) -> bool:
        """Sent with a failed CSRF check: shown again with what was typed, nothing checked.

        A form's own ``validate`` returns at once then: its fields were not validated, so
        their ``errors`` are not lists yet and take no message."""
        return has_request_context() and bool(g.get("csrf_failed"))

    def validate(self, extra_validators=None) -> bool:
        # The request failed its CSRF check and the view runs again only to show the form with
        # what was typed: nothing may validate, so nothing is saved.
        if self.refused:
            self.form_errors.append(str(self.csrf_failed_message))
            return False
        return super().validate(extra_validators=extra_validators)


def as_int(value: Any) -> int | None:
    """A hidden field's number as sent (``"12"``), or None for anything else (empty, forged)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
