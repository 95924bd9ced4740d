from flask import g, render_template
from flask_babel import gettext as _

from ..public import bp, show_item
from .models import Award


@bp.get("/awards/")
def awards_list():
    return render_template(
        "awards/list.html", heading=_("Awards and certificates"), awards=Award.newest()
    )


@bp.get("/awards/<slug>")
def award(slug: str):
    return show_item(Award.by_slug(slug, g.lang), slug, "public.award", "awards/award.html")
