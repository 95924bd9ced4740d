"""Demo content: the centre's news, an award, information pages, the required pages and the
accessibility statement, in Polish and English; and in Ukrainian what Ukrainian readers come
for first: the information point for citizens of Ukraine, the forms of help, the contact and
easy-to-read pages, and the certificate article with its photos' texts.

Written for the demo from the facts of a real article of the centre's site; the texts are data,
in ``content/`` beside this module (one JSON file per part), so they can be read and corrected
without reading code. Everything is written through the write service (:mod:`portal.service`,
``via="demo"``), like any other change. ``load()`` is idempotent: an item whose Polish slug (or
key) exists already is left as it is, and so is a statement that exists.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask import current_app

from ..accessibility.models import AccessibilityStatement
from ..documents.library import remember_image
from ..extensions import db
from ..images import processing
from ..images.models import Image
from ..kinds import Kind, kind_named
from ..pages.models import Page, PageKey
from ..service import Change, Via
from ..slugs import make_slug
from .photos import placeholder_photo

CONTENT = Path(__file__).parent / "content"
CERTIFICATE_SLUG = "mops-z-certyfikatem-jakosci-przyjazny-urzad"
CONTACT_SLUG = "kontakt"  # the contact page of the general pages, which the law's links need


@cache
def data(name: str) -> Any:
    """One part of the demo content, as written in ``content/<name>.json``."""
    return json.loads((CONTENT / f"{name}.json").read_text("utf-8"))


def _by_slug(kind: Kind, slug: str) -> Any | None:
    tr = kind.translation_class
    return db.session.scalar(sa.select(kind.model).join(tr).where(tr.locale == "pl",
                                                                 tr.slug == slug))


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _value(name: str, value: Any) -> Any:
    """A field's value as the data writes it: a day (``…_on``) as "2026-12-15"."""
    return date.fromisoformat(value) if name.endswith("_on") and value else value


def _item(change: Change, kind: Kind, entry: dict[str, Any], **fields: Any) -> Any:
    """A published item with its texts in each language (slugs given, or made from titles)."""
    item = change.create(kind, **fields)
    for lang, texts in entry["translations"].items():
        values = {name: value for name, value in texts.items() if name != "slug"}
        change.write_texts(kind, item, lang, values, slug=texts.get("slug"))
    change.publish(kind, item, _moment(entry["published_at"]))
    return item


def _certificate(change: Change) -> tuple[Any, int]:
    articles, images = kind_named("article"), kind_named("image")
    article = _by_slug(articles, CERTIFICATE_SLUG)
    if article is not None:
        return article, 0
    entry = data("certificate")["article"]
    article = _item(change, articles, entry)
    for number, texts in enumerate(entry["gallery"]):
        processed = processing.process(placeholder_photo(number, texts["pl"]["caption"]),
                                       current_app.config["MEDIA_ROOT"])
        remember_image(processed, f"{CERTIFICATE_SLUG}-{number + 1}.webp")
        image = change.add(images, Image(position=number, key=processed.key,
                                         width=processed.width, height=processed.height,
                                         renditions=processed.renditions, version=1))
        article.images.append(image)
        for lang, values in texts.items():
            change.write_texts(images, image, lang, values)
    return article, 1


def _award(change: Change, article: Any) -> int:
    awards = kind_named("award")
    entry = data("certificate")["award"]
    if _by_slug(awards, entry["translations"]["pl"]["slug"]) is not None:
        return 0
    _item(change, awards, entry, awarded_on=date.fromisoformat(entry["awarded_on"]),
          article=article, certificate_image=article.images[0])
    return 1


def _listed(change: Change, kind: Kind, name: str, **fields_of: Any) -> int:
    added = 0
    for entry in data(name):
        if _by_slug(kind, make_slug(entry["translations"]["pl"]["title"])) is not None:
            continue
        fields = {field: _value(field, entry[field]) for field in fields_of if field in entry}
        _item(change, kind, entry, **fields)
        added += 1
    return added


def _required_pages(change: Change) -> int:
    pages = kind_named("page")
    contact = _by_slug(pages, CONTACT_SLUG)
    keyed = {page.key for page in db.session.scalars(sa.select(Page).where(Page.key.is_not(None)))}
    if contact is not None and contact.key is None and PageKey.CONTACT not in keyed:
        change.set_fields(pages, contact, {"key": PageKey.CONTACT})
        if not any(item is contact for _kind, item in change.created()):
            change.record(pages, contact, "save")  # a contact page from before: say so
    added = 0
    for entry in data("required_pages"):
        if entry["key"] in keyed:
            continue
        _item(change, pages, entry, key=entry["key"])
        added += 1
    return added


def _statement(change: Change) -> int:
    if AccessibilityStatement.current() is not None:
        return 0
    kind, entry = kind_named("statement"), data("statement")
    facts = {name: _value(name, value) for name, value in entry["facts"].items()}
    statement = change.create(kind, **facts)
    for lang, values in entry["translations"].items():
        change.write_texts(kind, statement, lang, values)
    return 1


def load(if_empty: bool = False) -> int:
    """Add the demo content that is not there yet; return how many items were added."""
    article_kind = kind_named("article")
    if if_empty and db.session.scalar(sa.select(sa.func.count())
                                      .select_from(article_kind.model)):
        return 0
    with Change(None, Via.DEMO) as change:
        article, added = _certificate(change)
        added += _award(change, article)
        added += _listed(change, article_kind, "news")
        added += _listed(change, kind_named("page"), "pages", menu_position=True,
                         review_due_on=True)
        added += _required_pages(change)
        added += _statement(change)
        db.session.flush()
        for kind, item in change.created():
            change.record(kind, item, "create")
    return added
