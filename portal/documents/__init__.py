"""Documents attached to articles and pages, and the media library of every uploaded file.

``init_app`` registers the document kind (a document's title per language, edited on the page
of the article or page it is attached to; no history of its own), the readers' downloads
``/<lang>/documents/<id>`` (and ``…/alternative``, its accessible version), and the staff's
media library at ``/staff/media``.
"""

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from .. import kinds
from .editor import DocumentText
from .models import Document, MediaFile

__all__ = ["Document", "MediaFile", "init_app"]

KIND = kinds.Kind(
    name="document",
    model=Document,
    section=DocumentText,
    label=lazy_pgettext("content kind", "Document"),
    plural_label=_l("Documents (titles)"),
    order=5,
    revisions=False,
    # Titles are translated in the form of the article or page the document is attached to.
    in_translation_status=False,
)


def init_app(app: Flask) -> None:
    from .. import public, staff
    from ..editor.states import EDITORS, STAFF
    from ..security import require_role
    from . import labels, views
    from . import staff as library_pages

    kinds.register(app, KIND)
    public.add_page(app, "/documents/<int:document_id>", views.download, "document")
    public.add_page(app, "/documents/<int:document_id>/alternative",
                    views.download_alternative, "document_alternative")
    editors = require_role(*EDITORS)
    staff.add_page(app, "/media", editors(library_pages.media_list), "media")
    staff.add_page(app, "/media/<int:file_id>/file",
                   require_role(*STAFF)(views.staff_download), "media_file")
    staff.add_page(app, "/media/<int:file_id>/use", editors(library_pages.media_use),
                   "media_use", ["GET", "POST"])
    staff.add_page(app, "/media/<int:file_id>/delete", editors(library_pages.media_delete),
                   "media_delete", ["GET", "POST"])
    app.jinja_env.globals.update(file_label=labels.describe)
