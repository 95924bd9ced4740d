"""The content editor that articles, awards and pages share.

Each kind of content describes itself in a ``ContentEditor`` (its model, language section,
neutral fields, public template) and registers the editor's routes on the staff blueprint.
Everything else is here, once: one section per language, slugs, versions of the Polish source,
revisions, the conflict check, publication (draft, publish, schedule, unpublish, trash), the
preview and the history.

Roles are enforced here, on the server: editors and admins change everything; translators get a
form without the Polish text, the language-neutral fields and the gallery's controls, so what
they may not change is never read from their request, and publication actions are refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.fields.core import UnboundField

from .. import i18n
from ..content import SOURCE_LANGUAGE, utcnow
from ..database import begin_write
from ..extensions import db
from ..html import sanitize
from ..security import require_role
from . import audit, bp, checks, gallery
from .content_forms import (
    ActionForm,
    LanguageSection,
    build_form,
    centre_timezone,
    language_label,
    make_slug,
)
from .models import Role
from .revisions import Revision, Segment, diff, readable_text, snapshot, word_diff

EDITORS = (Role.ADMIN.value, Role.EDITOR.value)
STAFF = (Role.ADMIN.value, Role.EDITOR.value, Role.TRANSLATOR.value)

ACTIONS = ("save", "publish", "schedule", "unpublish", "delete", "restore")
WARNED_ACTIONS = ("publish", "schedule")  # the editor's warnings come before these
PUBLICATION_ACTIONS = ACTIONS[1:]

STATUS_LABELS = {
    "draft": _l("Draft"),
    "scheduled": _l("Scheduled"),
    "published": _l("Published"),
    "trash": _l("In the trash"),
}
TRANSLATION_LABELS = {
    "missing": _l("missing"),
    "outdated": _l("outdated"),
    "current": _l("up to date"),
}

ACTION_LABELS = {
    "baseline": _l("as it was before revisions were kept"),
    "create": _l("created"),
    "save": _l("saved"),
    "publish": _l("published"),
    "schedule": _l("scheduled"),
    "unpublish": _l("unpublished"),
    "delete": _l("moved to the trash"),
    "restore": _l("restored from the trash"),
    "revert": _l("an earlier revision restored"),
}

# Every registered editor, by name: the dashboard lists them in this order.
EDITORS_BY_NAME: dict[str, ContentEditor] = {}


WHEN_FORMAT = "d MMMM y, HH:mm"


@bp.app_template_filter("staff_when")
def when(value: datetime | str | None) -> str:
    """A moment as staff read it, in the centre's time zone: "23 kwietnia 2022, 11:00"."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return format_datetime(value, WHEN_FORMAT)


@bp.context_processor
def editor_context() -> dict[str, Any]:
    return {
        "languages": i18n.enabled,
        "language_label": language_label,
        "action_labels": ACTION_LABELS,
    }


def can_edit_source() -> bool:
    return current_user.is_authenticated and current_user.has_role(*EDITORS)


def status_of(item: Any, now: datetime | None = None) -> str:
    now = now or utcnow()
    if item.deleted_at is not None:
        return "trash"
    if item.published_at is None:
        return "draft"
    return "scheduled" if item.published_at > now else "published"


def translation_state(item: Any, lang: str) -> str:
    if lang not in item.translations:
        return "missing"
    return "outdated" if item.is_outdated(lang) else "current"


def start_write() -> None:
    """End the read that loading the user began, then take the write lock (SQLite) at once."""
    if db.session().in_transaction():
        db.session.commit()
    begin_write()


def clean_html(html: str) -> str:
    """A body as stored: sanitised, a pasted top heading turned into a section heading."""
    html = (html or "").replace("<h1", "<h2").replace("</h1>", "</h2>")
    html = html.replace("<H1", "<h2").replace("</H1>", "</h2>")
    cleaned = sanitize(html)
    # Browsers' editing commands write <b> and <i>; the site's text uses the meaningful tags.
    cleaned = re.sub(r"<(/?)b>", r"<\1strong>", cleaned)
    cleaned = re.sub(r"<(/?)i>", r"<\1em>", cleaned)
    for empty in ("<p></p>", "<p><br></p>", "<p>&nbsp;</p>"):
        cleaned = cleaned.replace(empty, "")
    return cleaned.strip()


