"""What every kind of translatable, publishable content shares.

Each kind is a parent row (language-neutral facts, publication state, the version of its Polish
source) plus one translation row per language. Polish is the source: its row always exists. A
translation records the source version it was made from, so "outdated" is computed, not stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, ClassVar, Generic, TypeVar

import sqlalchemy as sa
from flask import current_app
from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy.orm import Mapped, declared_attr, lazyload, mapped_column, raiseload, selectinload
from sqlalchemy.types import TypeDecorator

from .extensions import db

SOURCE_LANGUAGE = "pl"


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware, on every engine."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; store UTC-aware timestamps only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Publishable(Timestamped):
    """Publication state: a draft has no ``published_at``; a future one is scheduled.

    ``expires_at`` ends the publication by itself, like a schedule starts it: from that moment
    the item is not visible, with no job to run. ``review_due_on`` is the day by which staff
    should check the content (benefit amounts and rules change every year); readers never see it.
    """

    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_due_on: Mapped[date | None] = mapped_column(sa.Date)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Bumped whenever the Polish source text changes; translations remember the one they followed.
    version: Mapped[int] = mapped_column(default=1)

    @classmethod
    def visible(cls, now: datetime | None = None) -> sa.ColumnElement[bool]:
        """The SQL condition for what an anonymous reader may see at ``now``."""
        now = now or utcnow()
        return sa.and_(
            cls.published_at.is_not(None),
            cls.published_at <= now,
            sa.or_(cls.expires_at.is_(None), cls.expires_at > now),
            cls.deleted_at.is_(None),
        )

    def is_visible(self, now: datetime | None = None) -> bool:
        now = now or utcnow()
        return (
            self.published_at is not None
            and self.published_at <= now
            and not self.is_expired(now)
            and self.deleted_at is None
        )

    def is_expired(self, now: datetime | None = None) -> bool:
        """Whether its publication has ended by itself (``expires_at`` has come)."""
        return self.expires_at is not None and self.expires_at <= (now or utcnow())

    @classmethod
    def review_due(cls, by: date) -> sa.ColumnElement[bool]:
        """The SQL condition for what is to be reviewed by ``by`` (and not in the trash)."""
        return sa.and_(
            cls.review_due_on.is_not(None), cls.review_due_on <= by, cls.deleted_at.is_(None)
        )


def nothing_else() -> Any:
    """The loader option for the relationships a readers' view did not ask for: none is loaded
    with the rows. Touching one raises under ``TESTING``, so a template's N+1 fails the tests;
    in production it is loaded when touched (a slower page rather than an error)."""
    return raiseload("*", sql_only=True) if current_app.testing else lazyload("*")


class NewestFirst(SelectPagination):
    """A page of a list in one order (newest first), counted once, before its rows.

    ``select`` is the list without its order, ``order`` the columns it is sorted on (each
    descending; together unique), ``counting`` its count. OFFSET reads every row it skips, so
    the list is bounded and so is its count: it reaches the first ``bound`` rows (``more``
    says there are others past them, not shown); and when it is all there, a page past the
    middle is read from the other end (the order reversed, the page's rows turned back), so
    the last page costs what the first does.
    """

    @staticmethod
    def bounded_count(counting: sa.Select, bound: int) -> sa.Select:
        """How many rows ``counting`` has, up to ``bound + 1`` (reading no more than that)."""
        return sa.select(sa.func.count()).select_from(counting.limit(bound + 1).subquery())

    def _query_items(self) -> list[Any]:
        session, bound = self._query_args["session"], self._query_args["bound"]
        found = session.execute(
            self.bounded_count(self._query_args["counting"], bound)).scalar_one()
        self.more = found > bound
        self._total = min(found, bound)
        select, order = self._query_args["select"], self._query_args["order"]
        start = self._query_offset
        end = min(start + self.per_page, self._total)
        if start >= end:
            return []
        if self.more or start <= self._total - end:
            select = select.order_by(*(column.desc() for column in order))
            return list(session.scalars(select.limit(end - start).offset(start)).unique())
        select = select.order_by(*(column.asc() for column in order))
        rows = list(session.scalars(select.limit(end - start).offset(self._total - end))
                    .unique())
        return rows[::-1]

    def _query_count(self) -> int:
        return self._total


T = TypeVar("T")


@dataclass(frozen=True)
class Localized(Generic[T]):
    """The text to show in a language: its own translation, or the Polish one as a fallback."""

    text: T
    requested: str

    @property
    def lang(self) -> str:
        """The language the text is actually written in."""
        return self.text.locale  # type: ignore[attr-defined]

    @property
    def is_fallback(self) -> bool:
        return self.lang != self.requested


class Translatable:
    """Mixin for a parent row whose ``translations`` are keyed by locale."""

    translations: dict[str, Any]
    version: int

    @classmethod
    def with_texts(cls) -> tuple:
        """Loader options for items shown by their texts only (a card in a list, a feed entry,
        a sitemap address): the translations of the whole list in one query, nothing else."""
        return (selectinload(cls.translations), nothing_else())

    def localized(self, lang: str) -> Localized:
        text = self.translations.get(lang) or self.translations[SOURCE_LANGUAGE]
        return Localized(text=text, requested=lang)

    def is_outdated(self, lang: str) -> bool:
        tr = self.translations.get(lang)
        return tr is not None and lang != SOURCE_LANGUAGE and tr.source_version < self.version

    def available_languages(self, enabled: tuple[str, ...]) -> list[str]:
        return [code for code in enabled if code in self.translations]


class TranslationRow:
    """Mixin for a translation row: one per (parent, locale)."""

    locale: Mapped[str] = mapped_column(sa.String(12))
    source_version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    @declared_attr.directive
    def __table_args__(cls) -> tuple:
        return (sa.UniqueConstraint("parent_id", "locale"),)


class SluggedTranslation(TranslationRow):
    """A translation with its own address: the slug is unique within its language.

    The unique constraint leads with the language; readers' addresses are looked up by the slug
    alone (``SlugLookup``), so the slug has an index of its own: without it, each lookup reads
    the whole table (119 ms at 100,000 articles).
    """

    slug: Mapped[str] = mapped_column(sa.String(200), index=True)
    title: Mapped[str] = mapped_column(sa.String(300))

    @declared_attr.directive
    def __table_args__(cls) -> tuple:
        return (sa.UniqueConstraint("parent_id", "locale"), sa.UniqueConstraint("locale", "slug"))


class SlugLookup:
    """Finding a parent by the slug readers see in a URL, whatever language it came from."""

    translation_class: ClassVar[type]

    @classmethod
    def page_options(cls) -> tuple:
        """Loader options for the item's own readers' page: what its template shows, loaded
        with it (a kind with more than texts, a gallery or documents, says so)."""
        return cls.with_texts()  # type: ignore[attr-defined]

    @classmethod
    def by_slug(cls, slug: str, lang: str) -> Any | None:
        """The item with ``slug`` in any language (``lang``'s first, then Polish's), in one
        query through the slug's index, loaded for its page (``page_options``)."""
        tr_cls = cls.translation_class
        rows = db.session.execute(
            sa.select(cls, tr_cls.locale).join(tr_cls, tr_cls.parent_id == cls.id)
            .where(tr_cls.slug == slug).options(*cls.page_options())
        ).unique().all()
        if not rows:
            return None
        preference = {lang: 0, SOURCE_LANGUAGE: 1}
        return min(rows, key=lambda row: preference.get(row.locale, 2))[0]
