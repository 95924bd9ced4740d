from flask import g, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..public import bp, show_item
from ..staff import bp as staff_bp
from ..staff.editing import ContentEditor
from .forms import AwardFields, AwardText
from .models import Award


@bp.get("/awards/")
def awards_list():
    return render_template(
        "awards/list.html", heading=_("Awards and certificates"), awards=Award.newest()
    )


@bp.get("/awards/<slug>")
def award(slug: str):
    return show_item(Award.by_slug(slug, g.lang), slug, "public.award", "awards/award.html")


editor = ContentEditor(
    name="award",
    url="awards",
    model=Award,
    section=AwardText,
    fields=AwardFields,
    public_template="awards/award.html",
    headings={
        "new": _l("New award"),
        "edit": _l("Edit award"),
        "one": _l("Award"),
        "many": _l("Awards"),
    },
    order=2,
    certificate=True,
)
editor.register(staff_bp)
