"""Content as PO files: export what a language lacks for a translator's tool, import it back.

One entry per field (title, summary, body, alt, caption, award fields). Its msgctxt names the item,
the field and the source version (``article/12/body/v3``), its msgid is the Polish text, its
translator comments give the item's public address. An outdated translation comes as a fuzzy
entry holding the old text to revise, with the Polish it was made from as the previous msgid
(``#| msgid``, and ``#| msgctxt`` naming that version), so a PO editor shows what changed.

The import is careful because the file may be old or edited by hand. It applies an item only
when every field of it is translated and not fuzzy (a new or outdated translation needs all its
fields, so a reader never meets half a translation); it refuses entries whose Polish source
changed since the export; it never overwrites a translation edited in the browser after the
export (the row's ``updated_at`` against the export time in the file's header); it sanitises HTML.
A file that cannot be read as a whole changes nothing, and the changes of a file are made in one
transaction. The report says what was applied, what was left as it was, and what was skipped
and why: each reason is a :class:`Message`, English text on the command line and the staff
member's language on the staff page.
"""

from __future__ import annotations

import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import polib
from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural
from flask import current_app
from flask_babel import gettext

from .content import SOURCE_LANGUAGE, utcnow
from .html import clean_html
from .kinds import Kind, field_label, kind_named
from .revisions import Revision
from .service import Change, Via
from .translation_status import Item, Status, items

EXPORTED_AT = "X-Portal-Exported-At"
SOURCE_HEADER = "X-Portal-Source-Language"
HTML_NOTE = "HTML: keep the tags; the import removes any that an article may not have"
CONTEXT = re.compile(r"^(?P<kind>[a-z]+)/(?P<id>\d+)/(?P<field>[a-z_]+)/v(?P<version>\d+)$")


def N_(msgid: str) -> str:
    """Mark a message for extraction; it is translated where it is shown (:class:`Message`)."""
    return msgid


class Fields(tuple):
    """Field names inside a message: ``title, body`` in English, their labels when translated."""

    def __str__(self) -> str:
        return ", ".join(self)

    def translated(self) -> str:
        return ", ".join(str(field_label(name)) for name in self)


class Message(str):
    """A sentence of the import's report: English as a string (the command line, the tests),
    and in the language of the request through :meth:`translated` (the staff page)."""

    msgid: str
    params: dict[str, Any]

    def __new__(cls, msgid: str, **params: Any) -> Message:
        self = super().__new__(cls, msgid % params if params else msgid)
        self.msgid, self.params = msgid, params
        return self

    def translated(self) -> str:
        params = {name: value.translated() if isinstance(value, (Fields, Message)) else value
                  for name, value in self.params.items()}
        return gettext(self.msgid, **params)


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
        # What the Polish said when the outdated translation was made, where a revision kept
        # it: written as the entries' previous msgid (#|), which PO editors show beside the new.
        before = (previous_source(item, translation.source_version)
                  if status is Status.OUTDATED and translation is not None else {})
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
                if (previous := before.get(name)) and previous != source_text:
                    entry.previous_msgctxt = f"{item.kind.name}/{item.id}/{name}/v" \
                                             f"{translation.source_version}"
                    entry.previous_msgid = previous
            po.append(entry)
    return po


def previous_source(item: Item, version: int) -> dict[str, str]:
    """The Polish text of each field of ``item`` at ``version``, as its revision kept it (empty
    for a kind without revisions, or an item older than its revisions)."""
    if not item.kind.revisions:
        return {}
    return {name: value for name, value in
            (Revision.source_text(item.kind.name, item.id, version) or {}).items()
            if isinstance(value, str)}


