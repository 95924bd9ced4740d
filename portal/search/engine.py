"""The one search function, :func:`find`, on SQLite FTS5 and on PostgreSQL full-text search.

Both get the same words (:func:`portal.search.text.parse`), and answer the same way: every word
of the query found (as written, in an inflected form or, for the last, as a prefix), the title
weighing more than the body, a page of hits and the total.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from ..content import SOURCE_LANGUAGE, utcnow
from ..extensions import db
from . import text
from .models import FTS_TABLE, PG_CONFIG, PG_DOCUMENT, SearchEntry, SearchText

# A word in the title counts more than one in the body: ten times on SQLite (the FTS5 table's
# rank, bm25(10.0, 1.0), see models.SQLITE_DDL), 1.0 to 0.4 on PostgreSQL (ts_rank's weights
# of the 'A' title and 'B' body).
STATUSES = ("draft", "scheduled", "published", "expired", "trash")


@dataclass(frozen=True)
class Hit:
    kind: str
    item_id: int
    lang: str  # the language of the text found
    owner_kind: str | None
    owner_id: int | None
    title: str
    text: str
    published_at: datetime | None = None
    expires_at: datetime | None = None
    deleted_at: datetime | None = None


@dataclass
class Results:
    """A page of hits, with what a pager needs."""

    query: text.Query
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = 10

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1

    def iter_pages(self, around: int = 2) -> Iterable[int | None]:
        """Page numbers to offer: the first, the last and those around this one (None: a gap)."""
        shown = {1, self.pages, *range(self.page - around, self.page + around + 1)}
        last = 0
        for number in sorted(n for n in shown if 1 <= n <= self.pages):
            if number > last + 1:
                yield None
            yield number
            last = number


def _match() -> tuple[sa.ColumnElement[bool], sa.ColumnElement[float], bool]:
    """The engine's match condition and rank (lower is better on both), and whether it joins
    the FTS5 table."""
    if db.session.get_bind().dialect.name == "sqlite":
        condition = sa.literal_column(FTS_TABLE).op("MATCH")(sa.bindparam("q"))
        # FTS5's own rank, computed for the best rows only when ordered and limited.
        return condition, sa.literal_column(f"{FTS_TABLE}.rank"), True
    document = sa.literal_column(PG_DOCUMENT)
    tsquery = sa.func.to_tsquery(sa.literal_column(f"'{PG_CONFIG}'::regconfig"),
                                 sa.bindparam("q"))
    return document.op("@@")(tsquery), -sa.func.ts_rank(document, tsquery), False


def _engine_query(query: text.Query) -> str:
    if db.session.get_bind().dialect.name == "sqlite":
        return text.fts5_query(query)
    return text.tsquery(query)


def _status(status: str, now: datetime) -> sa.ColumnElement[bool]:
    e = SearchEntry
    live = sa.and_(e.deleted_at.is_(None), e.published_at.is_not(None), e.published_at <= now)
    return {
        "trash": e.deleted_at.is_not(None),
        "draft": sa.and_(e.deleted_at.is_(None), e.published_at.is_(None)),
        "scheduled": sa.and_(e.deleted_at.is_(None), e.published_at > now),
        "expired": sa.and_(live, e.expires_at.is_not(None), e.expires_at <= now),
        "published": e.visible(now),
    }[status]


def find(raw: str, lang: str, *, page: int = 1, per_page: int = 10, staff: bool = False,
         kinds: Iterable[str] | None = None, statuses: Iterable[str] | None = None,
         now: datetime | None = None) -> Results:
    """Search for what ``raw`` says, typed by a reader of ``lang``.

    A reader finds what is visible at ``now``, each item once: in ``lang``, or in Polish when
    it has no ``lang`` text. ``staff=True`` finds items in any state and language (each once;
    ``statuses`` from :data:`STATUSES`, by default all but the trash), for the dashboard and
    the staff search page. ``kinds`` keeps to some kinds (by name).
    """
    query = text.parse(raw, lang)
    page = max(1, page)
    results = Results(query, page=page, per_page=per_page)
    if not query:
        return results
    now = now or utcnow()
    condition, rank, joins_fts = _match()
    e = SearchEntry
    where: list[sa.ColumnElement[bool]] = [condition]
    if kinds:
        where.append(e.kind.in_(list(kinds)))
    if staff:
        chosen = [s for s in (statuses or ()) if s in STATUSES]
        where.append(sa.or_(*[_status(s, now) for s in chosen]) if chosen
                     else e.deleted_at.is_(None))
    else:
        where.append(e.visible(now))
        if lang == SOURCE_LANGUAGE:
            where.append(e.lang == lang)
        else:
            own = sa.orm.aliased(SearchEntry)
            where.append(sa.or_(e.lang == lang, sa.and_(
                e.lang == SOURCE_LANGUAGE,
                ~sa.exists().where(own.kind == e.kind, own.item_id == e.item_id,
                                   own.lang == lang))))

    def base(*columns):
        select = sa.select(*columns)
        if joins_fts:
            select = select.select_from(sa.table(FTS_TABLE)).join(
                e, e.id == sa.literal_column(f"{FTS_TABLE}.rowid"))
        else:
            select = select.select_from(e).join(SearchText, SearchText.entry_id == e.id)
        return select.where(*where)

    params = {"q": _engine_query(query)}
    session = db.session
    if staff:
        # Each item once, at the rank of its best language (Polish first among equals); staff
        # content is counted in thousands, so the grouping is done here.
        matched = session.execute(base(e.id, e.kind, e.item_id, e.lang, rank.label("rank"))
                                  .order_by(rank, e.kind, e.item_id), params).all()
        best: dict[tuple[str, int], Any] = {}
        for row in sorted(matched, key=lambda r: (r.rank, r.lang != SOURCE_LANGUAGE)):
            best.setdefault((row.kind, row.item_id), row.id)
        results.total = len(best)
        chosen = list(best.values())[(page - 1) * per_page:page * per_page]
        results.hits = _hits(chosen)
        return results
    results.total = session.scalar(base(sa.func.count()), params) or 0
    chosen = session.scalars(base(e.id).order_by(rank, e.id).limit(per_page)
                             .offset((page - 1) * per_page), params).all()
    results.hits = _hits(list(chosen))
    return results


def _hits(ids: list[int]) -> list[Hit]:
    """The hits of entries ``ids``, in that order, with their texts."""
    if not ids:
        return []
    rows = {row.id: row for row in db.session.execute(
        sa.select(SearchEntry.__table__, SearchText.title, SearchText.text)
        .join(SearchText, SearchText.entry_id == SearchEntry.id)
        .where(SearchEntry.id.in_(ids)))}
    return [Hit(row.kind, row.item_id, row.lang, row.owner_kind, row.owner_id, row.title,
                row.text, row.published_at, row.expires_at, row.deleted_at)
            for row in (rows.get(entry_id) for entry_id in ids) if row is not None]
