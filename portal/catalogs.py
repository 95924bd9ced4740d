"""Interface catalogs: extraction, update, compilation and the checks CI runs on them.

The portal's own strings (msgids in English) are extracted with Babel's API into
``translations/messages.pot``; each language has ``translations/<lang>/LC_MESSAGES/messages.po``,
committed, and a ``.mo`` built from it, never committed.

The checks CI runs on them are in :mod:`portal.catalog_checks`; :func:`coverage` says how much
of the interface a language's catalog translates (the staff catalog status page).
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from .config import ROOT
from .files import write_atomically

CATALOGS = ROOT / "translations"
DOMAIN = "messages"
MAPPING = ROOT / "babel.cfg"
# The language msgids are written in: it needs no catalog.
MSGID_LANGUAGE = "en"

KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "_l": None,
    "lazy_gettext": None,
    "lazy_ngettext": (1, 2),
    "lazy_pgettext": ((1, "c"), 2),
    "lazy_npgettext": ((1, "c"), 2, 3),
}
COMMENT_TAGS = ("TRANSLATORS:",)
WIDTH = 76
HEADER = {
    "project": "portal",
    "copyright_holder": "portal",
    "msgid_bugs_address": "translations@example.org",
}
# Header lines that change on every run without saying anything about the messages.
_VOLATILE_HEADER = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date|Generated-By): .*\n',
                              re.MULTILINE)


def po_path(lang: str, directory: Path = CATALOGS) -> Path:
    return directory / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalog_languages(directory: Path = CATALOGS) -> list[str]:
    """The languages that have a catalog in ``directory``."""
    return sorted(path.parent.parent.name for path in directory.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


# --- Extract, init, update, compile ------------------------------------------------------------


def extract(root: Path = ROOT, mapping: Path = MAPPING) -> Catalog:
    """A fresh extraction of every interface string, in memory (babel.cfg says where to look)."""
    with mapping.open() as fh:
        method_map, options_map = parse_mapping_cfg(fh, str(mapping))
    template = Catalog(**HEADER, fuzzy=True, charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        str(root), method_map, options_map, keywords=KEYWORDS, comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        template.add(message, None, [(filename, lineno)], auto_comments=comments,
                     context=context)
    return template


def _serialise(catalog: Catalog, **options) -> bytes:
    buffer = BytesIO()
    write_po(buffer, catalog, width=WIDTH, no_location=True, sort_output=True,
             ignore_obsolete=True, **options)
    return buffer.getvalue()


def _write_if_changed(path: Path, content: bytes) -> bool:
    """Write ``content`` unless only the header's dates would change; True if written."""
    if path.exists() and (_VOLATILE_HEADER.sub(b"", path.read_bytes())
                          == _VOLATILE_HEADER.sub(b"", content)):
        return False
    write_atomically(path, content)
    return True


def write_template(template: Catalog, directory: Path = CATALOGS) -> bool:
    return _write_if_changed(directory / f"{DOMAIN}.pot", _serialise(template))


