"""The readers' award pages: the list and one award."""

from flask import g, render_template
from flask_babel import gettext as _

from ..public import show_item
from .models import Award


def awards_list():
    return render_template(
        "awards/list.html", heading=_("Awards and certificates"), awards=Award.newest()
    )


def award(slug: str):
    return show_item(Award.by_slug(slug, g.lang), slug, "public.award", "awards/award.html")