def _portal_language(written: str) -> str | None:
    """The portal's code for the language a PO header names, or None when it names none of ours.

    A header may add a territory the portal does not use ("uk_UA" for "uk"); where the portal's
    code has a territory or script of its own, the header must agree with it.
    """
    try:
        named = Locale.parse(written.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return None
    for code in [SOURCE_LANGUAGE, *current_app.config["PORTAL_LANGUAGES"]]:
        ours = Locale.parse(code)
        if (ours.language == named.language
                and ours.territory in (None, named.territory)
                and ours.script in (None, named.script)):
            return code
    return None


def _check_language(lang: str) -> None:
    if lang == SOURCE_LANGUAGE:
        raise ValueError(Message(N_("Polish is the source language: there is nothing to "
                                    "translate into it")))
    if lang not in current_app.config["PORTAL_LANGUAGES"]:
        raise ValueError(Message(N_("'%(lang)s' is not one of the enabled languages "
                                    "(PORTAL_LANGUAGES)"), lang=lang))


# --- Import ------------------------------------------------------------------------------------


class ImportRefused(Exception):
    """The file as a whole cannot be imported; nothing was changed."""

    def __init__(self, problems: list[Message]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Outcome:
    """What the import did with one item, or (a note) noticed about it."""

    what: str  # the item as the command line names it: article 12 “Tytuł”
    item: Item | None = None  # None when the item no longer exists
    fields: tuple[str, ...] = ()
    reason: Message | None = None

    def __str__(self) -> str:
        return ": ".join([self.what] + ([", ".join(self.fields)] if self.fields else [])
                         + ([self.reason] if self.reason else []))


@dataclass
class ImportReport:
    language: str
    exported_at: datetime
    dry_run: bool = False
    applied: list[Outcome] = field(default_factory=list)  # with the fields written
    unchanged: list[Outcome] = field(default_factory=list)
    untranslated: list[Outcome] = field(default_factory=list)  # left empty (or fuzzy) in the file
    skipped: list[Outcome] = field(default_factory=list)  # with the reason
    notes: list[Outcome] = field(default_factory=list)


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
            raise ImportRefused([Message(N_("the file is not UTF-8 text"))]) from exc
    # polib takes a string naming an existing file for a path: hand it a file of our own.
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".po") as fh:
        fh.write(data)
        fh.flush()
        try:
            return polib.pofile(fh.name, encoding="utf-8")
        except (OSError, ValueError) as exc:
            raise ImportRefused([Message(N_("the file is not a readable PO file (%(error)s)"),
                                         error=str(exc))]) from exc


def _header(po: polib.POFile, lang: str | None) -> tuple[str, datetime]:
    problems = []
    written = (po.metadata.get("Language") or "").strip()
    # The header names a language, however a tool spells it: "uk", "uk_UA", "uk-UA" are Ukrainian.
    found = _portal_language(written) or written.replace("-", "_")
    lang = lang or found
    if found and found != lang:
        problems.append(Message(N_("the file is for language '%(found)s', not '%(lang)s'"),
                                found=found, lang=lang))
    try:
        _check_language(lang)
    except ValueError as exc:
        problems.append(exc.args[0] if lang else
                        Message(N_("the file's header names no Language")))
    exported_at = None
    try:
        exported_at = datetime.fromisoformat(po.metadata.get(EXPORTED_AT, "").strip())
    except ValueError:
        pass
    if exported_at is None or exported_at.tzinfo is None:
        problems.append(Message(N_("the header lacks %(header)s (a file exported by the portal "
                                   "has it)"), header=EXPORTED_AT))
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
        if not match or kind is None or match["field"] not in kind.field_names:
            problems.append(Message(N_("line %(line)s: '%(context)s' names no field of our "
                                       "content"), line=entry.linenum, context=entry.msgctxt or ""))
            continue
        if entry.msgid_plural:
            problems.append(Message(N_("line %(line)s: content entries have no plural forms"),
                                    line=entry.linenum))
            continue
        key = (match["kind"], int(match["id"]))
        if any(e.field == match["field"] for e in grouped[key]):
            problems.append(Message(N_("line %(line)s: '%(context)s' appears twice"),
                                    line=entry.linenum, context=entry.msgctxt))
            continue
        grouped[key].append(_Entry(match["field"], int(match["version"]), entry.msgid,
                                   entry.msgstr, bool(entry.msgstr.strip()) and not entry.fuzzy))
    if problems:
        raise ImportRefused(problems)
    return grouped


def _limit(kind: Kind, name: str) -> int | None:
    column = kind.translation_class.__table__.columns.get(name)
    return getattr(column.type, "length", None) if column is not None else None


class _Skip(Exception):
    def __init__(self, reason: Message) -> None:
        super().__init__(reason)
        self.reason = reason


class _Untranslated(Exception):
    pass


def _plan(item: Item, entries: list[_Entry], lang: str, exported_at: datetime,
          report: ImportReport) -> dict[str, str] | None:
    """The field values to write for one item, or None when it is left as it is."""
    source = item.source_fields()
    stale = [e for e in entries if e.version != item.version]
    if stale:
        raise _Skip(Message(N_("the Polish text changed since the export (exported version "
                               "%(exported)s, now %(current)s); export it again"),
                            exported=stale[0].version, current=item.version))
    for e in entries:
        if e.msgid != source.get(e.field, ""):
            raise _Skip(Message(N_("the Polish %(field)s differs from the exported one; export "
                                   "it again"), field=Fields([e.field])))
    translated = {e.field: e.msgstr for e in entries if e.translated}
    if not translated:
        raise _Untranslated
    current = item.row.translations.get(lang)
    status = item.status(lang)
    if status is not Status.UP_TO_DATE and (lacking := [f for f in source if f not in translated]):
        if current is None:
            reason = N_("a new translation needs every field; not translated (or still fuzzy): "
                        "%(fields)s")
        else:
            reason = N_("an outdated translation needs every field; not translated (or still "
                        "fuzzy): %(fields)s")
        raise _Skip(Message(reason, fields=Fields(lacking)))
    values = {}
    for name, text in translated.items():
        text = text.strip()
        if name in item.kind.html_fields:
            clean = clean_html(text)
            if clean != text:
                report.notes.append(Outcome(str(item), item, reason=Message(
                    N_("HTML of %(field)s cleaned of what is not allowed"),
                    field=Fields([name]))))
            text = clean
        if (limit := _limit(item.kind, name)) and len(text) > limit:
            raise _Skip(Message(N_("%(field)s is longer than allowed (at most %(limit)s "
                                   "characters)"), field=Fields([name]), limit=limit))
        values[name] = text
    if current is not None:
        if status is Status.UP_TO_DATE and all(
                getattr(current, name) == value for name, value in values.items()):
            return None
        if current.updated_at > exported_at:
            raise _Skip(Message(N_("its translation was edited after the export (%(edited)s "
                                   "UTC); export it again"),
                                edited=f"{current.updated_at:%Y-%m-%d %H:%M}"))
    return values


def import_po(data: bytes | str, lang: str | None = None, dry_run: bool = False,
              filename: str | None = None, user: Any = None) -> ImportReport:
    """Apply a translated content PO file; raise :class:`ImportRefused` if it is unusable.

    The changes of a file are one change of the write service: each item applied gets a revision
    ("import", through the PO import), the file an audit event, all in one commit; a dry run
    rolls it all back.
    """
    po = _read(data)
    lang, exported_at = _header(po, lang)
    grouped = _entries(po)
    report = ImportReport(lang, exported_at, dry_run)
    with Change(user, Via.PO_IMPORT, dry_run=dry_run) as change:
        found = {(item.kind.name, item.id): item for item in items()}
        taken: dict[str, set[str]] = {}
        changed: dict[tuple[str, int], Item] = {}  # the items a person edits, to record
        for key in sorted(grouped):
            item = found.get(key)
            if item is None:
                report.skipped.append(Outcome(f"{key[0]} {key[1]}",
                                              reason=Message(N_("it no longer exists"))))
                continue
            try:
                values = _plan(item, grouped[key], lang, exported_at, report)
            except _Skip as skip:
                report.skipped.append(Outcome(str(item), item, reason=skip.reason))
                continue
            except _Untranslated:
                report.untranslated.append(Outcome(str(item), item))
                continue
            if values is None:
                report.unchanged.append(Outcome(str(item), item))
                continue
            owner = _apply(change, item, lang, values, taken)
            changed[(owner.kind.name, owner.id)] = owner
            report.applied.append(Outcome(str(item), item, tuple(values)))
        for owner in changed.values():
            change.record(owner.kind, owner.row, "import", lang=lang)
        change.audit("content_import", lang=lang, applied=len(report.applied),
                     filename=(filename or "")[:200])
    return report


def _apply(change: Change, item: Item, lang: str, values: dict[str, str],
           taken: dict[str, set[str]]) -> Item:
    """Write one item's translation; return the item whose revision records it.

    A photo's texts are edited on the page of the article or award that shows it, so that is the
    item whose revision says the import changed them: a form opened there before the import
    then sees the conflict.
    """
    owner = item.shown_on or item
    change.baseline(owner.kind, owner.row)
    change.write_texts(item.kind, item.row, lang, values, up_to_date=True,
                       taken=taken.setdefault(item.kind.name, set()))
    return owner