def read_catalog(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as fh:
        return read_po(fh, locale=lang, domain=DOMAIN)


def init(lang: str, template: Catalog, directory: Path = CATALOGS) -> Path:
    """Start the catalog of a new language from the template, with Babel's plural rule."""
    path = po_path(lang, directory)
    if path.exists():
        raise FileExistsError(f"{path.relative_to(directory)} exists already; use update")
    address = HEADER["msgid_bugs_address"]
    catalog = Catalog(locale=Locale.parse(lang), **HEADER, charset="utf-8", fuzzy=False,
                      revision_date=datetime.now(UTC),
                      last_translator=f"portal translators <{address}>",
                      language_team=f"{lang} <{address}>")
    catalog.update(template, no_fuzzy_matching=True)
    write_atomically(path, _serialise(catalog))
    return path


def update(template: Catalog, directory: Path = CATALOGS) -> list[Path]:
    """Merge the template into every catalog (new strings empty, gone ones dropped)."""
    changed = []
    for lang in catalog_languages(directory):
        path = po_path(lang, directory)
        catalog = read_catalog(path, lang)
        catalog.update(template, no_fuzzy_matching=True)
        if _write_if_changed(path, _serialise(catalog)):
            changed.append(path)
    return changed


def compile_catalogs(directory: Path = CATALOGS, only_stale: bool = False) -> list[Path]:
    """Build each catalog's ``.mo`` (fuzzy entries left out); return the files written."""
    written = []
    for lang in catalog_languages(directory):
        po = po_path(lang, directory)
        mo = po.with_suffix(".mo")
        if only_stale and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        catalog = read_catalog(po, lang)
        buffer = BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        write_atomically(mo, buffer.getvalue())
        written.append(mo)
    return written


def message_key(message: Message) -> tuple[str | None, str]:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return message.context, msgid


def messages_by_key(catalog: Catalog) -> dict[tuple[str | None, str], Message]:
    return {message_key(m): m for m in catalog if m.id}



# --- Coverage (the staff catalog status page) --------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """How much of the interface a language's shipped catalog translates."""

    lang: str
    total: int
    translated: int
    missing: tuple[str, ...]  # msgids (singular) the catalog leaves empty or fuzzy, sorted

    @property
    def share(self) -> float:
        return self.translated / self.total if self.total else 1.0


def _is_translated(message: Message) -> bool:
    forms = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return bool(forms) and all(forms) and not message.fuzzy


@lru_cache(maxsize=32)
def _read_cached(path: Path, _mtime: float) -> Catalog:
    return read_catalog(path)


def _read_shipped(path: Path) -> Catalog | None:
    """A shipped catalog, read again only when the file changes; None if there is none."""
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        return None
    return _read_cached(path, mtime)


def _mtime(path: Path) -> float | None:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return None


def coverage(lang: str, directory: Path = CATALOGS) -> Coverage:
    """The share of the interface strings (those of the shipped template) ``lang`` translates.

    The msgid language needs no catalog: it is complete by definition. Counted again only when
    the template or the catalog changes (every app start-up asks: a test run makes hundreds).
    """
    return _coverage(lang, directory, _mtime(directory / f"{DOMAIN}.pot"),
                     _mtime(po_path(lang, directory)))


@lru_cache(maxsize=64)
def _coverage(lang: str, directory: Path, _template_mtime: float | None,
              _catalog_mtime: float | None) -> Coverage:
    template = _read_shipped(directory / f"{DOMAIN}.pot")
    wanted = list(messages_by_key(template)) if template is not None else []
    if lang == MSGID_LANGUAGE:
        return Coverage(lang, len(wanted), len(wanted), ())
    catalog = _read_shipped(po_path(lang, directory))
    messages = messages_by_key(catalog) if catalog is not None else {}
    missing = sorted((msgid for key in wanted
                      if not ((message := messages.get(key)) and _is_translated(message))
                      for msgid in [key[1]]), key=str.casefold)
    return Coverage(lang, len(wanted), len(wanted) - len(missing), tuple(missing))


# --- Completeness of the enabled languages (start-up and `flask translate check`) -------------

log = logging.getLogger(__name__)


def percent(share: float) -> float:
    """A share as a percentage rounded down to a tenth: 99.96 % is not shown as complete."""
    return math.floor(share * 1000 + 1e-9) / 10


def describe(cov: Coverage) -> str:
    """``uk: 97.6% (572 of 586 strings)``; the msgid language is complete by definition."""
    if cov.lang == MSGID_LANGUAGE:
        return f"{cov.lang}: 100% (the language of the msgids)"
    return f"{cov.lang}: {percent(cov.share):g}% ({cov.translated} of {cov.total} strings)"


def enabled_coverage(languages: Iterable[str], directory: Path = CATALOGS) -> list[Coverage]:
    return [coverage(lang, directory) for lang in languages]


class CatalogIncomplete(RuntimeError):
    """An enabled language whose catalog translates less than the configured minimum."""


def refuse_incomplete(coverages: Iterable[Coverage], minimum: float) -> None:
    """Raise :class:`CatalogIncomplete` naming each language below ``minimum`` (a percentage)."""
    short = [cov for cov in coverages
             if cov.lang != MSGID_LANGUAGE and percent(cov.share) < minimum]
    if not short:
        return
    names = "; ".join(describe(cov) for cov in short)
    raise CatalogIncomplete(
        f"Refusing to start: the interface catalog of {', '.join(c.lang for c in short)} is "
        f"below PORTAL_CATALOG_MIN_COMPLETE={minimum:g}% ({names}); its readers would get "
        f"English in between. Translate "
        f"{', '.join(f'translations/{c.lang}/LC_MESSAGES/messages.po' for c in short)} "
        "(flask translate check lists what is missing), or take the language out of "
        "PORTAL_LANGUAGES."
    )
