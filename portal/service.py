"""The one write path for content: every change of an item goes through a :class:`Change`.

A change is one transaction by one person (or none: the demo loader, a command) through one way
(:class:`Via`). Inside it the editor, a revert, a content PO import, the accessibility statement
form and the demo loader all write the same way:

- :meth:`Change.write_texts` is the only code that writes a translation row: it cleans HTML
  (:func:`portal.html.clean_html`), makes each language's slug unique
  (:func:`portal.slugs.unique_slug`: one length limit, transliterated; a slug given is made an
  address part the same way, :func:`portal.slugs.make_slug`), bumps the item's
  version when its Polish text changes and records which version a translation follows;
- :meth:`Change.record` keeps a revision of the item (who, through what, what it looked like)
  and writes the audit event, in the same commit;
- after the commit, one ``content-changed`` signal per item names its kind, id and the
  languages touched. Whatever reacts to content (search, caches, feeds) listens to it.

Conflicts are seen against the item's last revision, whatever path wrote it (:func:`newer_than`).

A write to a content row outside a change is a bug: :func:`guard_writes` notices it at flush
(an error under ``TESTING``, so the suite fails, and a logged warning in production).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from blinker import Namespace
from flask import current_app, has_app_context, has_request_context
from flask_login import current_user
from sqlalchemy.orm import Session

from .audit import record as audit
from .content import SOURCE_LANGUAGE, utcnow
from .database import begin_write
from .extensions import db
from .html import clean_html
from .kinds import Kind, kind_of, kinds
from .revisions import Revision, snapshot
from .slugs import make_slug, slug_taken, unique_slug

log = logging.getLogger(__name__)

signals = Namespace()
#: Sent after every committed change, once per item: ``sender`` is the app; ``kind`` (a name),
#: ``id``, ``languages`` (a frozenset), ``actions`` (a tuple) and ``via`` are keyword arguments.
content_changed = signals.signal("content-changed")

_WRITING = "portal.change"


@contextmanager
def follow_up(app: Any, what: str) -> Iterator[None]:
    """A write made in answer to ``content_changed`` (an index, redirects, the cache's
    version): after the change's own commit, in a transaction of its own that holds the write
    lock. The change is saved whatever happens here: a database error is rolled back and logged
    as "could not update ``what``", and raised only under TESTING, where it is a bug::

        with follow_up(app, f"the search index of {kind} {id}"):
            reindex_item(kind, id)
    """
    session = db.session()
    if session.in_transaction():  # the read that sending the signal began
        session.commit()
    begin_write()
    try:
        yield
        session.commit()
    except sa.exc.SQLAlchemyError:
        session.rollback()
        log.exception("could not update %s", what)
        if app.testing:
            raise


class Via(StrEnum):
    """Through what a change came (kept on each revision)."""

    FORM = "form"
    PO_IMPORT = "po-import"
    REVERT = "revert"
    DEMO = "demo"
    COMMAND_LINE = "command-line"


# An action recorded on a revision, and the audit event it is logged as.
AUDIT_ACTIONS = {"schedule": "publish"}


def newer_than(kind: Kind, item: Any, loaded: int) -> Revision | None:
    """The item's newest revision if it is newer than the one a form was opened at."""
    latest = Revision.latest_number(kind.name, item.id)
    if latest == loaded:
        return None
    return Revision.get(kind.name, item.id, latest)


@dataclass
class _Touched:
    kind: Kind
    item: Any
    languages: set[str] = field(default_factory=set)
    actions: list[str] = field(default_factory=list)


