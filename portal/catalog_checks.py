"""The checks CI runs on the interface catalogs (``flask translate check``).

Jinja prints a translation as markup and Python formats it with ``%``, so a catalog is code as
much as text: :func:`check` refuses one whose placeholders, plural rule or HTML differ in meaning
from what the msgid promises, and one a reader's language cannot yet rely on (untranslated,
fuzzy, stale). Each is judged by what it does, not how it is written: a plural rule by the form
it chooses for every n, placeholders by the arguments they format.
"""

from __future__ import annotations

import gettext
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import unescape

from .catalogs import (
    CATALOGS,
    DOMAIN,
    MSGID_LANGUAGE,
    catalog_languages,
    message_key,
    messages_by_key,
    po_path,
    read_catalog,
)


@dataclass(frozen=True)
class Problem:
    path: str  # relative to the catalogs folder
    kind: str  # out-of-step, untranslated, fuzzy, plural-forms, placeholders, html, msgfmt …
    message: str

    def __str__(self) -> str:
        return f"{self.path}: [{self.kind}] {self.message}"


@dataclass
class CheckResult:
    problems: list[Problem]
    warnings: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


def _plural_id(message: Message) -> str | None:
    return message.id[1] if isinstance(message.id, (list, tuple)) else None


def _label(message: Message) -> str:
    context, msgid = message_key(message)
    text = msgid if len(msgid) <= 60 else msgid[:57] + "…"
    return f"{context}|{text!r}" if context else repr(text)


def _out_of_step(catalog: Catalog, template: Catalog) -> list[str]:
    """How the catalog's messages differ from the template's (empty when in step)."""
    ours, theirs = messages_by_key(catalog), messages_by_key(template)
    found = []
    for key in sorted(theirs.keys() - ours.keys(), key=str):
        found.append(f"lacks {_label(theirs[key])}")
    for key in sorted(ours.keys() - theirs.keys(), key=str):
        found.append(f"has {_label(ours[key])}, which the code no longer uses")
    for key in sorted(ours.keys() & theirs.keys(), key=str):
        if _plural_id(ours[key]) != _plural_id(theirs[key]):
            found.append(f"has another plural msgid for {_label(ours[key])}")
    return found


_PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?"
                          r"[diouxXeEfFgGcrsa%]")


def placeholders(text: str) -> list[str]:
    """The %-placeholders of a string, sorted (``%%`` is a literal, not a placeholder)."""
    return sorted(match.group(0) for match in _PLACEHOLDER.finditer(text)
                  if match.group(0) != "%%")


# Conversions that format the same argument the same way: ``%(n)d`` and ``%(n)i`` mean one thing.
_SAME_CONVERSION = [set("diu"), set("eEfFgG"), set("xX"), set("sra")]


def _conversion(spec: str) -> str:
    char = spec[-1]
    return next((min(group) for group in _SAME_CONVERSION if char in group), char)


def placeholder_difference(msgid: str, translation: str) -> str | None:
    """How ``translation`` would format its arguments differently from ``msgid``; None if not.

    Judged by meaning, as ``%`` applies them: named placeholders may be reordered or repeated but
    must name the same arguments with compatible conversions; positional ones are taken in order,
    so their number and conversions must match one for one.
    """
    def parse(text: str) -> list[tuple[str | None, str]]:
        return [(match.group("name"), _conversion(match.group(0)))
                for match in _PLACEHOLDER.finditer(text) if match.group(0) != "%%"]

    ours, theirs = parse(msgid), parse(translation)
    if {name is None for name, _ in ours + theirs} == {True, False}:
        return "named and positional placeholders are mixed"
    if any(name is None for name, _ in ours + theirs):
        if [conversion for _, conversion in ours] != [conversion for _, conversion in theirs]:
            return "its positional placeholders differ in number, order or conversion"
        return None
    wanted, found = dict(ours), {}
    for name, conversion in theirs:
        if found.setdefault(name, conversion) != conversion:
            return f"%({name}) is formatted two ways"
    if unknown := sorted(found.keys() - wanted.keys()):
        return "it names arguments the msgid has not: " + ", ".join(unknown)
    if lacking := sorted(wanted.keys() - found.keys()):
        return "it leaves out " + ", ".join(f"%({name})" for name in lacking)
    if changed := sorted(name for name in wanted if wanted[name] != found[name]):
        return "it formats " + ", ".join(f"%({name})" for name in changed) + " another way"
    return None


