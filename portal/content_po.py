"""Content as PO files: export what a language lacks for a translator's tool, import it back.

One entry per field (title, summary, body, alt, caption, award fields). Its msgctxt names the item,
the field and the source version (``article/12/body/v3``), its msgid is the Polish text, its
translator comments give the item's public address. An outdated translation comes as a fuzzy
entry holding the old text to revise.

The import is careful because the file may be old or edited by hand. It applies an item only
when every field of it is translated and not fuzzy (a new or outdated translation needs all its
fields, so a reader never meets half a translation); it refuses entries whose Polish source
changed since the export; it never overwrites a translation edited in the browser after the
export (the row's ``updated_at`` against the export time in the file's header); it sanitises HTML.
A file that cannot be read as a whole changes nothing, and the changes of a file are made in one
transaction. The report says what was applied, what was left as it was, and what was skipped
and why.
"""

from __future__ import annotations

import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import polib
import sqlalchemy as sa
from babel import Locale
from babel.messages.plurals import get_plural
from flask import current_app
from slugify import slugify

from .content import SOURCE_LANGUAGE, utcnow
from .database import begin_write
from .extensions import db
from .html import sanitize
from .translation_status import Item, Kind, Status, items, kind_named

EXPORTED_AT = "X-Portal-Exported-At"
SOURCE_HEADER = "X-Portal-Source-Language"
HTML_NOTE = "HTML: keep the tags; the import removes any that an article may not have"
CONTEXT = re.compile(r"^(?P<kind>[a-z]+)/(?P<id>\d+)/(?P<field>[a-z_]+)/v(?P<version>\d+)$")


def context(item: Item, name: str) -> str:
    return f"{item.kind.name}/{item.id}/{name}/v{item.version}"


# --- Export ------------------------------------------------------------------------------------


def export(lang: str, only: set[Status] | None = None, now: datetime | None = None) -> polib.POFile:
    """A PO file of the content for translation into ``lang`` (``only`` items in those states).

    Inside a request the translator comments carry absolute addresses; elsewhere, paths.
    """
    _check_language(lang)
    now = now or utcnow()
    plural = get_plural(Locale.parse(lang))
    po = polib.POFile(wrapwidth=0)  # no wrapping: it would break the addresses in comments
    po.metadata = {
        "Project-Id-Version": "portal content",
        "POT-Creation-Date": now.strftime("%Y-%m-%d %H:%M+0000"),
        "PO-Revision-Date": now.strftime("%Y-%m-%d %H:%M+0000"),
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": f"nplurals={plural.num_plurals}; plural={plural.plural_expr};",
        SOURCE_HEADER: SOURCE_LANGUAGE,
        EXPORTED_AT: now.isoformat(),
    }
    po.header = (f"Content of the portal for translation from Polish into {lang}.\n"
                 "Translate each msgstr; an entry marked fuzzy holds an older translation to "
                 "revise (remove the mark when done).\nKeep the HTML tags of body texts.")
    for item in items():
        status = item.status(lang)
        if only and status not in only:
            continue
        translation = item.row.translations.get(lang)
        comments = [str(item), f"Polish: {item.public_url() or 'not public'}"]
        if translation is not None and (url := item.public_url(lang)):
            comments.append(f"{lang}: {url}")
        for name, source_text in item.source_fields().items():
            entry = polib.POEntry(
                msgctxt=context(item, name),
                msgid=source_text,
                msgstr=getattr(translation, name, "") if translation is not None else "",
                tcomment="\n".join(comments + ([HTML_NOTE] if name in item.kind.html_fields
                                               else [])),
            )
            if status is Status.OUTDATED and entry.msgstr:
                entry.flags.append("fuzzy")
            po.append(entry)
    return po


def _check_language(lang: str) -> None:
    if lang == SOURCE_LANGUAGE:
        raise ValueError("Polish is the source language: there is nothing to translate into it")
    if lang not in current_app.config["PORTAL_LANGUAGES"]:
        raise ValueError(f"{lang!r} is not one of the enabled languages (PORTAL_LANGUAGES)")


# --- Import ------------------------------------------------------------------------------------


