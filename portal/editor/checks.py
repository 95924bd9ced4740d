"""Help for editors: what to look at again before an item goes public.

None of these is an error: a heading level may be skipped on purpose, a link may really be
called "more". They are shown when an editor publishes or schedules, and publishing anyway is one
more button. Saving a draft never runs them.

The checks read the text as it will be stored (the body after cleaning), one language at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from flask_babel import gettext as _

from ..content import SOURCE_LANGUAGE
from ..html import clean_html
from ..i18n import language_label

# Link texts that say nothing about where a link leads, per language, compared in lower case
# without the punctuation around them. A language missing here is checked against every list.
VAGUE_LINKS = {
    "pl": {
        "kliknij tutaj",
        "kliknij tu",
        "kliknij",
        "tutaj",
        "tu",
        "więcej",
        "czytaj więcej",
        "czytaj dalej",
        "zobacz więcej",
        "link",
        "odnośnik",
    },
    "en": {"click here", "click", "here", "more", "read more", "see more", "link", "this link"},
    "uk": {
        "натисніть тут",
        "натисніть",
        "тут",
        "більше",
        "детальніше",
        "читати далі",
        "читати більше",
        "посилання",
    },
}

BLOCKS = {"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"}
CAPS_WORDS = 3
CAPS_LETTERS = 20
QUOTED = 60  # characters of an all-caps text quoted in its warning


@dataclass(frozen=True)
class EditorWarning:
    field_id: str  # the id of the field the warning is about: the warning links to it
    where: str  # the field and language, as the person knows them
    message: str


class _Reader(HTMLParser):
    """Headings in order, each link's text, each block's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[int] = []
        self.links: list[str] = []
        self.blocks: list[str] = []
        self._link: list[str] | None = None
        self._block: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "a":
            self._link = []
        if tag in BLOCKS:
            self._end_block()
            self._block = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            self.links.append("".join(self._link))
            self._link = None
        if tag in BLOCKS:
            self._end_block()

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link.append(data)
        if self._block is not None:
            self._block.append(data)
        elif data.strip():
            self.blocks.append(data)

    def _end_block(self) -> None:
        if self._block is not None:
            self.blocks.append("".join(self._block))
            self._block = None

    def close(self) -> None:
        super().close()
        self._end_block()


def skipped_headings(html: str) -> list[tuple[int, int]]:
    """(before, after) for each heading more than one level below the one before it.

    The page's title is the level 1 heading, so a body starts at level 2.
    """
    reader = _Reader()
    reader.feed(html or "")
    reader.close()
    skips, before = [], 1
    for level in reader.headings:
        if level > before + 1:
            skips.append((before, level))
        before = level
    return skips


def _bare(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text).split()).lower()


def vague_links(html: str, lang: str) -> list[str]:
    """The texts of links that say nothing about where they lead."""
    reader = _Reader()
    reader.feed(html or "")
    reader.close()
    vague = VAGUE_LINKS.get(lang) or set().union(*VAGUE_LINKS.values())
    return [" ".join(text.split()) for text in reader.links if _bare(text) in vague]


def shouting(text: str) -> str | None:
    """The first run of capital letters long enough to be hard to read, or None.

    A run is at least three words, or twenty letters, with no small letter among them; words
    without letters (numbers, dashes) neither count nor break a run, so "MOPS" alone is fine.
    """
    run: list[str] = []
    letters = 0

    def long_enough() -> bool:
        return sum(1 for w in run if any(c.isalpha() for c in w)) >= CAPS_WORDS or (
            letters >= CAPS_LETTERS
        )

    for word in (text or "").split():
        found = [c for c in word if c.isalpha()]
        if not found:
            if run:
                run.append(word)
            continue
        if all(c.isupper() for c in found):
            run.append(word)
            letters += len(found)
            continue
        if long_enough():
            break
        run, letters = [], 0
    if run and long_enough():
        return " ".join(run)
    return None


def shouting_in(html: str) -> list[str]:
    reader = _Reader()
    reader.feed(html or "")
    reader.close()
    return [found for block in reader.blocks if (found := shouting(block))]


def _quote(text: str) -> str:
    return text if len(text) <= QUOTED else text[:QUOTED].rstrip() + "…"


def check_text(
    field_id: str, where: str, value: str, lang: str, is_html: bool
) -> list[EditorWarning]:
    """The warnings for one field's text in one language."""
    found: list[EditorWarning] = []

    def warn(message: str) -> None:
        found.append(EditorWarning(field_id, where, message))

    if not is_html:
        if caps := shouting(value):
            warn(_caps_message(caps))
        return found
    for before, after in skipped_headings(value):
        warn(
            _(
                "A level %(after)s heading follows a level %(before)s heading, so a level is "
                "skipped. People who move through the page by its headings will think "
                "something is missing: use the next level down.",
                after=after,
                before=before,
            )
        )
    for text in vague_links(value, lang):
        warn(
            _(
                "The link “%(text)s” does not say where it leads. Screen reader users often "
                "hear the links alone: write what the reader will find there.",
                text=text,
            )
        )
    for caps in shouting_in(value):
        warn(_caps_message(caps))
    return found


def _caps_message(text: str) -> str:
    return _(
        "“%(text)s” is written in capital letters. Such text is hard to read and screen "
        "readers may spell it out: write it normally, and use bold for emphasis.",
        text=_quote(text),
    )


def check_form(kind: Any, form: Any, labels: dict[str, str]) -> list[EditorWarning]:
    """Every warning for a content form about to be published, field by field.

    HTML is checked as it will be stored (cleaned). Languages without a translation are skipped
    (readers see the Polish text there); missing Polish alternative text is already an error, so
    only the translations' is a warning here.
    """
    found: list[EditorWarning] = []
    if "documents" in form:
        from ..documents.editor import warnings as document_warnings

        where = _("Documents")
        found += [EditorWarning(field_id, where, message)
                  for field_id, message in document_warnings(form, None)]
    for section in form.sections():
        lang = section.lang
        if not section.is_source and not section.has_content():
            continue
        language = language_label(lang)
        for name in kind.field_names:
            f = section[name]
            is_html = name in kind.html_fields
            value = clean_html(f.data or "") if is_html else (f.data or "")
            where = _("%(field)s, %(language)s", field=labels[name], language=language)
            found += check_text(f.id, where, value, lang, is_html)
        if lang == SOURCE_LANGUAGE:
            continue
        for number, photo in _photos(form):
            if photo.remove.data or photo.decorative.data or lang not in photo:
                continue
            alt = photo[lang].form.alt
            if (alt.data or "").strip():
                continue
            where = _("%(field)s, %(language)s", field=labels["alt"], language=language)
            if number is None:
                message = _(
                    "The certificate image has no alternative text in this language. Describe "
                    "what it shows, or mark it as decorative."
                )
            else:
                message = _(
                    "Photo %(number)s has no alternative text in this language. Describe what "
                    "it shows, or mark it as decorative.",
                    number=number,
                )
            found.append(EditorWarning(alt.id, where, message))
    return found


def _photos(form: Any) -> list[tuple[int | None, Any]]:
    """(number, sub-form) of each picture that is shown: the certificate has no number."""
    photos: list[tuple[int | None, Any]] = []
    if "certificate" in form:
        picture = form.certificate.form
        if picture.image_id.data or ("key" in picture and picture.key.data):
            photos.append((None, picture))
    if "images" in form:
        photos += [(n, entry.form) for n, entry in enumerate(form.images, start=1)]
    return photos
