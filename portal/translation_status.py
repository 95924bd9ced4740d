"""How far the content is translated: every item × language, missing / outdated / up to date.

A translation row remembers the version of the Polish source it was made from; the parent's
``version`` is bumped whenever the Polish text changes. So "outdated" is computed here, never
stored. The staff translation-status page and the content PO export both read this module.

:func:`editor_url` is the one place that knows where staff edit an item's translation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any

import sqlalchemy as sa
from flask import current_app, has_request_context, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from .content import SOURCE_LANGUAGE
from .extensions import db


class Status(StrEnum):
    MISSING = "missing"
    OUTDATED = "outdated"
    UP_TO_DATE = "up-to-date"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    Status.MISSING: _l("Missing"),
    Status.OUTDATED: _l("Outdated"),
    Status.UP_TO_DATE: _l("Up to date"),
}

# What staff call each field a translator writes (the PO import's report names them).
FIELD_LABELS = {
    "title": lazy_pgettext("content field", "Title"),
    "summary": lazy_pgettext("content field", "Summary"),
    "body": lazy_pgettext("content field", "Text"),
    "organiser": lazy_pgettext("content field", "Organiser"),
    "edition": lazy_pgettext("content field", "Edition"),
    "place": lazy_pgettext("content field", "Place"),
    "description": lazy_pgettext("content field", "Description"),
    "alt": lazy_pgettext("content field", "Alternative text"),
    "caption": lazy_pgettext("content field", "Caption"),
}


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


@dataclass(frozen=True)
class Kind:
    """A kind of translatable content and the fields a translator writes for it."""

    name: str
    model: type
    fields: tuple[str, ...]
    label: str  # lazy: "Article"
    plural_label: str  # lazy: "Articles"
    html_fields: frozenset[str] = frozenset()
    endpoint: str | None = None  # the public page of an item, when it has one of its own

    @property
    def translation_class(self) -> type:
        return self.model.translations.property.mapper.class_


@cache
def kinds() -> tuple[Kind, ...]:
    from .awards.models import Award
    from .images.models import Image
    from .news.models import Article
    from .pages.models import Page

    return (
        Kind("article", Article, ("title", "summary", "body"),
             lazy_pgettext("content kind", "Article"), _l("Articles"),
             frozenset({"body"}), "public.article"),
        Kind("award", Award, ("title", "organiser", "edition", "place", "description"),
             lazy_pgettext("content kind", "Award"), _l("Awards"), endpoint="public.award"),
        Kind("page", Page, ("title", "summary", "body"),
             lazy_pgettext("content kind", "Page"), _l("Pages"),
             frozenset({"body"}), "public.page"),
        Kind("image", Image, ("alt", "caption"),
             lazy_pgettext("content kind", "Photo"), _l("Photos (alternative texts and captions)")),
    )


def kind_named(name: str) -> Kind | None:
    return next((kind for kind in kinds() if kind.name == name), None)


@dataclass(frozen=True)
class Item:
    """One translatable item: its parent row, and where a reader finds it."""

    kind: Kind
    row: Any
    # For an image: the article or award it is shown on (images have no page of their own).
    shown_on: Item | None = None

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def version(self) -> int:
        return self.row.version

    @property
    def source(self) -> Any:
        return self.row.translations[SOURCE_LANGUAGE]

    def source_fields(self) -> dict[str, str]:
        """The Polish text of each field that has any (a decorative image has no alt)."""
        values = {}
        for name in self.kind.fields:
            if name == "alt" and getattr(self.row, "decorative", False):
                continue
            value = getattr(self.source, name) or ""
            if value.strip():
                values[name] = value
        return values

    @property
    def label(self) -> str:
        """The item's Polish title (an image's alt text or caption)."""
        fields = self.source_fields()
        return fields.get("title") or fields.get("alt") or fields.get("caption") or ""

    def status(self, lang: str) -> Status:
        translation = self.row.translations.get(lang)
        if translation is None:
            return Status.MISSING
        if translation.source_version < self.version:
            return Status.OUTDATED
        return Status.UP_TO_DATE

    def public_url(self, lang: str = SOURCE_LANGUAGE) -> str | None:
        """The item's public address in ``lang`` (absolute within a request), if it has one."""
        if self.shown_on is not None:
            return self.shown_on.public_url(lang)
        if self.kind.endpoint is None or not self.row.is_visible():
            return None
        translation = self.row.translations.get(lang) or self.source
        return url_for(self.kind.endpoint, lang=lang, slug=translation.slug,
                       _external=has_request_context())

    def editor_url(self, lang: str) -> str | None:
        """Where staff translate this item into ``lang``; a photo is translated on the page of
        the article or award it is shown on, at the photo."""
        if self.kind.name != "image":
            return editor_url(self.kind.name, self.id, lang)
        if self.shown_on is None:
            return None
        url = self.shown_on.editor_url(lang)
        anchor = "certificate" if self.shown_on.kind.name == "award" else f"image-{self.id}"
        return f"{url}#{anchor}" if url else None

    def __str__(self) -> str:
        return f"{self.kind.name} {self.id} “{self.label}”"


def editor_url(kind: str, item_id: int, lang: str) -> str | None:
    """The staff page where an item is translated into ``lang`` (the editor decides)."""
    from .staff.editing import editor_url as staff_editor_url

    return staff_editor_url(kind, item_id, lang)


def items() -> list[Item]:
    """Every translatable item staff can see (trash left out), in a stable order."""
    found: list[Item] = []
    by_kind: dict[str, dict[int, Item]] = {}
    for kind in kinds():
        model = kind.model
        query = sa.select(model).order_by(model.id)
        if kind.name == "image":
            from .news.models import Article

            query = query.outerjoin(Article, model.article_id == Article.id).where(
                sa.or_(model.article_id.is_(None), Article.deleted_at.is_(None)))
        else:
            query = query.where(model.deleted_at.is_(None))
        rows = list(db.session.scalars(query))
        by_kind[kind.name] = {}
        certificates = {award.row.certificate_image_id: award
                        for award in by_kind.get("award", {}).values()}
        for row in rows:
            shown_on = None
            if kind.name == "image":
                shown_on = by_kind["article"].get(row.article_id) or certificates.get(row.id)
            item = Item(kind, row, shown_on)
            if item.source_fields():
                by_kind[kind.name][row.id] = item
                found.append(item)
    return found


def translatable_languages() -> tuple[str, ...]:
    return tuple(code for code in current_app.config["PORTAL_LANGUAGES"]
                 if code != SOURCE_LANGUAGE)


@dataclass(frozen=True)
class Row:
    item: Item
    states: dict[str, Status]


@dataclass
class StatusMatrix:
    """Items × languages, and for each language how many items are in each state."""

    languages: tuple[str, ...]
    rows: list[Row]
    counts: dict[str, Counter] = field(default_factory=dict)

    def of_kind(self, name: str) -> list[Row]:
        return [row for row in self.rows if row.item.kind.name == name]


def count(rows: list[Row], languages: tuple[str, ...]) -> dict[str, Counter]:
    """For each language, how many of ``rows`` are in each state (every state present)."""
    counts = {lang: Counter({status: 0 for status in Status}) for lang in languages}
    for row in rows:
        for lang in languages:
            counts[lang][row.states[lang]] += 1
    return counts


def matrix(languages: tuple[str, ...] | None = None) -> StatusMatrix:
    """The status of every item in every language other than Polish (a few queries in all)."""
    languages = languages or translatable_languages()
    rows = [Row(item, {lang: item.status(lang) for lang in languages}) for item in items()]
    return StatusMatrix(languages, rows, count(rows, languages))
