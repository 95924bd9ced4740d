"""Words as the search index and the search box see them: one normalisation for both.

A text is cut into words; each word is indexed twice, as written and as its dictionary form
(``simplemma``, which ships its own data for Polish, Ukrainian, English and 50 more), both
*folded*: lower case, without diacritics ("Społeczną" → "spoleczna", lemma "spoleczny"). A query
is cut and folded the same way and lemmatised in the reader's language and in Polish (an item
not translated yet is found by its Polish text), so "pomoc dla rodzin" finds "pomocy rodzinom".

Only letters and digits ever reach the database: whatever syntax a query holds (quotes, ``*``,
``NEAR``, ``:``, ``&``, ``!``, brackets, SQL, NUL bytes) is cut away here, before a query for
FTS5 or ``tsquery`` is built from the words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import simplemma
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries import LOW_MEMORY_DICTIONARY_FACTORY

from ..html import plain_text  # noqa: F401  (what indexing reads of rich text)

# A word: letters and digits, with an apostrophe inside (Ukrainian "сім'я", English "don't").
WORD = re.compile(r"[^\W_]+(?:['’ʼ][^\W_]+)*")
# Letters that carry no combining mark to strip, but readers type without one.
_FOLD = str.maketrans({"ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe"})

MAX_WORDS = 12  # of a query: more adds nothing but cost
MAX_WORD = 40  # characters of one query word
PREFIX_MIN = 3  # the last word typed matches as a prefix from this many letters
STEM_FROM = 6  # an unknown word this long is also looked for by its stem
SOURCE = "pl"  # the language every item is written in first
MAX_TEXT_WORDS = 20_000  # of an item's text that are indexed

# Words too common to narrow a search ("pomoc dla rodzin": "dla" says nothing). Left out of a
# query unless it has nothing else.
STOP_WORDS = {
    "pl": set("a aby albo ale ani bo by być czy dla do i ich in jak jest już lub na nad nie "
              "o od oraz po pod przez przy s się są ta tak te to u w we z za ze że".split()),
    "uk": set("а або але в від во для до з за и й із і їх на не по при про та те то у це "
              "чи що як".split()),
    "en": set("a an and are as at be by for from in is it of on or that the this to was "
              "with".split()),
}


@lru_cache(maxsize=200_000)
def fold(word: str) -> str:
    """Lower case, without diacritics or apostrophes: "Zasiłków" → "zasilkow"."""
    word = unicodedata.normalize("NFKD", word.casefold().translate(_FOLD))
    word = unicodedata.normalize("NFC", "".join(ch for ch in word
                                                if not unicodedata.combining(ch)))
    # Only letters and digits: what NFKD made of "¼" ("1⁄4") must stay one word.
    return "".join(ch for ch in word if ch.isalnum())


# The dictionaries as tries: about 70 MB for Polish, Ukrainian and English, against 450 MB as
# plain dictionaries, for the same answers; loaded on first use (a few seconds).
_LEMMATISER = simplemma.Lemmatizer(
    lemmatization_strategy=DefaultStrategy(dictionary_factory=LOW_MEMORY_DICTIONARY_FACTORY))


@lru_cache(maxsize=200_000)
def lemma(word: str, lang: str) -> str:
    """The dictionary form of ``word`` in ``lang``, folded (the word itself if unknown)."""
    try:
        found = _LEMMATISER.lemmatize(word.lower(), lang=lang)
    except ValueError:  # a language simplemma does not know
        found = word
    return fold(found)


@lru_cache(maxsize=200_000)
def forms(word: str, lang: str) -> tuple[str, ...]:
    """A word of a text as indexed: folded as written, and its folded lemma if different."""
    folded = fold(word)
    base = lemma(word, lang)
    return (folded,) if base == folded else (folded, base)


def terms(text: str, lang: str) -> str:
    """A text as the index stores it: each word's forms, separated by spaces."""
    out: list[str] = []
    for n, match in enumerate(WORD.finditer(text)):
        if n >= MAX_TEXT_WORDS:
            break
        out.extend(forms(match.group(), lang))
    return " ".join(out)


@dataclass(frozen=True)
class Word:
    """One word of a query: the forms any of which may match, whole or as the beginning of an
    indexed word (the last word being typed, the stem of an unknown word)."""

    typed: str
    alternatives: tuple[str, ...]
    prefixes: tuple[str, ...] = ()  # matching any indexed word they begin


@dataclass(frozen=True)
class Query:
    words: tuple[Word, ...]

    def __bool__(self) -> bool:
        return bool(self.words)

    def matches(self, word: str, lang: str) -> bool:
        """Whether a word of a text is one the query looks for (for highlighting)."""
        found = forms(word, lang)
        for want in self.words:
            if any(form in want.alternatives for form in found):
                return True
            if any(form.startswith(p) for p in want.prefixes for form in found):
                return True
        return False


def clean(raw: str) -> str:
    """What was typed, made safe to show and to cut into words (NUL and control characters
    out, at most a few hundred characters)."""
    raw = "".join(ch if ch.isprintable() else " " for ch in raw[:1000])
    return " ".join(raw.split())[:200]


def parse(raw: str, lang: str) -> Query:
    """The words of a query typed in ``lang``: every word must be found (as written, or in
    any inflected form); the last one typed also as the beginning of a longer word."""
    typed = [match.group() for match in WORD.finditer(clean(raw))]
    typed = [word[:MAX_WORD] for word in typed][:MAX_WORDS]
    stop = STOP_WORDS.get(lang, set()) | STOP_WORDS["pl"]
    kept = [word for word in typed if fold(word) not in stop] or typed
    ends_in_word = bool(raw) and not raw[-1:].isspace()
    words = []
    for n, word in enumerate(kept):
        folded = fold(word)
        if not folded:
            continue
        lemmas = {lemma(word, lang), lemma(word, SOURCE)} - {""}
        prefixes = set()
        if n == len(kept) - 1 and word == typed[-1] and ends_in_word and \
                len(folded) >= PREFIX_MIN:
            prefixes.add(folded)
        if lemmas == {folded} and folded == word.casefold() and len(folded) >= STEM_FROM:
            # Unknown to the dictionary, typed without diacritics ("spoleczna"): its stem
            # finds the inflected forms ("społecznej", "społeczny") written with them.
            prefixes.add(folded[:-2] if len(folded) >= STEM_FROM + 2 else folded[:-1])
        words.append(Word(word, tuple(sorted(lemmas | {folded})), tuple(sorted(prefixes))))
    return Query(tuple(words))


def fts5_query(query: Query) -> str:
    """The query for SQLite FTS5 (``"a" OR "b"`` per word, every word required)."""
    parts = []
    for word in query.words:
        options = [f'"{form}"' for form in word.alternatives]
        options += [f'"{prefix}"*' for prefix in word.prefixes]
        parts.append("(" + " OR ".join(options) + ")")
    return " AND ".join(parts)


def tsquery(query: Query) -> str:
    """The query for PostgreSQL ``to_tsquery`` (``a | b`` per word, ``&`` between words)."""
    parts = []
    for word in query.words:
        options = [f"'{form}'" for form in word.alternatives]
        options += [f"'{prefix}':*" for prefix in word.prefixes]
        parts.append("(" + " | ".join(options) + ")")
    return " & ".join(parts)
