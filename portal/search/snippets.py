"""The matched words of a hit, marked in its title and in a short extract of its text.

Everything is escaped; the only markup added is ``<mark>`` around the words the query matched
(in any inflected form, folded as the index folds them).
"""

from __future__ import annotations

from markupsafe import Markup, escape

from . import text

WORDS_BEFORE = 12
WORDS_AFTER = 28
SCAN_WORDS = 5000  # of a long text, where a match is looked for


def _marked(source: str, spans: list[tuple[int, int]], start: int, end: int) -> Markup:
    out, at = [], start
    for a, b in spans:
        if b <= start or a >= end:
            continue
        out.append(escape(source[at:a]))
        # safe: the only markup added is <mark>, a literal; every piece of text is escaped.
        out.append(Markup("<mark>") + escape(source[a:b]) + Markup("</mark>"))
        at = b
    out.append(escape(source[at:end]))
    # safe: joins pieces escaped above (Markup's join escapes anything that is not Markup).
    return Markup("").join(out)


def highlight(source: str, query: text.Query, lang: str) -> Markup:
    """The whole of ``source`` (a title) with the query's words marked."""
    spans = [m.span() for m in text.WORD.finditer(source) if query.matches(m.group(), lang)]
    return _marked(source, spans, 0, len(source))


def snippet(source: str, query: text.Query, lang: str) -> Markup:
    """An extract of ``source`` around its first match (or its beginning), words marked."""
    words = []
    first = None
    whole = True  # every word of the text was looked at
    for n, match in enumerate(text.WORD.finditer(source)):
        if n >= SCAN_WORDS or (first is not None and n > first + WORDS_AFTER):
            whole = False
            break
        hit = query.matches(match.group(), lang)
        words.append((match.span(), hit))
        if hit and first is None:
            first = n
    if not words:
        return Markup("")  # safe: empty
    at = max(0, (first or 0) - WORDS_BEFORE)
    until = min(len(words), at + WORDS_BEFORE + WORDS_AFTER)
    start = words[at][0][0] if at else 0
    end = len(source) if whole and until == len(words) else words[until - 1][0][1]
    spans = [span for span, hit in words[at:until] if hit]
    body = _marked(source, spans, start, end)
    # safe: literal ellipses, no text of the item in them.
    prefix = Markup("… ") if start > 0 else Markup("")
    suffix = Markup(" …") if end < len(source) else Markup("")  # safe: as the line above
    return prefix + body + suffix
