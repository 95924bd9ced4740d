"""The editor's pages for one kind: new, edit, translate side by side, restore from the trash.

Every view takes the :class:`~portal.kinds.Kind` it edits (bound in :mod:`.routes`). A POST runs
inside one :class:`~portal.service.Change`: the form is checked, then applied through the service,
which writes the texts, the revision and the audit event in one commit; a form with errors
abandons the change, so nothing is written.

Roles are enforced here, on the server: editors and admins change everything; translators get a
form without the Polish text, the language-neutral fields and the gallery's controls, so what
they may not change is never read from their request, and publication actions are refused.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _

from ..content import SOURCE_LANGUAGE
from ..documents import editor as documents
from ..extensions import db
from ..i18n import enabled
from ..kinds import Kind
from ..revisions import diff, snapshot
from ..service import Change
from . import autosave, checks, confirm, drafts, gallery, history, preview, publication, review
from .autosave import Autosave, page_of
from .drafts import Draft
from .forms import ActionForm
from .item import Loaded, apply, finish_slugs, form_class, labels, latest, load
from .page import render
from .states import can_approve, can_edit_source, is_live, review_required, status_of

# "submit": for review (where the site asks for one): the item's text saved (a live item's into
# its draft) and waiting for a publisher.
ACTIONS = ("save", "publish", "schedule", "unpublish", "delete", "restore", "submit")
WARNED_ACTIONS = ("publish", "schedule")  # the editor's warnings come before these
PUBLICATION_ACTIONS = ("publish", "schedule", "unpublish", "delete", "restore", "submit")
PUBLISHING = ("publish", "schedule")
# What leaves readers' page as it is: a live item's text goes into its draft.
INTO_DRAFT = ("save", "submit")


# --- Create and edit ----------------------------------------------------------------------


def _typed(kind: Kind, item_id: int, translating: str | None) -> Autosave | None:
    """The text kept while typing, when the person asked to have it back (``?autosaved=1``)."""
    if not request.args.get("autosaved"):
        return None
    return Autosave.find(kind, item_id, page_of(translating))


def new(kind: Kind):
    form_type = form_class(kind, source=True)
    if request.method != "POST":
        kept = _typed(kind, 0, None)
        form = form_type(formdata=kept.formdata()) if kept else form_type(revision="0")
        return render(kind, kind.model(version=1), form, new=True)
    with Change() as change:
        return submit(kind, None, form_type(), change)


def edit(kind: Kind, item_id: int):
    form_type = form_class(kind, can_edit_source())
    if request.method != "POST":
        item = load(kind, item_id)
        kept = _typed(kind, item_id, None)
        draft = Draft.find(kind, item.id) if can_edit_source() and is_live(item) else None
        if kept:
            form = form_type(formdata=kept.formdata())
        elif draft is not None:
            form = draft.form(kind)  # a live item's working draft, not its public text
        else:
            form = form_type(obj=Loaded(item, latest(kind, item)))
        return render(kind, item, form, new=False)
    with Change() as change:
        return submit(kind, load(kind, item_id, change), form_type(), change)


def translate(kind: Kind, item_id: int, lang: str):
    """One language beside the Polish text: the translator's way in, for any staff member.

    The form holds only that language's texts (and its photo texts), whoever opens it, so
    nothing else is read from the request.
    """
    if lang == SOURCE_LANGUAGE:
        abort(404)
    g.alternates = []  # ``lang`` is the language translated, not the page's language
    form_type = form_class(kind, False, (lang,))
    if request.method != "POST":
        item = load(kind, item_id)
        kept = _typed(kind, item_id, lang)
        form = (form_type(formdata=kept.formdata()) if kept
                else form_type(obj=Loaded(item, latest(kind, item))))
        return render(kind, item, form, new=False, translating=lang)
    with Change() as change:
        return submit(kind, load(kind, item_id, change), form_type(), change, source=False,
                      translating=lang)


def submit(kind: Kind, item: Any | None, form: Any, change: Change, source: bool | None = None,
           translating: str | None = None):
    """Check a posted form and, when all is well, apply it through ``change``."""
    new = item is None
    shown = kind.model(version=1) if new else item
    if source is None:
        source = can_edit_source()
    change.abandon()  # until the form is applied below, nothing is kept
    # "Publish anyway" after the warnings names its action in ``confirm``.
    confirmed = request.form.get("confirm")
    action = confirmed or request.form.get("action", "save")
    if action not in ACTIONS:
        abort(400)
    if action in PUBLICATION_ACTIONS and not source:
        abort(403)
    if action in PUBLISHING and review_required() and not can_approve():
        abort(403)  # they submit for review instead
    if action == "submit" and not review_required():
        abort(400)
    live = source and is_live(item)
    refusals: list[str] = []
    if "photos" in form:
        refusals = gallery.upload(form, request.files.getlist(form.photos.name))
    refused_certificate: list[str] = []
    if "certificate_file" in form:
        chosen = request.files.get(form.certificate_file.name)
        refused_certificate = gallery.upload_certificate(form, chosen)
    refused_documents: list[str] = []
    chosen_documents = False
    if "document_files" in form:
        chosen = request.files.getlist(form.document_files.name)
        chosen_documents = any(storage.filename for storage in chosen)
        refused_documents = documents.upload(form, chosen)
    if "upload" in request.form:
        if "photos" in form:
            form.photos.errors = refusals
        if "certificate_file" in form:
            form.certificate_file.errors = refused_certificate
        if "document_files" in form:
            form.document_files.errors = refused_documents
        if request.form.get("upload") == "documents":
            taken = documents.choose_from_library(form, request.form.get("library_document"))
            if chosen_documents or taken:
                if not refused_documents:
                    flash(_("The documents are added. Check the title of each, then save."),
                          "success")
            elif not refused_documents:
                form.document_files.errors = [_("Choose a file, or a document from the media "
                                                "library, first.")]
        elif not refusals and not refused_certificate:
            flash(_("The pictures are uploaded. Describe each of them, then save.")
                  if kind.certificate
                  else _("The photos are uploaded. Describe each of them, then save."), "success")
        return render(kind, shown, form, new, translating=translating)

    if "preview" in request.form:
        return preview.unsaved(kind, shown, form, new, source, request.form["preview"],
                               translating, change)

    if not new:
        history.take_theirs(kind, item, form, request.form.getlist("take-theirs"))
    conflict = None if new else history.conflict(kind, item, form)
    # Someone saved the draft meanwhile: nothing of theirs is dropped without being seen.
    draft = Draft.find(kind, item.id) if live else None
    overtaken = live and drafts.overtaken(form, draft)
    valid = form.validate_on_submit() and not overtaken
    slugs = finish_slugs(kind, form, shown)
    valid = slugs is not None and valid
    if action == "schedule":
        valid = form.check_schedule() and valid
    if source:
        valid = form.check_dates(shown, publication.moment(action, shown, form)) and valid
    if refusals:
        form.photos.errors = [*form.photos.errors, *refusals]
    if refused_certificate:
        form.certificate_file.errors = [*form.certificate_file.errors, *refused_certificate]
    if refused_documents:
        form.document_files.errors = [*form.document_files.errors, *refused_documents]
    if not valid or conflict or refusals or refused_certificate or refused_documents:
        return render(kind, shown, form, new, conflict=conflict, translating=translating)
    if action in WARNED_ACTIONS and confirmed != action:
        if warnings := checks.check_form(kind, form, labels(kind)):
            return render(kind, shown, form, new, translating=translating, warnings=warnings,
                          warned=action)

    # Publishing asks first when it changes what readers see, or goes without a review.
    approval = action in PUBLISHING and review_required() and review.is_approval(kind, shown)
    unreviewed = action in PUBLISHING and review_required() and not approval
    reason = (request.form.get("reason") or "").strip()[:review.MAX_COMMENT]
    asked = (action in confirm.ASKED or unreviewed or approval
             or (live and action in PUBLISHING))
    if asked and (not confirm.confirmed(action) or (unreviewed and not reason)):
        error = (_("Say why it is published without a review.")
                 if unreviewed and confirm.confirmed(action) else None)
        changes = (_changes(kind, item, form, source, slugs, change)
                   if live and action in PUBLISHING else None)
        return confirm.ask(kind, shown, form, action,
                           url_for(kind.endpoint("edit"), item_id=shown.id) if not new
                           else url_for(kind.endpoint("new")),
                           title=shown.translations[SOURCE_LANGUAGE].title if not new
                           else form[SOURCE_LANGUAGE].form.title.data,
                           changes=changes, labels=labels(kind), reason=unreviewed,
                           approval=approval, reason_error=error)

    change.dry_run = False
    if live and action in INTO_DRAFT:
        return _keep_draft(kind, item, form, action, change)
    was_published = not new and status_of(item) == "published"
    item = item or change.create(kind)
    # A live item moved to the trash keeps its public text (restored, readers get that one
    # back): the form goes into its draft, which stays with it.
    kept_as_draft = live and action == "delete"
    if kept_as_draft:
        drafts.keep(kind, item, drafts.values_of(form), change)
    else:
        apply(kind, form, item, source, slugs, change)
    message = publication.apply(kind, item, action, form, change)
    details = {"scheduled_for": item.published_at.isoformat()} if action == "schedule" else None
    recorded = "create" if new and action in INTO_DRAFT else action
    if action == "submit" and not new:
        recorded = "save"
    if action in PUBLISHING:
        if review_required():
            details = {**(details or {}),
                       **review.published(kind, item, change, None if approval else reason)}
            if action == "publish":
                recorded = "approve" if approval else "force_publish"
        elif action == "publish" and was_published:
            recorded = "publish_changes"  # it stays published, with the draft's text
    if live and not kept_as_draft:
        # The form held the draft (the editor loads it): it is now the item's text, public or
        # not (an item taken from readers is edited directly).
        drafts.forget(kind, item)
    if action in ("unpublish", "delete"):
        review.withdraw(kind, item, change)
    extra = {"reason": reason} if unreviewed else {}
    change.record(kind, item, recorded, details=details, **extra)
    if action == "submit":
        review.submit(kind, item, change)
        message = _("It is saved and submitted for review.")
    autosave.forget(kind, item.id, translating)
    flash(message or _("Your changes have been saved."), "success")
    if action == "delete":
        return redirect(url_for("staff.dashboard"))
    if translating:
        return redirect(url_for(kind.endpoint("translate"), item_id=item.id, lang=translating))
    return redirect(url_for(kind.endpoint("edit"), item_id=item.id))


def _changes(kind: Kind, item: Any, form: Any, source: bool, slugs: dict[str, str],
             change: Change) -> list:
    """What readers would see change if the form were published: it is applied inside
    ``change`` (abandoned: all of it rolls back) and compared with the item as it is."""
    live = snapshot(item, kind.field_names, kind.neutral_fields)
    apply(kind, form, item, source, slugs, change)
    db.session.flush()
    return diff(live, snapshot(item, kind.field_names, kind.neutral_fields), kind.field_names,
                enabled())


def _keep_draft(kind: Kind, item: Any, form: Any, action: str, change: Change):
    """A live item's form goes into its working draft: readers' page stays as it is."""
    drafts.keep(kind, item, drafts.values_of(form), change)
    if action == "submit":
        review.submit(kind, item, change)
        flash(_("The draft is saved and submitted for review. Readers still see the published "
                "version."), "success")
    else:
        flash(_("The draft is saved. Readers still see the published version until you "
                "publish the changes."), "success")
    autosave.forget(kind, item.id, None)
    return redirect(url_for(kind.endpoint("edit"), item_id=item.id))


def restore(kind: Kind, item_id: int):
    """Take an item out of the trash (the trash list's button)."""
    with Change() as change:
        item = load(kind, item_id, change)
        if not ActionForm().validate_on_submit():
            abort(400)
        message = publication.apply(kind, item, "restore", None, change)
        change.record(kind, item, "restore")
    flash(message, "success")
    return redirect(url_for(kind.endpoint("edit"), item_id=item.id))