class Change:
    """One transaction of content changes::

        with Change(user, Via.FORM) as change:
            item = change.load(kind, 12)
            change.write_texts(kind, item, "en", {"title": "…"})
            change.record(kind, item, "save")

    Leaving the block commits and then sends the signals; an exception, or :meth:`abandon`,
    rolls everything back and sends nothing. ``user`` defaults to the logged-in staff member.
    """

    def __init__(self, user: Any = None, via: Via = Via.FORM, dry_run: bool = False) -> None:
        if user is None and has_request_context() and current_user.is_authenticated:
            user = current_user._get_current_object()
        self.user = user
        self.via = Via(via)
        self.dry_run = dry_run
        self._touched: dict[tuple[str, int], _Touched] = {}
        self._pending: list[_Touched] = []
        self._created: list[tuple[Kind, Any]] = []
        self._baselined: set[tuple[str, int]] = set()
        self._after_commit: list[Any] = []  # what happens only once the change is saved

    # --- The transaction ------------------------------------------------------------------

    def __enter__(self) -> Change:
        session = db.session()
        if session.info.get(_WRITING) is not None:
            raise RuntimeError("a content change is already open")
        if written := _content_writes(session):
            raise RuntimeError("content was changed outside portal.service before a change "
                               f"began: {written}")
        # End the read that loading the user began, then take the write lock (SQLite) at once.
        if session.in_transaction():
            session.commit()
        begin_write()
        session.info[_WRITING] = self
        return self

    def __exit__(self, exc_type, exc, tb) -> bool:
        session = db.session()
        try:
            if exc_type is not None or self.dry_run:
                session.rollback()
                return False
            session.flush()
            touched = self._collect()
            session.commit()
        finally:
            session.info.pop(_WRITING, None)
        for step in self._after_commit:
            step()
        for entry in touched:
            content_changed.send(
                current_app._get_current_object(), kind=entry.kind.name, id=entry.item.id,
                languages=frozenset(entry.languages), actions=tuple(entry.actions), via=self.via)
        return False

    def abandon(self) -> None:
        """Roll back at the end of the block instead of committing (a form with errors)."""
        self.dry_run = True

    def _collect(self) -> list[_Touched]:
        entries = list(self._touched.values()) + self._pending
        return [entry for entry in entries if entry.item.id is not None]

    def _before(self, kind: Kind, item: Any) -> None:
        """Called before the first change of an item: an item that predates revisions gets its
        state recorded first (:meth:`baseline`)."""
        if any(item is created for _kind, created in self._created):
            return  # made in this change: its first revision is the change's own
        if item.id is not None and (kind.name, item.id) not in self._baselined:
            self._baselined.add((kind.name, item.id))
            self.baseline(kind, item)

    def _touch(self, kind: Kind, item: Any, languages: Any = (), action: str | None = None):
        if item.id is None:
            entry = next((e for e in self._pending if e.item is item), None)
            if entry is None:
                entry = _Touched(kind, item)
                self._pending.append(entry)
        else:
            entry = self._touched.setdefault((kind.name, item.id), _Touched(kind, item))
        entry.languages.update(languages)
        if action:
            entry.actions.append(action)

    # --- Items ----------------------------------------------------------------------------

    def load(self, kind: Kind, item_id: int) -> Any | None:
        """The item, locked for this change where the database can (PostgreSQL)."""
        return db.session.get(kind.model, item_id, with_for_update=True)

    def create(self, kind: Kind, **fields: Any) -> Any:
        item = kind.model(version=1, **fields)
        db.session.add(item)
        self._touch(kind, item)
        self._created.append((kind, item))
        return item

    def created(self) -> list[tuple[Kind, Any]]:
        """The items this change created that keep revisions of their own, in order."""
        return [(kind, item) for kind, item in self._created if kind.revisions]

    def add(self, kind: Kind, row: Any) -> Any:
        """Add a row made elsewhere (a photo joining a gallery)."""
        db.session.add(row)
        self._touch(kind, row)
        return row

    def delete(self, kind: Kind, row: Any) -> None:
        self._touch(kind, row, row.translations)
        db.session.delete(row)

    def set_fields(self, kind: Kind, item: Any, values: dict[str, Any]) -> list[str]:
        """Set language-neutral fields; return the names of those that changed."""
        changed = [name for name, value in values.items() if getattr(item, name) != value]
        if changed:
            self._before(kind, item)
        for name in changed:
            setattr(item, name, values[name])
        if changed:
            self._touch(kind, item, item.translations)
        return changed

    # --- Texts ----------------------------------------------------------------------------

    def write_texts(self, kind: Kind, item: Any, lang: str, values: dict[str, str], *,
                    slug: str | None = None, up_to_date: bool = False,
                    source_version: int | None = None, taken: set[str] | None = None) -> bool:
        """Write one language's texts of an item; return whether any of them changed.

        Only the fields in ``values`` are written (HTML ones cleaned). A slugged kind keeps the
        row's slug unless ``slug`` is given; a new row gets one made from its title. When the
        Polish text changes the item's version goes up; a translation follows the version it was
        written against (or ``source_version``, when a revert brings an older one back).
        """
        self._before(kind, item)
        values = {name: values[name] or "" for name in kind.field_names if name in values}
        for name in kind.html_fields & values.keys():
            values[name] = clean_html(values[name])
        row = item.translations.get(lang)
        if kind.slugged and slug is not None:
            # An address part, whatever wrote it: no markup, no "/", as a title would make it.
            slug = make_slug(slug) or None
        if kind.slugged and slug is None and (row is None or not row.slug):
            # Before the new row joins the session: the query must not flush it half-made.
            with db.session.no_autoflush:
                slug = unique_slug(kind, lang, values.get("title") or "", item.id, taken)
        changed = row is None or any(getattr(row, name) != value for name, value in values.items())
        if row is None:
            row = kind.translation_class(locale=lang)
            item.translations[lang] = row
        for name, value in values.items():
            setattr(row, name, value)
        moved = False  # a new address changes no text: translations stay as current as they were
        if kind.slugged and slug is not None and slug != row.slug:
            row.slug, moved = slug, True
        if lang == SOURCE_LANGUAGE:
            if changed and item.id is not None:
                item.version += 1
            row.source_version = item.version
        elif source_version is not None:
            row.source_version = source_version
        elif changed or up_to_date:
            row.source_version = item.version
        if changed or moved:
            row.updated_at = utcnow()
            self._touch(kind, item, [lang])
        return changed or moved

    def drop_language(self, kind: Kind, item: Any, lang: str) -> bool:
        """Remove a translation (never the Polish source); return whether there was one."""
        if lang == SOURCE_LANGUAGE or lang not in item.translations:
            return False
        self._before(kind, item)
        del item.translations[lang]
        self._touch(kind, item, [lang])
        return True

    # --- Publication ----------------------------------------------------------------------

    def publish(self, kind: Kind, item: Any, when: datetime | None = None) -> datetime:
        """Publish now, or at ``when`` (scheduled: readers see it from then on, no job needed)."""
        self._before(kind, item)
        item.published_at = (when or utcnow()).astimezone(UTC)
        self._touch(kind, item, item.translations)
        return item.published_at

    def unpublish(self, kind: Kind, item: Any) -> None:
        self._before(kind, item)
        item.published_at = None
        self._touch(kind, item, item.translations)

    def set_expiry(self, kind: Kind, item: Any, when: datetime | None) -> bool:
        """End the publication by itself at ``when`` (None: never); return whether it changed.

        Like a schedule, it needs no job: from ``when`` on the item is not visible to readers.
        """
        return bool(self.set_fields(kind, item,
                                    {"expires_at": when.astimezone(UTC) if when else None}))

    def set_review_date(self, kind: Kind, item: Any, day: date | None) -> bool:
        """The day by which staff should check the item again; return whether it changed."""
        return bool(self.set_fields(kind, item, {"review_due_on": day}))

    def trash(self, kind: Kind, item: Any) -> None:
        self._before(kind, item)
        item.deleted_at = utcnow()
        self._touch(kind, item, item.translations)

    def restore(self, kind: Kind, item: Any) -> None:
        self._before(kind, item)
        item.deleted_at = None
        self._touch(kind, item, item.translations)

    def purge(self, kind: Kind, item: Any) -> None:
        """Delete an item in the trash for good, with what it holds about people (RODO).

        Gone at once: the item, its translations, every revision of it (its history holds its
        old texts), the text kept while typing it, the photos of its gallery and its
        certificate picture unless something else still shows them (their files are deleted
        after the commit, when no other image has the same file). Another item that linked to
        it (an award's article) loses the link, recorded as a revision of that item. The audit
        log keeps one line, "deleted for good", naming only the kind and the number; the
        content-changed signal's ``actions`` are ``("purge",)``, so whatever keeps something
        about the item (redirects of its old addresses) lets go of it.
        """
        if item.deleted_at is None:
            raise ValueError("only an item in the trash can be deleted for good")
        from .editor.autosave import Autosave  # the editor's table, cleared in this commit

        # Other items linking to this one lose the link (an award's article).
        gallery = list(item.images) if kind.gallery else []
        for other, row, column in _references(item):
            if row is not item and all(row is not photo for photo in gallery):
                self.set_fields(other, row, {column: None})
                if other.revisions:
                    self.record(other, row, "save")
        # Its pictures go, unless another item shows them too (a photo that is also an award's
        # certificate stays, out of the gallery).
        doomed = []
        for photo in gallery:
            if any(row is not item for _kind, row, _column in _references(photo)):
                self.set_fields(kind_of(photo), photo, {"article_id": None})
            else:
                doomed.append(photo)
        if len(doomed) < len(gallery):
            db.session.flush()
            sa.orm.attributes.set_committed_value(item, "images", doomed)
        certificate = item.certificate_image if kind.certificate else None
        if certificate is not None and certificate.article_id is None and not any(
                row is not item for _kind, row, _column in _references(certificate)):
            item.certificate_image = None
            self.delete(kind_of(certificate), certificate)
            doomed.append(certificate)

        self._touch(kind, item, item.translations, action="purge")
        db.session.execute(sa.delete(Revision).where(Revision.content_type == kind.name,
                                                     Revision.item_id == item.id))
        db.session.execute(sa.delete(Autosave).where(Autosave.content_type == kind.name,
                                                     Autosave.item_id == item.id))
        # Its working draft and review (the editor's tables) hold its texts and comments too.
        from .editor.drafts import Draft
        from .editor.review import Review

        for table in (Draft, Review):
            db.session.execute(sa.delete(table).where(table.content_type == kind.name,
                                                      table.item_id == item.id))
        audit("purge", item, user=self.user, via=self.via.value, kind=kind.name)
        video = getattr(item, "video", None)
        db.session.delete(item)  # its translations and gallery photos with it
        db.session.flush()

        # Files are named by their content: another image of the same file keeps them.
        files = []
        for photo in doomed:
            model = type(photo)
            if not db.session.scalar(sa.select(sa.func.count()).select_from(model)
                                     .where(model.key == photo.key)):
                files += [*photo.renditions.values(), f"images/{photo.key[:2]}/{photo.key}.json"]
        model = kind.model
        if video and not db.session.scalar(sa.select(sa.func.count()).select_from(model)
                                           .where(model.video == video)):
            files.append(video)
        if files:
            self._after_commit.append(lambda: _delete_media(files))

    # --- Revisions ------------------------------------------------------------------------

    def baseline(self, kind: Kind, item: Any) -> None:
        """An item that predates revisions gets its state recorded before it is changed, so its
        history starts from what it was (every method that changes an item calls it first)."""
        if not kind.revisions or item.id is None:
            return
        if Revision.latest_number(kind.name, item.id) != 0:
            return
        db.session.add(Revision(content_type=kind.name, item_id=item.id, number=1, user=None,
                                action="baseline", created_at=item.updated_at,
                                version=item.version, via=None,
                                data=snapshot(item, kind.field_names, kind.neutral_fields)))
        db.session.flush()

    def record(self, kind: Kind, item: Any, action: str, audit_as: str | None = None,
               details: dict[str, Any] | None = None, **extra: Any) -> Revision:
        """Keep a revision of ``item`` as it is now, and log the change in the audit log."""
        db.session.flush()
        item.updated_at = utcnow()
        data = snapshot(item, kind.field_names, kind.neutral_fields)
        data.update(extra)
        revision = Revision(content_type=kind.name, item_id=item.id,
                            number=Revision.latest_number(kind.name, item.id) + 1,
                            user=self.user, action=action, version=item.version,
                            via=self.via.value, data=data)
        db.session.add(revision)
        audit(audit_as or AUDIT_ACTIONS.get(action, action), item, user=self.user,
              via=self.via.value, **(details or {}))
        self._touch(kind, item, action=action)
        return revision

    def audit(self, action: str, target: Any = None, **details: Any) -> None:
        """An audit event about the change as a whole (a PO file imported)."""
        audit(action, target, user=self.user, via=self.via.value, **details)

    def revert(self, kind: Kind, item: Any, revision: Revision) -> Revision:
        """Bring back the texts and fields of ``revision``, as a new revision."""
        self._before(kind, item)
        data = revision.data
        neutral = {}
        for name in kind.neutral_fields:
            if name in data.get("fields", {}):
                column = kind.model.__table__.columns[name]
                value = data["fields"][name]
                if isinstance(value, str) and column.type.python_type is not str:
                    value = column.type.python_type.fromisoformat(value)
                neutral[name] = value
        self.set_fields(kind, item, neutral)
        saved = data.get("translations", {})
        snapshot_version = data.get("version", item.version)
        for lang in [SOURCE_LANGUAGE, *[code for code in saved if code != SOURCE_LANGUAGE]]:
            values = saved.get(lang)
            if values is None:
                continue
            slug = values.get("slug")
            if slug and slug_taken(kind, lang, slug, item.id):
                slug = None
            # A translation that followed its Polish text then follows the restored one now.
            follows = None
            if lang != SOURCE_LANGUAGE and values.get("source_version", 0) < snapshot_version:
                follows = values["source_version"]
            self.write_texts(kind, item, lang,
                             {name: values.get(name, "") for name in kind.field_names},
                             slug=slug, source_version=follows)
            if follows is None and lang != SOURCE_LANGUAGE:
                item.translations[lang].source_version = item.version
        for lang in list(item.translations):
            if lang not in saved:
                self.drop_language(kind, item, lang)
        return self.record(kind, item, "revert", restored_from=revision.number)


