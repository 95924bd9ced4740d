"""Revisions: a snapshot of an item after every save, so any change can be seen and undone.

A revision holds every language's text, the language-neutral fields, the publication state and
the gallery's texts as JSON. Differences between two revisions are computed word by word, per
field and per language, for people who do not read HTML.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import nh3
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .content import SOURCE_LANGUAGE, UTCDateTime, utcnow
from .extensions import db
from .staff.models import User


class Revision(db.Model):
    __tablename__ = "revisions"
    __table_args__ = (sa.UniqueConstraint("content_type", "item_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    content_type: Mapped[str] = mapped_column(sa.String(40))
    item_id: Mapped[int] = mapped_column(index=True)
    # 1, 2, 3 … per item: what the edit form remembers to notice someone else's save.
    number: Mapped[int]
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # "baseline", "create", "save", "publish", "schedule", "unpublish", "delete", "restore",
    # "revert", "import" (a content PO file)
    action: Mapped[str] = mapped_column(sa.String(20))
    # Through what the change came: "form", "po-import", "revert", "demo", "command-line".
    via: Mapped[str | None] = mapped_column(sa.String(20))
    # The item's version (of its Polish text) in this snapshot: how a translator's form finds
    # the Polish text a translation was made from.
    version: Mapped[int | None] = mapped_column()
    data: Mapped[dict[str, Any]] = mapped_column(sa.JSON)

    user: Mapped[User | None] = relationship(lazy="selectin")

    @classmethod
    def for_item(cls, content_type: str, item_id: int) -> list[Revision]:
        return list(
            db.session.scalars(
                sa.select(cls)
                .where(cls.content_type == content_type, cls.item_id == item_id)
                .order_by(cls.number.desc())
            )
        )

    @classmethod
    def get(cls, content_type: str, item_id: int, number: int) -> Revision | None:
        return db.session.scalar(
            sa.select(cls).where(
                cls.content_type == content_type, cls.item_id == item_id, cls.number == number
            )
        )

    @classmethod
    def source_text(cls, content_type: str, item_id: int, version: int) -> dict[str, Any] | None:
        """The Polish text of an item as it was at ``version``, if a revision kept it."""
        data = db.session.scalar(
            sa.select(cls.data)
            .where(cls.content_type == content_type, cls.item_id == item_id, cls.version == version)
            .order_by(cls.number.desc())
            .limit(1)
        )
        if data is None:
            return None
        return data.get("translations", {}).get(SOURCE_LANGUAGE)

    @classmethod
    def latest_number(cls, content_type: str, item_id: int) -> int:
        return (
            db.session.scalar(
                sa.select(sa.func.max(cls.number)).where(
                    cls.content_type == content_type, cls.item_id == item_id
                )
            )
            or 0
        )

    @classmethod
    def latest_by_item(cls, content_type: str,
                       ids: list[int] | None = None) -> dict[int, Revision]:
        """The newest revision of every item of a kind (or of the items ``ids``), in one query
        (for the dashboard's page)."""
        newest = sa.select(cls.item_id, sa.func.max(cls.number).label("number")).where(
            cls.content_type == content_type)
        if ids is not None:
            newest = newest.where(cls.item_id.in_(ids))
        newest = newest.group_by(cls.item_id).subquery()
        rows = db.session.scalars(
            sa.select(cls).join(
                newest,
                sa.and_(
                    cls.item_id == newest.c.item_id,
                    cls.number == newest.c.number,
                    cls.content_type == content_type,
                ),
            )
        )
        return {rev.item_id: rev for rev in rows}


# The publication state a snapshot keeps beside the fields (a revert leaves it as it is).
PUBLICATION_FIELDS = ("published_at", "expires_at", "review_due_on", "deleted_at")


def jsonable(value: Any) -> Any:
    """A field's value as a snapshot keeps it (dates as ISO text)."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def snapshot(item: Any, text_fields: tuple[str, ...], neutral_fields: tuple[str, ...]) -> dict:
    """Everything a person can change about ``item``, as JSON."""
    translation_class = type(item).translations.property.mapper.class_
    slugged = ("slug",) if hasattr(translation_class, "slug") else ()
    data: dict[str, Any] = {
        "fields": {name: jsonable(getattr(item, name)) for name in neutral_fields},
        "translations": {
            lang: {name: getattr(tr, name) for name in (*slugged, *text_fields)}
            | {"source_version": tr.source_version}
            for lang, tr in sorted(item.translations.items())
        },
        **{name: jsonable(getattr(item, name, None)) for name in PUBLICATION_FIELDS},
        "version": item.version,
    }
    images = getattr(item, "images", None)
    if images is None and hasattr(item, "certificate_image"):
        images = [item.certificate_image] if item.certificate_image is not None else []
    if images is not None:
        data["images"] = [
            {
                "id": image.id,
                "key": image.key,
                "version": image.version,
                "decorative": image.decorative,
                "text": {
                    lang: {"alt": tr.alt, "caption": tr.caption}
                    for lang, tr in sorted(image.translations.items())
                },
            }
            for image in images
        ]
    documents = getattr(item, "documents", None)
    if documents is not None:
        data["documents"] = [
            {
                "id": document.id,
                "file": document.file_id,
                "alternative_file": document.alternative_file_id,
                "alternative_url": document.alternative_url,
                "titles": {lang: tr.title for lang, tr in sorted(document.translations.items())},
            }
            for document in documents
        ]
    return data


# --- Differences -------------------------------------------------------------------------------

_BLOCK_END = re.compile(r"</(p|h2|h3|h4|li|blockquote)>|<br\s*/?>", re.IGNORECASE)
_WORDS = re.compile(r"\S+\s*|\s+")
CONTEXT_WORDS = 12


def readable_text(value: Any) -> str:
    """A field's value as a person reads it: HTML becomes its text, one line per paragraph."""
    if value is None:
        return ""
    text = str(value)
    if "<" in text:
        text = _BLOCK_END.sub("\n", text)
        text = nh3.clean(text, tags=set(), clean_content_tags=set())
        text = text.replace("&nbsp;", " ").replace("&amp;", "&")
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        text = "\n".join(line.strip() for line in text.splitlines() if line.strip())
    return text


@dataclass
class Segment:
    op: str  # "equal", "insert", "delete", "gap"
    text: str


@dataclass
class Change:
    field: str  # a field name, "published_at", "image" …
    lang: str | None
    old: str
    new: str
    segments: list[Segment] = field(default_factory=list)
    position: int | None = None  # the photo's number, for gallery changes


def word_diff(old: str, new: str) -> list[Segment]:
    """Words removed and added, with long unchanged stretches shortened to their edges.

    Words are compared without the spaces after them, so a sentence added after the last word
    shows as that sentence alone; unchanged words are shown as they are in the new text.
    """
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    segments: list[Segment] = []

    def add(op: str, text: str) -> None:
        if not text:
            return
        if segments and not segments[-1].text[-1:].isspace() and not text[:1].isspace():
            segments[-1].text += " "
        segments.append(Segment(op, text))

    matcher = difflib.SequenceMatcher(
        a=[w.strip() for w in a], b=[w.strip() for w in b], autojunk=False
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            words = b[j1:j2]
            if len(words) > 2 * CONTEXT_WORDS:
                head = words[:CONTEXT_WORDS] if segments else []
                tail = words[-CONTEXT_WORDS:] if i2 < len(a) or j2 < len(b) else []
                add("equal", "".join(head))
                segments.append(Segment("gap", "… "))
                add("equal", "".join(tail))
            else:
                add("equal", "".join(words))
            continue
        if op in ("delete", "replace"):
            add("delete", "".join(a[i1:i2]))
        if op in ("insert", "replace"):
            add("insert", "".join(b[j1:j2]))
    return segments


def _change(name: str, lang: str | None, old: Any, new: Any, **extra: Any) -> Change | None:
    old_text, new_text = readable_text(old), readable_text(new)
    if old_text == new_text and old == new:
        return None
    return Change(name, lang, old_text, new_text, word_diff(old_text, new_text), **extra)


def diff(old: dict | None, new: dict, text_fields: tuple[str, ...], languages: tuple[str, ...]):
    """The changes from snapshot ``old`` to ``new``: neutral fields, each language, the gallery."""
    old = old or {}
    changes: list[Change] = []
    for name, value in new.get("fields", {}).items():
        changes.append(_change(name, None, old.get("fields", {}).get(name), value))
    old_tr, new_tr = old.get("translations", {}), new.get("translations", {})
    ordered = list(languages) + sorted((set(old_tr) | set(new_tr)) - set(languages))
    for lang in ordered:
        before, after = old_tr.get(lang, {}), new_tr.get(lang, {})
        for name in ("slug", *text_fields):
            changes.append(_change(name, lang, before.get(name), after.get(name)))
    for name in PUBLICATION_FIELDS:
        if old.get(name) != new.get(name):
            changes.append(Change(name, None, old.get(name) or "", new.get(name) or ""))
    old_images = {image["id"]: image for image in old.get("images", [])}
    new_ids = {image["id"] for image in new.get("images", [])}
    for number, image in enumerate(new.get("images", []), start=1):
        before_image = old_images.get(image["id"])
        if before_image is None:
            changes.append(Change("image_added", None, "", image["key"], position=number))
            continue
        if before_image.get("decorative") != image.get("decorative"):
            changes.append(
                Change("decorative", None, "", str(image["decorative"]), position=number)
            )
        for lang in ordered:
            before_text = before_image["text"].get(lang, {})
            after_text = image["text"].get(lang, {})
            for name in ("alt", "caption"):
                change = _change(
                    name, lang, before_text.get(name), after_text.get(name), position=number
                )
                changes.append(change)
    for image_id, image in old_images.items():
        if image_id not in new_ids:
            changes.append(Change("image_removed", None, image["key"], ""))
    changes += _document_changes(old.get("documents", []), new.get("documents", []), ordered)
    return [change for change in changes if change is not None]


def _document_changes(old: list[dict], new: list[dict], languages: list[str]) -> list[Change]:
    """Documents attached, removed, and their titles changed (named by their Polish title)."""
    before = {document["id"]: document for document in old}
    changes: list[Change | None] = []
    for document in new:
        earlier = before.get(document["id"])
        title = document["titles"].get(SOURCE_LANGUAGE, "")
        if earlier is None:
            changes.append(Change("document_added", None, "", title))
            continue
        for lang in languages:
            changes.append(_change("document_title", lang, earlier["titles"].get(lang),
                                   document["titles"].get(lang)))
    kept = {document["id"] for document in new}
    for document_id, document in before.items():
        if document_id not in kept:
            changes.append(Change("document_removed", None,
                                  document["titles"].get(SOURCE_LANGUAGE, ""), ""))
    return [change for change in changes if change is not None]