class _Tags(HTMLParser):
    """The elements and attributes of an HTML fragment (text is of no interest)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: set[tuple[str, str, str | None]] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            # Words a reader sees may be translated; every other attribute must stay as it was.
            self.attributes.add((tag, name, None if name in TRANSLATABLE_ATTRIBUTES else value))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.tags.add(tag)

    def handle_comment(self, data: str) -> None:
        self.tags.add("<!-- -->")

    def handle_pi(self, data: str) -> None:
        self.tags.add("<? ?>")

    def unknown_decl(self, data: str) -> None:
        self.tags.add("<! >")


TRANSLATABLE_ATTRIBUTES = {"title", "alt", "aria-label", "placeholder"}


def html_of(text: str) -> _Tags:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser


def added_html(msgid: str, translation: str) -> list[str]:
    """The tags and attributes a translation has that its msgid lacks."""
    source, target = html_of(msgid), html_of(translation)
    added = [f"<{tag}>" for tag in sorted(target.tags - source.tags)]
    for tag, name, value in sorted(target.attributes - source.attributes, key=str):
        if f"<{tag}>" not in added:
            added.append(f"{name}=" + (f"{value!r}" if value is not None else "") + f" on <{tag}>")
    return added


def _message_problems(message: Message, num_plurals: int, required: bool) -> list[tuple[str, str]]:
    label = _label(message)
    found: list[tuple[str, str]] = []
    plural_id = _plural_id(message)
    forms = list(message.string) if plural_id is not None else [message.string or ""]
    forms = [form or "" for form in forms]
    if plural_id is not None and len(forms) != num_plurals:
        found.append(("plural-forms", f"{label} has {len(forms)} plural forms, the language "
                                      f"has {num_plurals}"))
    if required and not all(forms):
        found.append(("untranslated", f"{label} is not translated"))
    if required and message.fuzzy:
        found.append(("fuzzy", f"{label} is marked fuzzy (review it, then remove the flag)"))
    _context, msgid = message_key(message)
    for index, form in enumerate(forms):
        if not form:
            continue
        where = f" (msgstr[{index}])" if plural_id is not None else ""
        expected = plural_id if plural_id is not None else msgid
        if difference := placeholder_difference(expected, form):
            found.append(("placeholders", f"{label}{where} has placeholders "
                                          f"{placeholders(form)}, the msgid has "
                                          f"{placeholders(expected)}: {difference}"))
        source_html = msgid + (plural_id or "")
        if extra := added_html(source_html, form):
            found.append(("html", f"{label}{where} adds HTML its msgid lacks: "
                                  + ", ".join(extra)))
    return found


def _header_field(path: Path, name: str) -> str | None:
    """A field of the PO header as written in the file (Babel would fill a missing one in)."""
    text = path.read_text("utf-8", errors="replace")
    match = re.search(r'^msgid ""\s*\nmsgstr\s+((?:"(?:[^"\\]|\\.)*"\s*\n?)+)', text, re.MULTILINE)
    if not match:
        return None
    header = "".join(unescape(part) for part in re.findall(r'"(?:[^"\\]|\\.)*"', match.group(1)))
    for line in header.splitlines():
        field, _sep, value = line.partition(":")
        if field.strip().lower() == name.lower():
            return value.strip()
    return None


# The plural rules are compared by what they do, not how they are written: CLDR's expression
# (through Babel) and the catalog's may differ in spelling, parentheses and order of tests.
PLURAL_SAMPLES = range(0, 10_001)
_PLURAL_FORMS = re.compile(
    r"^\s*nplurals\s*=\s*(?P<n>\d+)\s*;\s*plural\s*=\s*(?P<expr>.+?)\s*;?\s*$", re.DOTALL)


def parse_plural_forms(value: str) -> tuple[int, Callable[[int], int]]:
    """``nplurals`` and the rule of a ``Plural-Forms`` value; ValueError if it is not one.

    The C expression is turned into a function by the standard library's own gettext parser,
    the one that reads ``.mo`` files, so it is evaluated exactly as at run time.
    """
    match = _PLURAL_FORMS.match(value)
    if not match:
        raise ValueError(f"{value!r} is not of the form 'nplurals=N; plural=EXPRESSION;'")
    try:
        rule = gettext.c2py(match.group("expr"))
    except (ValueError, SyntaxError, RecursionError) as exc:
        raise ValueError(f"its plural expression cannot be read ({exc})") from exc
    return int(match.group("n")), rule


def plural_difference(value: str, nplurals: int, rule: Callable[[int], int]) -> str | None:
    """How a ``Plural-Forms`` value behaves differently from ``nplurals`` and ``rule``.

    None when both have the same number of forms and choose the same form for every n in
    :data:`PLURAL_SAMPLES`; otherwise a sentence naming the first n where they differ.
    """
    try:
        count, theirs = parse_plural_forms(value)
    except ValueError as exc:
        return str(exc)
    if count != nplurals:
        return f"it has nplurals={count}, the language has {nplurals}"
    for n in PLURAL_SAMPLES:
        try:
            form = theirs(n)
        except ZeroDivisionError:
            return f"its expression divides by zero for n={n}"
        if form != rule(n):
            return f"for n={n} it chooses form {form}, the language form {rule(n)}"
        if not 0 <= form < count:
            return f"for n={n} it chooses form {form}, beyond its {count} forms"
    return None


def _plural_problem(path: Path, lang: str) -> str | None:
    expected = get_plural(Locale.parse(lang))
    header = _header_field(path, "Plural-Forms")
    wanted = f"nplurals={expected.num_plurals}; plural={expected.plural_expr};"
    if header is None:
        return f"the header has no Plural-Forms; CLDR's rule for {lang} is {wanted!r}"
    rule = gettext.c2py(expected.plural_expr)
    if difference := plural_difference(header, expected.num_plurals, rule):
        return (f"Plural-Forms {header!r} is not {lang}'s rule: {difference} "
                f"(CLDR's rule, through Babel: {wanted!r})")
    return None


def find_msgfmt() -> str | None:
    return shutil.which("msgfmt")


def _msgfmt(path: Path, msgfmt: str) -> str | None:
    """GNU msgfmt's verdict (formats, plural forms, header); None when it accepts the file."""
    # msgfmt is found by shutil.which and the arguments are paths this code chose: no shell.
    result = subprocess.run([msgfmt, "--check", "--output-file", os.devnull, str(path)],  # noqa: S603
                            capture_output=True, text=True, check=False)
    if result.returncode == 0:
        return None
    lines = [line for line in result.stderr.splitlines()
             if line.strip() and "warning:" not in line]
    return "\n      ".join(lines) or f"msgfmt exited with status {result.returncode}"


