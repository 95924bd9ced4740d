from flask import g
from flask_babel import lazy_gettext as _l

from ..public import bp, show_item
from ..staff import bp as staff_bp
from ..staff.editing import ContentEditor
from .forms import PageFields, PageText
from .models import Page


@bp.get("/info/<slug>")
def page(slug: str):
    return show_item(Page.by_slug(slug, g.lang), slug, "public.page", "pages/page.html")


editor = ContentEditor(
    name="page",
    url="pages",
    model=Page,
    section=PageText,
    fields=PageFields,
    public_template="pages/page.html",
    headings={
        "new": _l("New information page"),
        "edit": _l("Edit information page"),
        "one": _l("Information page"),
        "many": _l("Information pages"),
    },
    order=3,
)
editor.register(staff_bp)