class _Loaded:
    """An item as the edit form reads it: each language's row, the photos, the schedule."""

    def __init__(self, item: Any, revision: int) -> None:
        self._item = item
        self.revision = revision
        published = item.published_at
        local = published.astimezone(centre_timezone()) if published else None
        self.publish_date = local.date() if local else None
        self.publish_time = local.time().replace(second=0, microsecond=0) if local else None

    def __getattr__(self, name: str) -> Any:
        item = self.__dict__["_item"]
        if name in i18n.enabled():
            return item.translations.get(name)
        if name == "images":
            return [_LoadedPhoto(image, n) for n, image in enumerate(item.images, start=1)]
        if name == "certificate":
            image = item.certificate_image
            return _LoadedPhoto(image, 1) if image is not None else None
        return getattr(item, name)


class _LoadedPhoto:
    def __init__(self, image: Any, position: int) -> None:
        self.image_id = image.id
        self.position = position
        self.decorative = image.decorative
        self._image = image

    def __getattr__(self, name: str) -> Any:
        return self.__dict__["_image"].translations.get(name)


@dataclass
class Conflict:
    """Someone saved the item after this editor opened it: who, when, and what they changed."""

    user: Any
    at: datetime
    changes: list


@dataclass
class _Back:
    """Where a preview of unsaved text leads back to: the item's editor, or a new item's."""

    editor: ContentEditor
    new: bool

    def endpoint(self, view: str) -> str:
        return self.editor.endpoint("new" if self.new else view)


@dataclass
class SourceChanges:
    """What changed in the Polish text since a translation was made from it, field by field.

    ``known`` is false when no revision kept the Polish text of the translation's version (content
    that predates revisions): the translation is outdated, but the changes cannot be shown.
    """

    known: bool
    fields: dict[str, list[Segment]]


