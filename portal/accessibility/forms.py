"""The accessibility statement's form: the facts once, the texts once per language.

Only administrators edit the statement: it is a legal declaration of the centre, and its facts
(dates, status, contact) are not a translator's to change. The Polish texts are required; another
language is all-or-nothing, like a translation in the content editor.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, ClassVar
from urllib.parse import urlsplit

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import Form, FormField, HiddenField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, Length, Optional
from wtforms.widgets import TextInput

from ..content import SOURCE_LANGUAGE
from ..editor.forms import CheckedDateField, _Stripped, centre_today, rich_text
from ..forms import BaseForm
from ..i18n import language_label
from .models import Assessment, Compliance

PHONE = re.compile(r"^\+?[0-9][0-9 ()-]{5,30}$")

COMPLIANCE_LABELS = {
    Compliance.FULL: _l("Fully compliant"),
    Compliance.PARTIAL: _l("Partially compliant"),
    Compliance.NONE: _l("Not compliant"),
}
ASSESSMENT_LABELS = {
    Assessment.SELF: _l("Self-assessment by the centre"),
    Assessment.EXTERNAL: _l("Assessment by an external body"),
}


class IsoDateField(CheckedDateField):
    """A date typed as YYYY-MM-DD; left empty it is ``None`` (the form says if it is needed)."""

    def process_formdata(self, valuelist):
        typed = " ".join(valuelist).strip() if valuelist else ""
        if not typed:
            self.data = None
            return
        super().process_formdata([typed])


def iso_date_field(label: Any, invalid: Any, **kwargs: Any) -> IsoDateField:
    """A date typed as YYYY-MM-DD, the way the statement shows it."""
    return IsoDateField(
        label,
        format="%Y-%m-%d",
        widget=TextInput(),
        invalid_message=invalid,
        description=_l("Like 2026-03-20 (year, month, day)."),
        render_kw={"autocomplete": "off", "spellcheck": "false"},
        **kwargs,
    )


class StatementText(Form):
    """What a reader reads in one language."""

    Meta = _Stripped
    lang: ClassVar[str] = SOURCE_LANGUAGE
    required: ClassVar[dict[str, Any]] = {
        "body_name": _l("Enter the name of the public body."),
        "site_name": _l("Enter the name of the website."),
    }

    body_name = StringField(_l("Name of the public body"), validators=[Length(max=300)])
    site_name = StringField(
        _l("Name of the website"),
        validators=[Length(max=300)],
        description=_l("The text of the link to the website at the start of the statement."),
    )
    noncompliance = rich_text(
        _l("Content that is not accessible, and why"),
        description=_l("Leave it empty if everything is accessible."),
    )
    exemptions = rich_text(_l("Content exempt from the accessibility requirements"))
    shortcuts = rich_text(
        _l("Keyboard shortcuts"),
        description=_l("Leave it empty if the website has no keyboard shortcuts of its own."),
    )
    address = rich_text(_l("Address of the centre"))
    architecture = rich_text(_l("Architectural accessibility"))
    sign_language = rich_text(_l("Sign language interpreter"))
    mobile_apps = rich_text(_l("Mobile applications"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.is_source:
            for name in self.required:
                self[name].flags.required = True

    @property
    def is_source(self) -> bool:
        return self.lang == SOURCE_LANGUAGE

    def has_content(self) -> bool:
        return any(f.data for f in self)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.is_source and not self.has_content():
            return valid
        for name, message in self.required.items():
            if self[name].data or self[name].errors:
                continue
            if self.is_source:
                self[name].errors.append(str(message))
            else:
                self[name].errors.append(
                    _(
                        "%(language)s: enter the name of the public body and of the website, "
                        "or leave every field of this language empty.",
                        language=language_label(self.lang),
                    )
                )
            valid = False
        return valid


class StatementFacts:
    """What is the same in every language."""

    site_url = StringField(
        _l("Address of the website"),
        validators=[Length(max=300)],
        description=_l(
            "Like https://mops.example.pl. Leave it empty to use the address the reader used."
        ),
        render_kw={"autocomplete": "url", "spellcheck": "false"},
    )
    published_on = iso_date_field(
        _l("Date the website was published"),
        _l("Enter the date the website was published as a real date, like 2022-01-03."),
    )
    updated_on = iso_date_field(
        _l("Date of the website's last major update"),
        _l("Enter the date of the last major update as a real date, like 2026-11-25."),
    )
    status = RadioField(
        _l("Compliance status"),
        choices=[SelectChoice(code, label) for code, label in COMPLIANCE_LABELS.items()],
        validate_choice=False,
    )
    prepared_on = iso_date_field(
        _l("Date the statement was prepared"),
        _l("Enter the date the statement was prepared as a real date, like 2022-03-28."),
    )
    reviewed_on = iso_date_field(
        _l("Date of the last review of the statement"),
        _l("Enter the date of the last review as a real date, like 2026-03-20."),
        validators=[Optional()],
    )
    assessment = RadioField(
        _l("How the accessibility was assessed"),
        choices=[SelectChoice(code, label) for code, label in ASSESSMENT_LABELS.items()],
        validate_choice=False,
    )
    auditor = StringField(
        _l("Name of the external body"),
        validators=[Length(max=300)],
        description=_l("Only for an assessment by an external body."),
    )
    contact_person = StringField(
        _l("Contact person"), validators=[Length(max=200)], render_kw={"autocomplete": "off"}
    )
    contact_email = StringField(
        _l("Contact email address"),
        validators=[
            Optional(),
            Length(max=200),
            Email(message=_l("Enter the email address like dostepnosc@mops.example.pl.")),
        ],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )
    contact_phone = StringField(
        _l("Contact phone number"),
        validators=[Length(max=50)],
        description=_l("Like 14 000 00 05 or +48 14 000 00 05."),
        render_kw={"autocomplete": "off", "inputmode": "tel"},
    )


class StatementForm(BaseForm):
    # The statement's revision the form was opened at (to notice someone else's save).
    revision = HiddenField()
    languages: ClassVar[tuple[str, ...]] = ()
    DATE_FIELDS: ClassVar[tuple[str, ...]] = (
        "published_on",
        "updated_on",
        "prepared_on",
        "reviewed_on",
    )

    def sections(self) -> list[StatementText]:
        return [self[lang].form for lang in self.languages]

    def validate(self, extra_validators=None, today: date | None = None) -> bool:
        valid = super().validate(extra_validators)
        if self.refused:
            return False
        today = today or centre_today()
        required_dates = {
            "published_on": _("Enter the date the website was published."),
            "updated_on": _("Enter the date of the website's last major update."),
            "prepared_on": _("Enter the date the statement was prepared."),
        }
        for name, message in required_dates.items():
            if self[name].data is None and not self[name].errors:
                self[name].errors.append(message)
                valid = False
        for name in self.DATE_FIELDS:
            if self[name].data is not None and self[name].data > today:
                self[name].errors.append(_("The date cannot be in the future."))
                valid = False
        if (
            self.published_on.data
            and self.updated_on.data
            and self.updated_on.data < self.published_on.data
            and not self.updated_on.errors
        ):
            self.updated_on.errors.append(
                _("The last major update cannot be earlier than the publication of the website.")
            )
            valid = False
        if (
            self.prepared_on.data
            and self.reviewed_on.data
            and self.reviewed_on.data < self.prepared_on.data
            and not self.reviewed_on.errors
        ):
            self.reviewed_on.errors.append(
                _("The review cannot be earlier than the preparation of the statement.")
            )
            valid = False
        if self.status.data not in Compliance.ALL:
            self.status.errors = [_("Choose the compliance status.")]
            valid = False
        if self.assessment.data not in Assessment.ALL:
            self.assessment.errors = [_("Choose how the accessibility was assessed.")]
            valid = False
        elif self.assessment.data == Assessment.EXTERNAL and not self.auditor.data:
            self.auditor.errors.append(_("Enter the name of the body that assessed the website."))
            valid = False
        if self.site_url.data and not _is_site_address(self.site_url.data):
            self.site_url.errors.append(
                _("Enter the address like https://mops.example.pl, or leave it empty.")
            )
            valid = False
        if self.contact_phone.data and not PHONE.match(self.contact_phone.data):
            self.contact_phone.errors.append(
                _("Enter the phone number with digits only, like 14 000 00 05.")
            )
            valid = False
        return valid


def _is_site_address(value: str) -> bool:
    """An http(s) address of a whole site: a host, no path, query or fragment."""
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return (
        parts.scheme in ("https", "http")
        and bool(parts.hostname)
        and parts.path in ("", "/")
        and not parts.query
        and not parts.fragment
        and "@" not in parts.netloc
    )


def statement_form(languages: tuple[str, ...]) -> type[StatementForm]:
    """The form class with one section per enabled language, Polish first."""
    ordered = (SOURCE_LANGUAGE, *[c for c in languages if c != SOURCE_LANGUAGE])
    attrs: dict[str, Any] = {"languages": ordered}
    for lang in ordered:
        attrs[lang] = FormField(
            type(f"StatementText_{lang}", (StatementText,), {"lang": lang}),
            label=language_label(lang),
            separator="-",
        )
    return type("StatementEditForm", (StatementForm, StatementFacts), attrs)