class ImportRefused(Exception):
    """The file as a whole cannot be imported; nothing was changed."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Skipped:
    what: str
    reason: str

    def __str__(self) -> str:
        return f"{self.what}: {self.reason}"


@dataclass
class ImportReport:
    language: str
    exported_at: datetime
    dry_run: bool = False
    applied: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)  # left empty (or fuzzy) in the file
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Entry:
    field: str
    version: int
    msgid: str
    msgstr: str
    translated: bool


def _read(data: bytes | str) -> polib.POFile:
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise ImportRefused(["the file is not UTF-8 text"]) from exc
    # polib takes a string naming an existing file for a path: hand it a file of our own.
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".po") as fh:
        fh.write(data)
        fh.flush()
        try:
            return polib.pofile(fh.name, encoding="utf-8")
        except (OSError, ValueError) as exc:
            raise ImportRefused([f"the file is not a readable PO file ({exc})"]) from exc


def _header(po: polib.POFile, lang: str | None) -> tuple[str, datetime]:
    problems = []
    found = (po.metadata.get("Language") or "").strip().replace("-", "_")
    lang = lang or found
    if found and found != lang:
        problems.append(f"the file is for language {found!r}, not {lang!r}")
    try:
        _check_language(lang)
    except ValueError as exc:
        problems.append(str(exc) if lang else "the file's header names no Language")
    exported_at = None
    try:
        exported_at = datetime.fromisoformat(po.metadata.get(EXPORTED_AT, "").strip())
    except ValueError:
        pass
    if exported_at is None or exported_at.tzinfo is None:
        problems.append(f"the header lacks {EXPORTED_AT} (a file exported by the portal has it)")
    if problems:
        raise ImportRefused(problems)
    return lang, exported_at


def _entries(po: polib.POFile) -> dict[tuple[str, int], list[_Entry]]:
    grouped: dict[tuple[str, int], list[_Entry]] = defaultdict(list)
    problems = []
    for entry in po:
        if entry.obsolete:
            continue
        match = CONTEXT.match(entry.msgctxt or "")
        kind = match and kind_named(match["kind"])
        if not match or kind is None or match["field"] not in kind.fields:
            problems.append(f"line {entry.linenum}: {entry.msgctxt!r} names no field of our "
                            "content")
            continue
        if entry.msgid_plural:
            problems.append(f"line {entry.linenum}: content entries have no plural forms")
            continue
        key = (match["kind"], int(match["id"]))
        if any(e.field == match["field"] for e in grouped[key]):
            problems.append(f"line {entry.linenum}: {entry.msgctxt!r} appears twice")
            continue
        grouped[key].append(_Entry(match["field"], int(match["version"]), entry.msgid,
                                   entry.msgstr, bool(entry.msgstr.strip()) and not entry.fuzzy))
    if problems:
        raise ImportRefused(problems)
    return grouped


def _limit(kind: Kind, name: str) -> int | None:
    column = kind.translation_class.__table__.columns.get(name)
    return getattr(column.type, "length", None) if column is not None else None


def _unique_slug(title: str, taken: set[str], fallback: str) -> str:
    base = slugify(title, max_length=180, word_boundary=True) or fallback
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    taken.add(slug)
    return slug


class _Skip(Exception):
    pass


class _Untranslated(Exception):
    pass


def _plan(item: Item, entries: list[_Entry], lang: str, exported_at: datetime,
          report: ImportReport) -> dict[str, str] | None:
    """The field values to write for one item, or None when it is left as it is."""
    source = item.source_fields()
    stale = [e for e in entries if e.version != item.version]
    if stale:
        raise _Skip(f"the Polish text changed since the export (exported version "
                    f"{stale[0].version}, now {item.version}); export it again")
    for e in entries:
        if e.msgid != source.get(e.field, ""):
            raise _Skip(f"the Polish {e.field} differs from the exported one; export it again")
    translated = {e.field: e.msgstr for e in entries if e.translated}
    if not translated:
        raise _Untranslated
    current = item.row.translations.get(lang)
    status = item.status(lang)
    if status is not Status.UP_TO_DATE and (lacking := [f for f in source if f not in translated]):
        what = "a new translation" if current is None else "an outdated translation"
        raise _Skip(f"{what} needs every field; not translated (or still fuzzy): "
                    + ", ".join(lacking))
    values = {}
    for name, text in translated.items():
        text = text.strip()
        if name in item.kind.html_fields:
            clean = sanitize(text)
            if clean != text:
                report.notes.append(f"{item}: HTML of {name} cleaned of what is not allowed")
            text = clean
        if (limit := _limit(item.kind, name)) and len(text) > limit:
            raise _Skip(f"{name} is longer than {limit} characters")
        values[name] = text
    if current is not None:
        if status is Status.UP_TO_DATE and all(
                getattr(current, name) == value for name, value in values.items()):
            return None
        if current.updated_at > exported_at:
            raise _Skip(f"its translation was edited after the export "
                        f"({current.updated_at:%Y-%m-%d %H:%M} UTC); export it again")
    return values


def import_po(data: bytes | str, lang: str | None = None, dry_run: bool = False) -> ImportReport:
    """Apply a translated content PO file; raise :class:`ImportRefused` if it is unusable."""
    po = _read(data)
    lang, exported_at = _header(po, lang)
    grouped = _entries(po)
    report = ImportReport(lang, exported_at, dry_run)
    begin_write()
    found = {(item.kind.name, item.id): item for item in items()}
    taken: dict[str, set[str]] = {}
    try:
        for key in sorted(grouped):
            item = found.get(key)
            if item is None:
                report.skipped.append(Skipped(f"{key[0]} {key[1]}", "it no longer exists"))
                continue
            try:
                values = _plan(item, grouped[key], lang, exported_at, report)
            except _Skip as skip:
                report.skipped.append(Skipped(str(item), str(skip)))
                continue
            except _Untranslated:
                report.untranslated.append(str(item))
                continue
            if values is None:
                report.unchanged.append(str(item))
                continue
            _apply(item, lang, values, taken)
            report.applied.append(f"{item}: " + ", ".join(values))
        db.session.flush()
    except Exception:
        db.session.rollback()
        raise
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    return report


def _apply(item: Item, lang: str, values: dict[str, str], taken: dict[str, set[str]]) -> None:
    translation = item.row.translations.get(lang)
    if translation is None:
        translation_class = item.kind.translation_class
        translation = translation_class(locale=lang)
        if hasattr(translation_class, "slug"):
            if item.kind.name not in taken:
                taken[item.kind.name] = set(db.session.scalars(
                    sa.select(translation_class.slug).where(translation_class.locale == lang)))
            translation.slug = _unique_slug(values["title"], taken[item.kind.name],
                                            f"{item.kind.name}-{item.id}")
        item.row.translations[lang] = translation
    for name, value in values.items():
        setattr(translation, name, value)
    translation.source_version = item.version
    translation.updated_at = utcnow()
