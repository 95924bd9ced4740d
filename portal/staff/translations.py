"""Translators' pages: the status of content translations, content as PO files, the catalogs.

Admins, editors and translators may use them all. A translator may import a PO file too: the
import never writes Polish (the source language is refused), so it only ever touches
translations.

The import's report is rendered in answer to the POST itself rather than after a redirect: it
describes one file and exists nowhere else, and keeping it for a redirect would mean storing it.
Reloading the page asks the browser to send the file again, which a real import answers with
"unchanged" (or "edited after the export"), never a second change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from flask import render_template, request, send_file
from flask_babel import format_percent, to_user_timezone
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, SelectField
from wtforms.validators import ValidationError

from .. import catalogs, content_po
from ..content import SOURCE_LANGUAGE, utcnow
from ..forms import BaseForm
from ..i18n import language_label
from ..kinds import field_label, kind_named, translated
from ..security import require_role
from ..translation_status import ItemStates, Status, count, matrix, translatable_languages
from . import bp
from .models import Role

ROLES = (Role.ADMIN, Role.EDITOR, Role.PUBLISHER, Role.TRANSLATOR)
PER_PAGE = 50
MAX_PO_MB = 2
MAX_PO_BYTES = MAX_PO_MB * 1024 * 1024
STATUS_ICONS = {Status.MISSING: "✗", Status.OUTDATED: "!", Status.UP_TO_DATE: "✓"}


def percent(share: float) -> str:
    """A share rounded down, so that 99.6% never reads as done."""
    return format_percent(math.floor(share * 100) / 100)


def bar_step(share: float) -> int:
    """The width class of a bar, in steps of 5 (rounded down: only complete is full)."""
    return 100 if share >= 1 else int(share * 100) // 5 * 5


# --- Forms -------------------------------------------------------------------------------------


class MatrixFilterForm(BaseForm):
    """The matrix's filters: a GET form, so a filtered view is a link."""

    class Meta:
        csrf = False

    language = SelectField(_l("Language"), validate_choice=False)
    kind = SelectField(_l("Kind of content"), validate_choice=False)
    status = SelectField(_l("Status"), validate_choice=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language.choices = [("", _("All languages"))] + [
            (code, language_label(code)) for code in translatable_languages()
        ]
        self.kind.choices = [("", _("All kinds"))] + [
            (kind.name, str(kind.plural_label)) for kind in translated()
        ]
        self.status.choices = [("", _("Any status"))] + [
            (status.value, status.label) for status in Status
        ]
        # A hand-written address with an unknown value shows everything, not an error.
        for select in (self.language, self.kind, self.status):
            if select.data not in {value for value, _label in select.choices}:
                select.data = ""


class ExportForm(BaseForm):
    """What to download: a GET form (reading changes nothing, so it needs no CSRF token)."""

    class Meta:
        csrf = False

    language = SelectField(_l("Language to translate into"), validate_choice=False)
    missing = BooleanField(_l("Missing translations"), default=True)
    outdated = BooleanField(_l("Outdated translations (the Polish text has changed)"),
                            default=True)
    up_to_date = BooleanField(_l("Up-to-date translations (to review them)"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.language.choices = [(code, language_label(code)) for code in translatable_languages()]

    def statuses(self) -> set[Status]:
        return {status for status, wanted in ((Status.MISSING, self.missing.data),
                                              (Status.OUTDATED, self.outdated.data),
                                              (Status.UP_TO_DATE, self.up_to_date.data)) if wanted}

    def validate_language(self, field: SelectField) -> None:
        if field.data not in translatable_languages():
            raise ValidationError(_("Choose the language to translate into."))

    def validate_missing(self, field: BooleanField) -> None:
        if not self.statuses():
            raise ValidationError(_("Choose at least one kind of translation to download."))


class ImportForm(BaseForm):
    file = FileField(
        _l("PO file"),
        validators=[
            FileRequired(_l("Choose the PO file to upload.")),
            FileAllowed(["po"], _l("Choose a file whose name ends in .po.")),
        ],
        render_kw={"accept": ".po"},
    )
    dry_run = BooleanField(_l("Check only: show what would change, change nothing"))

    def validate_file(self, field: FileField) -> None:
        # The whole request is bounded by the front server (client_max_body_size); Werkzeug
        # keeps a large upload in a temporary file, not in memory, until it is measured here.
        field.data.seek(0, 2)
        size = field.data.tell()
        field.data.seek(0)
        if size > MAX_PO_BYTES:
            raise ValidationError(_("The file must be no larger than %(size)s MB.",
                                    size=MAX_PO_MB))


# --- The matrix --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slice:
    """One page of a list that is already in memory."""

    rows: list[ItemStates]
    page: int
    pages: int
    total: int

    @classmethod
    def of(cls, rows: list[ItemStates], page: int) -> Slice:
        pages = max(1, math.ceil(len(rows) / PER_PAGE))
        page = min(max(page, 1), pages)
        return cls(rows[(page - 1) * PER_PAGE:page * PER_PAGE], page, pages, len(rows))

    @property
    def first(self) -> int:
        return (self.page - 1) * PER_PAGE + 1 if self.total else 0

    @property
    def last(self) -> int:
        return (self.page - 1) * PER_PAGE + len(self.rows)


@bp.get("/translations/")
@require_role(*ROLES)
def translations():
    form = MatrixFilterForm(formdata=request.args)
    status_matrix = matrix()
    languages = (form.language.data,) if form.language.data else status_matrix.languages
    rows = status_matrix.rows
    if kind := kind_named(form.kind.data):
        rows = [row for row in rows if row.item.kind is kind]
    counts = count(rows, status_matrix.languages)
    if form.status.data:
        rows = [row for row in rows
                if any(row.states[lang] == form.status.data for lang in languages)]
    filters = {name: value for name, value in
               (("language", form.language.data), ("kind", form.kind.data),
                ("status", form.status.data)) if value}
    return render_template(
        "staff/translations/status.html",
        heading=_("Content translations"),
        form=form,
        languages=languages,
        all_languages=status_matrix.languages,
        counts=counts,
        kind=kind,
        page=Slice.of(rows, request.args.get("page", 1, type=int)),
        filters=filters,
        icons=STATUS_ICONS,
        Status=Status,
        language_label=language_label,
        percent=percent,
    )


# --- Content as PO files -----------------------------------------------------------------------


def _files_page(export_form: ExportForm, import_form: ImportForm, **context: Any):
    return render_template(
        "staff/translations/files.html",
        heading=_("Translate in a PO file"),
        export_form=export_form,
        import_form=import_form,
        max_mb=MAX_PO_MB,
        language_label=language_label,
        field_label=field_label,
        **context,
    )


@bp.get("/translations/files")
@require_role(*ROLES)
def translation_files():
    return _files_page(ExportForm(formdata=None), ImportForm(formdata=None))


@bp.get("/translations/export")
@require_role(*ROLES)
def translation_export():
    form = ExportForm(formdata=request.args)
    if not form.validate():
        return _files_page(form, ImportForm(formdata=None))
    now = utcnow()
    po = content_po.export(form.language.data, form.statuses(), now)
    name = f"content-{form.language.data}-{to_user_timezone(now).date().isoformat()}.po"
    return send_file(BytesIO(str(po).encode("utf-8")), as_attachment=True, download_name=name,
                     mimetype="text/x-gettext-translation; charset=utf-8")


@bp.post("/translations/import")
@require_role(*ROLES)
def translation_import():
    form = ImportForm()
    report = refused = None
    if form.validate_on_submit():
        try:
            report = content_po.import_po(form.file.data.read(), dry_run=form.dry_run.data,
                                          filename=form.file.data.filename)
        except content_po.ImportRefused as exc:
            refused = exc
    return _files_page(ExportForm(formdata=None), form, report=report, refused=refused)


# --- Catalogs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    done: int
    total: int

    @property
    def share(self) -> float:
        return self.done / self.total if self.total else 1.0

    @property
    def percent(self) -> str:
        return percent(self.share)

    @property
    def step(self) -> int:
        return bar_step(self.share)


@bp.get("/translations/catalogs")
@require_role(*ROLES)
def translation_catalogs():
    status_matrix = matrix()
    total = len(status_matrix.rows)
    languages = []
    for code in [SOURCE_LANGUAGE, *status_matrix.languages]:
        interface = catalogs.coverage(code)
        if code == SOURCE_LANGUAGE:
            content, lacking = Share(total, total), []
        else:
            content = Share(status_matrix.counts[code][Status.UP_TO_DATE], total)
            lacking = [row for row in status_matrix.rows if row.states[code] != Status.UP_TO_DATE]
        languages.append({
            "code": code,
            "interface": Share(interface.translated, interface.total),
            "missing_strings": interface.missing,
            "content": content,
            "lacking": lacking,
        })
    return render_template(
        "staff/translations/catalogs.html",
        heading=_("Translation progress by language"),
        languages=languages,
        msgid_language=catalogs.MSGID_LANGUAGE,
        icons=STATUS_ICONS,
        language_label=language_label,
    )