@dataclass
class ContentEditor:
    name: str  # "article": the revisions' content type and the endpoints' prefix
    url: str  # "articles"
    model: type
    section: type[LanguageSection]
    fields: type | None
    public_template: str
    headings: dict[str, Any]  # "new", "edit", "one" (the kind's name), "many"
    order: int
    gallery: bool = False
    certificate: bool = False  # an award's certificate image

    # --- What the kind is made of ---------------------------------------------------------

    @property
    def translation_class(self) -> type:
        return self.model.translation_class

    @property
    def text_fields(self) -> tuple[str, ...]:
        names = [
            (value.creation_counter, name)
            for name in dir(self.section)
            if isinstance(value := getattr(self.section, name), UnboundField)
            and name not in ("slug", "up_to_date")
        ]
        return tuple(name for _, name in sorted(names))

    @property
    def neutral_fields(self) -> tuple[str, ...]:
        if self.fields is None:
            return ()
        return tuple(
            name for name in vars(self.fields) if isinstance(vars(self.fields)[name], UnboundField)
        )

    @property
    def html_fields(self) -> tuple[str, ...]:
        return tuple(
            name
            for name in self.text_fields
            if "data-rich-text" in (getattr(self.section, name).kwargs.get("render_kw") or {})
        )

    def labels(self) -> dict[str, str]:
        """Field names to the labels a person knows them by (for the history)."""
        labels = {
            "slug": _("Web address"),
            "published_at": _("Publication date"),
            "deleted_at": _("Moved to the trash"),
            "alt": _("Alternative text"),
            "caption": _("Caption"),
            "decorative": _("Decorative"),
            "image_added": _("Photo added"),
            "image_removed": _("Photo removed"),
        }
        for owner, names in ((self.section, self.text_fields), (self.fields, self.neutral_fields)):
            for name in names:
                labels[name] = str(getattr(owner, name).args[0])
        return labels

    def form_class(self, source: bool) -> type:
        return build_form(
            self.fields, self.section, i18n.enabled(), source, self.gallery, self.certificate
        )

    def endpoint(self, view: str) -> str:
        return f"staff.{self.name}_{view}"

    # --- Routes ---------------------------------------------------------------------------

    def register(self, bp: Blueprint) -> None:
        base = f"/{self.url}"
        rules = [
            ("/new", "new", self.new, ["GET", "POST"], EDITORS),
            ("/<int:item_id>", "edit", self.edit, ["GET", "POST"], STAFF),
            (
                "/<int:item_id>/translate/<lang:lang>",
                "translate",
                self.translate,
                ["GET", "POST"],
                STAFF,
            ),
            ("/<int:item_id>/preview/<lang:lang>", "preview", self.preview, ["GET"], STAFF),
            ("/<int:item_id>/restore", "restore", self.restore, ["POST"], EDITORS),
            ("/<int:item_id>/history", "history", self.history, ["GET"], STAFF),
            (
                "/<int:item_id>/history/<int:number>/revert",
                "revert",
                self.revert,
                ["POST"],
                EDITORS,
            ),
        ]
        for rule, view, func, methods, roles in rules:
            bp.add_url_rule(
                base + rule,
                endpoint=f"{self.name}_{view}",
                view_func=require_role(*roles)(func),
                methods=methods,
            )
        EDITORS_BY_NAME[self.name] = self

    def _load(self, item_id: int, lock: bool = False) -> Any:
        item = db.session.get(self.model, item_id, with_for_update=lock)
        if item is None:
            abort(404)
        return item

    # --- Create and edit ------------------------------------------------------------------

    def new(self):
        item = self.model(version=1)
        form_class = self.form_class(source=True)
        form = form_class() if request.method == "POST" else form_class(revision="0")
        return self._submit(item, form, new=True)

    def edit(self, item_id: int):
        source = can_edit_source()
        if request.method == "POST":
            start_write()
            item = self._load(item_id, lock=True)
            form = self.form_class(source)()
        else:
            item = self._load(item_id)
            latest = Revision.latest_number(self.name, item.id)
            form = self.form_class(source)(obj=_Loaded(item, latest))
        return self._submit(item, form, new=False)

    def translate(self, item_id: int, lang: str):
        """One language beside the Polish text: the translator's way in, for any staff member.

        The form holds only that language's texts (and its photo texts), whoever opens it, so
        nothing else is read from the request.
        """
        if lang == SOURCE_LANGUAGE:
            abort(404)
        g.alternates = []  # ``lang`` is the language translated, not the page's language
        form_class = build_form(
            self.fields, self.section, (lang,), False, self.gallery, self.certificate
        )
        if request.method == "POST":
            start_write()
            item = self._load(item_id, lock=True)
            form = form_class()
        else:
            item = self._load(item_id)
            latest = Revision.latest_number(self.name, item.id)
            form = form_class(obj=_Loaded(item, latest))
        return self._submit(item, form, new=False, source=False, translating=lang)

    def _submit(
        self,
        item: Any,
        form: Any,
        new: bool,
        source: bool | None = None,
        translating: str | None = None,
    ):
        if source is None:
            source = can_edit_source()
        if request.method != "POST":
            return self._render(item, form, new, translating=translating)
        # "Publish anyway" after the warnings names its action in ``confirm``.
        confirmed = request.form.get("confirm")
        action = confirmed or request.form.get("action", "save")
        if action not in ACTIONS:
            abort(400)
        if action in PUBLICATION_ACTIONS and not source:
            abort(403)
        refusals: list[str] = []
        if "photos" in form:
            refusals = gallery.upload(form, request.files.getlist(form.photos.name))
        refused_certificate: list[str] = []
        if "certificate_file" in form:
            chosen = request.files.get(form.certificate_file.name)
            refused_certificate = gallery.upload_certificate(form, chosen)
        if "upload" in request.form:
            if "photos" in form:
                form.photos.errors = refusals
            if "certificate_file" in form:
                form.certificate_file.errors = refused_certificate
            if not refusals and not refused_certificate:
                flash(
                    _("The pictures are uploaded. Describe each of them, then save.")
                    if self.certificate
                    else _("The photos are uploaded. Describe each of them, then save."),
                    "success",
                )
            return self._render(item, form, new, translating=translating)

        if "preview" in request.form:
            lang = request.form["preview"]
            return self._preview_unsaved(item, form, new, source, lang, translating)

        conflict = None if new else self._conflict(form, item)
        valid = form.validate_on_submit()
        slugs = self._finish_slugs(form, item)
        valid = slugs is not None and valid
        if action == "schedule":
            valid = form.check_schedule() and valid
        if refusals:
            form.photos.errors = [*form.photos.errors, *refusals]
        if refused_certificate:
            form.certificate_file.errors = [*form.certificate_file.errors, *refused_certificate]
        refusals = refusals + refused_certificate
        if not valid or conflict or refusals:
            return self._render(item, form, new, conflict=conflict, translating=translating)
        if action in WARNED_ACTIONS and confirmed != action:
            warnings = checks.check_form(self, form, clean_html)
            if warnings:
                return self._render(
                    item, form, new, translating=translating, warnings=warnings, warned=action
                )

        if new:
            db.session.add(item)
        else:
            self._baseline(item)
        self.apply(form, item, source, slugs)
        message = self._publication(item, action, form)
        self._record(item, "create" if new and action == "save" else action)
        db.session.commit()
        flash(message or _("Your changes have been saved."), "success")
        if action == "delete":
            return redirect(url_for("staff.dashboard"))
        if translating:
            return redirect(url_for(self.endpoint("translate"), item_id=item.id, lang=translating))
        return redirect(url_for(self.endpoint("edit"), item_id=item.id))

    def apply(self, form: Any, item: Any, source: bool, slugs: dict[str, str]) -> None:
        """Copy the form onto the item, keeping the Polish source's version honest."""
        if source:
            for name in self.neutral_fields:
                setattr(item, name, form[name].data)
        for section in form.sections():
            self._apply_section(item, section, slugs.get(section.lang, ""))
        if self.gallery:
            gallery.apply(form, item, source)
        if self.certificate:
            gallery.apply_certificate(form, item, source)
        item.updated_at = utcnow()

    def _apply_section(self, item: Any, section: LanguageSection, slug: str) -> None:
        lang = section.lang
        row = item.translations.get(lang)
        if not section.is_source and not section.has_content():
            if row is not None:
                del item.translations[lang]
            return
        values = {name: section[name].data or "" for name in self.text_fields}
        for name in self.html_fields:
            values[name] = clean_html(values[name])
        changed = row is None or any(getattr(row, k) != v for k, v in values.items())
        if row is None:
            row = self.translation_class(locale=lang)
            item.translations[lang] = row
        for name, value in values.items():
            setattr(row, name, value)
        row.slug = slug
        if section.is_source:
            if changed and item.id is not None:
                item.version += 1
            row.source_version = item.version
        elif changed or section.up_to_date.data:
            row.source_version = item.version

    # --- Slugs ----------------------------------------------------------------------------

    def _slug_taken(self, lang: str, slug: str, item_id: int | None) -> bool:
        tr = self.translation_class
        query = sa.select(tr.id).where(tr.locale == lang, tr.slug == slug)
        if item_id is not None:
            query = query.where(tr.parent_id != item_id)
        return db.session.scalar(query.limit(1)) is not None

    def _finish_slugs(self, form: Any, item: Any) -> dict[str, str] | None:
        """Each language's slug: typed (cleaned) or from the title, unique in its language.

        The slugs are not written back into the form: a form that comes back with an error
        keeps what the person typed, so a slug made from a title they have yet to fix never
        sticks.
        """
        slugs: dict[str, str] = {}
        for section in form.sections():
            if not section.is_source and not section.has_content():
                continue
            typed = make_slug(section.slug.data or "")
            slug = typed or make_slug(section.title.data or "") or self.name
            if self._slug_taken(section.lang, slug, item.id):
                if typed:
                    section.slug.errors = [
                        *section.slug.errors,
                        _(
                            "Another item in this language already has this web address. "
                            "Choose a different one."
                        ),
                    ]
                    slugs = {}
                    break
                stem = slug[:190]
                number = 2
                while self._slug_taken(section.lang, f"{stem}-{number}", item.id):
                    number += 1
                slug = f"{stem}-{number}"
            slugs[section.lang] = slug
        else:
            return slugs
        return None

    # --- Publication ----------------------------------------------------------------------

    def _publication(self, item: Any, action: str, form: Any) -> str | None:
        """Apply a publication action; record it in the audit log; return the message."""
        if action == "save":
            return None
        title = item.translations[SOURCE_LANGUAGE].title
        now = utcnow()
        if action == "publish":
            item.published_at = now
            audit.record("publish", item)
            return _("“%(title)s” is published.", title=title)
        if action == "schedule":
            when = form.scheduled_moment().astimezone(UTC)
            item.published_at = when
            audit.record("publish", item, scheduled_for=when.isoformat())
            if when <= now:
                return _("“%(title)s” is published.", title=title)
            return _(
                "“%(title)s” will be published on %(when)s.",
                title=title,
                when=format_datetime(when, WHEN_FORMAT),
            )
        if action == "unpublish":
            item.published_at = None
            audit.record("unpublish", item)
            return _("“%(title)s” is no longer published: it is a draft again.", title=title)
        if action == "delete":
            item.deleted_at = now
            audit.record("delete", item)
            return _("“%(title)s” is in the trash. You can restore it from there.", title=title)
        item.deleted_at = None
        audit.record("restore", item)
        return _("“%(title)s” is restored from the trash.", title=title)

    def restore(self, item_id: int):
        """Take an item out of the trash (the trash list's button)."""
        start_write()
        item = self._load(item_id, lock=True)
        if not ActionForm().validate_on_submit():
            abort(400)
        self._baseline(item)
        message = self._publication(item, "restore", None)
        self._record(item, "restore")
        db.session.commit()
        flash(message, "success")
        return redirect(url_for(self.endpoint("edit"), item_id=item.id))

    # --- Revisions and conflicts ----------------------------------------------------------

    def _snapshot(self, item: Any) -> dict:
        return snapshot(item, self.text_fields, self.neutral_fields)

    def _baseline(self, item: Any) -> None:
        """An item that predates revisions (demo content) gets its current state recorded first,
        so its history starts from what it was."""
        if Revision.latest_number(self.name, item.id) == 0:
            db.session.add(
                Revision(
                    content_type=self.name,
                    item_id=item.id,
                    number=1,
                    user=None,
                    action="baseline",
                    created_at=item.updated_at,
                    version=item.version,
                    data=self._snapshot(item),
                )
            )
            db.session.flush()

    def _record(self, item: Any, action: str, **extra: Any) -> None:
        db.session.flush()
        data = self._snapshot(item)
        data.update(extra)
        db.session.add(
            Revision(
                content_type=self.name,
                item_id=item.id,
                number=Revision.latest_number(self.name, item.id) + 1,
                user=current_user._get_current_object(),
                action=action,
                version=item.version,
                data=data,
            )
        )

    def _conflict(self, form: Any, item: Any) -> Conflict | None:
        try:
            loaded = int(form.revision.data or 0)
        except ValueError:
            loaded = 0
        latest = Revision.latest_number(self.name, item.id)
        if loaded == latest:
            return None
        newest = Revision.get(self.name, item.id, latest)
        if newest is None:
            return None
        base = Revision.get(self.name, item.id, loaded or 1)
        if base is not None and loaded == 0 and base.action != "baseline":
            base = None
        changes = diff(base.data if base else None, newest.data, self.text_fields, i18n.enabled())
        # Saving again, having seen the other's changes, is a deliberate choice.
        form.revision.data = str(latest)
        form.revision.raw_data = [str(latest)]
        form.form_errors.append(
            _(
                "Someone else saved this item while you were editing it. Your text is still "
                "here, not saved. Check their changes below, then save again."
            )
        )
        return Conflict(newest.user, newest.created_at, changes)

    def history(self, item_id: int):
        item = self._load(item_id)
        revisions = Revision.for_item(self.name, item.id)
        entries = []
        for newer, older in zip(revisions, [*revisions[1:], None], strict=False):
            changes = diff(
                older.data if older else None, newer.data, self.text_fields, i18n.enabled()
            )
            entries.append((newer, changes))
        return render_template(
            "staff/content/history.html",
            heading=_("History"),
            kind=self,
            item=item,
            entries=entries,
            labels=self.labels(),
            action_form=ActionForm(),
            can_revert=can_edit_source(),
        )

    def revert(self, item_id: int, number: int):
        """Bring back the texts and fields of a revision, as a new revision."""
        start_write()
        item = self._load(item_id, lock=True)
        if not ActionForm().validate_on_submit():
            abort(400)
        revision = Revision.get(self.name, item.id, number) or abort(404)
        self._baseline(item)
        self._restore_snapshot(item, revision.data)
        self._record(item, "revert", restored_from=number)
        db.session.commit()
        flash(_("Revision %(number)s is restored.", number=number), "success")
        return redirect(url_for(self.endpoint("edit"), item_id=item.id))

    def _restore_snapshot(self, item: Any, data: dict) -> None:
        for name in self.neutral_fields:
            if name in data.get("fields", {}):
                column = self.model.__table__.columns[name]
                value = data["fields"][name]
                if isinstance(value, str) and column.type.python_type is not str:
                    value = column.type.python_type.fromisoformat(value)
                setattr(item, name, value)
        saved = data.get("translations", {})
        snapshot_version = data.get("version", item.version)
        source = saved.get(SOURCE_LANGUAGE, {})
        current = item.translations[SOURCE_LANGUAGE]
        if any(getattr(current, n) != source.get(n, getattr(current, n)) for n in self.text_fields):
            item.version += 1
        for lang in [SOURCE_LANGUAGE, *[c for c in saved if c != SOURCE_LANGUAGE]]:
            values = saved.get(lang)
            if values is None:
                continue
            row = item.translations.get(lang)
            if row is None:
                row = self.translation_class(locale=lang)
                item.translations[lang] = row
            for name in self.text_fields:
                setattr(row, name, values.get(name, ""))
            slug = values.get("slug") or row.slug
            if not self._slug_taken(lang, slug, item.id):
                row.slug = slug
            # A translation that followed its Polish text then follows the restored one now.
            was_current = values.get("source_version", 0) >= snapshot_version
            row.source_version = (
                item.version if lang == SOURCE_LANGUAGE or was_current else values["source_version"]
            )
        for lang in list(item.translations):
            if lang not in saved and lang != SOURCE_LANGUAGE:
                del item.translations[lang]
        item.updated_at = utcnow()

    # --- Preview --------------------------------------------------------------------------

    def preview(self, item_id: int, lang: str):
        """The item exactly as readers will see it in ``lang``, whatever its state."""
        item = self._load(item_id)
        g.alternates = [
            i18n.Alternate(
                code,
                url_for(self.endpoint("preview"), item_id=item.id, lang=code),
                translated=code in item.translations,
            )
            for code in i18n.enabled()
        ]
        return self._public_page(item, lang, self)

    def _public_page(self, item: Any, lang: str, back: Any, unsaved: bool = False) -> str:
        from ..public import navigation

        i18n.use_language(lang)
        status = str(STATUS_LABELS[status_of(item)])
        if unsaved:
            status = _("%(status)s, with changes that are not saved", status=status)
        loc = item.localized(lang)
        return render_template(
            self.public_template,
            item=item,
            loc=loc,
            heading=loc.text.title,
            heading_lang=loc.lang,
            preview=back,
            preview_status=status,
            **navigation(),
        )

    def _preview_unsaved(
        self, item: Any, form: Any, new: bool, source: bool, lang: str, translating: str | None
    ):
        """The form's text through the public template, saving nothing (the "Preview" button).

        The form is applied to the item as a save would, flushed so that everything the page
        shows is read back as it would be, rendered, and then the transaction is rolled back.
        """
        if lang not in form.languages:
            abort(400)
        valid = form.validate_on_submit()
        slugs = self._finish_slugs(form, item)
        if not valid or slugs is None:
            return self._render(item, form, new, translating=translating)
        g.alternates = []  # the other languages' unsaved text is not on offer here
        try:
            self.apply(form, item, source, slugs)
            if not new:
                db.session.flush()
                db.session.expire(item)
            return self._public_page(item, lang, _Back(self, new), unsaved=True)
        finally:
            db.session.rollback()

    # --- Translating ----------------------------------------------------------------------

    def source_changes(self, item: Any, lang: str) -> SourceChanges | None:
        """For an outdated translation, how the Polish text changed since; else None."""
        row = item.translations.get(lang)
        if row is None or not item.is_outdated(lang):
            return None
        before = Revision.source_text(self.name, item.id, row.source_version)
        if before is None:
            return SourceChanges(known=False, fields={})
        current = item.translations[SOURCE_LANGUAGE]
        fields: dict[str, list[Segment]] = {}
        for name in self.text_fields:
            old, new = readable_text(before.get(name)), readable_text(getattr(current, name))
            if old != new:
                fields[name] = word_diff(old, new)
        return SourceChanges(known=True, fields=fields)

    # --- Rendering ------------------------------------------------------------------------

    def _render(
        self,
        item: Any,
        form: Any,
        new: bool,
        conflict: Conflict | None = None,
        translating: str | None = None,
        warnings: list[checks.EditorWarning] | None = None,
        warned: str | None = None,
    ):
        latest = (
            None
            if new
            else Revision.get(self.name, item.id, Revision.latest_number(self.name, item.id))
        )
        if translating:
            heading = _("Translation: %(language)s", language=language_label(translating))
        else:
            heading = str(self.headings["new" if new else "edit"])
        changes = {
            lang: self.source_changes(item, lang)
            for lang in form.languages
            if not new and lang != SOURCE_LANGUAGE
        }
        return render_template(
            "staff/content/edit.html",
            heading=heading,
            translating=translating,
            source_changes=changes,
            kind=self,
            item=None if new else item,
            form=form,
            conflict=conflict,
            warnings=warnings or [],
            warned=warned,
            labels=self.labels(),
            source=can_edit_source() and not translating,
            latest=latest,
            status=None if new else status_of(item),
            status_labels=STATUS_LABELS,
            translation_labels=TRANSLATION_LABELS,
            translation_state=translation_state,
            photos=gallery.previews(form, None if new else item) if self.gallery else [],
            certificate=(
                gallery.certificate_preview(form, None if new else item)
                if self.certificate
                else None
            ),
        )


