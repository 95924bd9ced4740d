from flask import g

from ..public import bp, show_item
from .models import Page


@bp.get("/info/<slug>")
def page(slug: str):
    return show_item(Page.by_slug(slug, g.lang), slug, "public.page", "pages/page.html")
