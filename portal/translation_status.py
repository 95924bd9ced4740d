"""How far the content is translated: every item × language, missing / outdated / up to date.

A translation row remembers the version of the Polish source it was made from; the parent's
``version`` is bumped whenever the Polish text changes. So "outdated" is computed here, never
stored. The staff translation-status page and the content PO export both read this module.

The kinds and their fields come from the registry (:mod:`portal.kinds`); where staff translate
an item is the editor's to say (:func:`portal.editor.states.editor_url`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from flask import current_app, has_request_context, url_for
from flask_babel import lazy_gettext as _l

from .content import SOURCE_LANGUAGE
from .editor.states import editor_url
from .extensions import db
from .kinds import Kind, kind_named, translated


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
        for name in self.kind.field_names:
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
        if self.kind.public_endpoint is None or not self.row.is_visible():
            return None
        translation = self.row.translations.get(lang) or self.source
        return url_for(self.kind.public_endpoint, lang=lang, slug=translation.slug,
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


def items() -> list[Item]:
    """Every translatable item staff can see (trash left out), in a stable order."""
    found: list[Item] = []
    by_kind: dict[str, dict[int, Item]] = {}
    for kind in translated():
        model = kind.model
        query = sa.select(model).order_by(model.id)
        if kind.name == "image":
            article = kind_named("article").model
            query = query.outerjoin(article, model.article_id == article.id).where(
                sa.or_(model.article_id.is_(None), article.deleted_at.is_(None)))
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
class ItemStates:
    """One line of the matrix: an item and its state in each language."""

    item: Item
    states: dict[str, Status]


@dataclass
class StatusMatrix:
    """Items × languages, and for each language how many items are in each state."""

    languages: tuple[str, ...]
    rows: list[ItemStates]
    counts: dict[str, Counter] = field(default_factory=dict)

    def of_kind(self, name: str) -> list[ItemStates]:
        return [row for row in self.rows if row.item.kind.name == name]


def count(rows: list[ItemStates], languages: tuple[str, ...]) -> dict[str, Counter]:
    """For each language, how many of ``rows`` are in each state (every state present)."""
    counts = {lang: Counter({status: 0 for status in Status}) for lang in languages}
    for row in rows:
        for lang in languages:
            counts[lang][row.states[lang]] += 1
    return counts


def matrix(languages: tuple[str, ...] | None = None) -> StatusMatrix:
    """The status of every item in every language other than Polish (a few queries in all)."""
    languages = languages or translatable_languages()
    rows = [ItemStates(item, {lang: item.status(lang) for lang in languages}) for item in items()]
    return StatusMatrix(languages, rows, count(rows, languages))