def editor_url(kind: str, item_id: int, lang: str) -> str | None:
    """Where staff translate an item into ``lang``: its language beside the Polish text.

    ``kind`` is a kind of the translation status ("article", "award", "page", "image"); an image
    is translated on the page of the article or award that shows it, at the photo. Polish leads
    to the whole editor. None for an item that does not exist (or an image shown nowhere).
    """
    if kind == "image":
        from ..awards.models import Award
        from ..images.models import Image

        image = db.session.get(Image, item_id)
        if image is None:
            return None
        if image.article_id is not None:
            kind, item_id, anchor = "article", image.article_id, f"image-{image.id}"
        else:
            award_id = db.session.scalar(
                sa.select(Award.id).where(Award.certificate_image_id == image.id).limit(1)
            )
            if award_id is None:
                return None
            kind, item_id, anchor = "award", award_id, "certificate"
        return _editor_url(kind, item_id, lang, anchor)
    editor = EDITORS_BY_NAME.get(kind)
    if editor is None or db.session.get(editor.model, item_id) is None:
        return None
    return _editor_url(kind, item_id, lang)


def _editor_url(kind: str, item_id: int, lang: str, anchor: str | None = None) -> str:
    editor = EDITORS_BY_NAME[kind]
    if lang == SOURCE_LANGUAGE:
        return url_for(editor.endpoint("edit"), item_id=item_id, _anchor=anchor)
    return url_for(editor.endpoint("translate"), item_id=item_id, lang=lang, _anchor=anchor)