def check(
    template: Catalog,
    required: Iterable[str],
    directory: Path = CATALOGS,
    msgfmt: str | None = "auto",
    strict: bool = False,
) -> CheckResult:
    """Every problem of the catalogs in ``directory`` measured against a fresh ``template``.

    ``required`` are the languages readers can choose (other than the msgid language): their
    catalogs must exist and be complete. Every catalog, required or not, must be in step with the
    template and have Babel's plural rule, its placeholders and no HTML its msgids lack.
    Without GNU msgfmt that part is skipped with a warning, or (``strict``) reported a problem.
    """
    problems: list[Problem] = []
    warnings: list[str] = []
    required = [lang for lang in required if lang != MSGID_LANGUAGE]
    if msgfmt == "auto":
        msgfmt = find_msgfmt()
    if not msgfmt or not Path(msgfmt).exists():
        note = ("GNU msgfmt was not found, so the catalogs were not checked with "
                "'msgfmt --check' (install the gettext package)")
        if strict:
            problems.append(Problem("-", "msgfmt", note))
        else:
            warnings.append(note)
        msgfmt = None

    pot = directory / f"{DOMAIN}.pot"
    if not pot.exists():
        problems.append(Problem(pot.name, "out-of-step", "missing; run: flask translate extract"))
    else:
        for difference in _out_of_step(read_catalog(pot), template):
            problems.append(Problem(pot.name, "out-of-step",
                                    f"{difference} (run: flask translate extract)"))

    languages = catalog_languages(directory)
    for lang in required:
        if lang not in languages:
            problems.append(Problem(str(po_path(lang, directory).relative_to(directory)),
                                    "missing", f"{lang} is enabled but has no catalog "
                                               f"(run: flask translate init {lang})"))
    for lang in languages:
        path = po_path(lang, directory)
        name = str(path.relative_to(directory))
        is_required = lang in required
        try:
            catalog = read_catalog(path, lang)
        except Exception as exc:  # a catalog Babel cannot read at all
            problems.append(Problem(name, "syntax", str(exc)))
            continue
        for difference in _out_of_step(catalog, template):
            problems.append(Problem(name, "out-of-step",
                                    f"{difference} (run: flask translate update)"))
        if plural := _plural_problem(path, lang):
            problems.append(Problem(name, "plural-forms", plural))
        if is_required and catalog.fuzzy:
            problems.append(Problem(name, "fuzzy", "the header is marked fuzzy"))
        num_plurals = get_plural(Locale.parse(lang)).num_plurals
        for message in catalog:
            if not message.id:
                continue
            for kind, text in _message_problems(message, num_plurals, is_required):
                problems.append(Problem(name, kind, text))
        if msgfmt and (verdict := _msgfmt(path, msgfmt)):
            problems.append(Problem(name, "msgfmt", verdict))
    return CheckResult(problems, warnings)