def _references(row: Any) -> list[tuple[Kind, Any, str]]:
    """The rows of every kind with a foreign key to ``row``: (kind, row, column name)."""
    table = type(row).__table__
    found = []
    for other in kinds():
        for column in other.model.__table__.columns:
            if any(fk.column.table is table for fk in column.foreign_keys):
                for linking in db.session.scalars(
                        sa.select(other.model).where(column == row.id)):
                    found.append((other, linking, column.key))
    return found


def _delete_media(names: list[str]) -> None:
    """Delete files under the media folder (never outside it); a missing one is no error."""
    root = Path(current_app.config["MEDIA_ROOT"]).resolve()
    for name in names:
        path = (root / name).resolve()
        if not path.is_relative_to(root) or path == root:
            log.warning("not deleting %s: outside the media folder", name)
            continue
        try:
            path.unlink(missing_ok=True)
        except OSError:
            log.exception("could not delete %s", path)


# --- The guard ---------------------------------------------------------------------------------


def _content_classes() -> tuple[type, ...]:
    classes: list[type] = [Revision]
    for kind in kinds():
        classes += [kind.model, kind.translation_class]
    return tuple(classes)


def _content_writes(session: Session) -> list[str]:
    """The content rows a flush of ``session`` would write, named for a message."""
    if not has_app_context():
        return []
    classes = _content_classes()
    found = [obj for obj in session.new | session.deleted if isinstance(obj, classes)]
    found += [obj for obj in session.dirty
              if isinstance(obj, classes) and session.is_modified(obj)]
    return sorted({f"{type(obj).__name__}" for obj in found})


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get(_WRITING) is not None or not has_app_context():
        return
    if not (written := _content_writes(session)):
        return
    message = f"content written outside portal.service: {', '.join(written)}"
    if current_app.config.get("CONTENT_WRITE_GUARD", "raise" if current_app.testing else "log") \
            == "raise":
        raise RuntimeError(message)
    log.warning(message)


def guard_writes() -> None:
    """Watch every session's flushes for content written outside a :class:`Change`."""
    if not sa.event.contains(Session, "before_flush", _before_flush):
        sa.event.listen(Session, "before_flush", _before_flush)
