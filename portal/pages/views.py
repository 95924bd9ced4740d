"""The readers' information pages, and the menu and required pages' links every page shows."""

from typing import Any

from flask import g
from sqlalchemy.exc import SQLAlchemyError

from ..extensions import db
from ..public import show_item
from .models import Page


def page(slug: str):
    return show_item(Page.by_slug(slug, g.lang), slug, "public.page", "pages/page.html")


def navigation() -> dict[str, Any]:
    """The menu and the required pages' links, fetched once, only by a page that shows them."""

    def fetch() -> tuple[list, dict]:
        if "navigation" not in g:
            try:
                g.navigation = Page.navigation()
            except SQLAlchemyError:  # an error page must still render when the database cannot
                db.session.rollback()
                g.navigation = ([], {})
        return g.navigation

    return {"menu_pages": lambda: fetch()[0], "required_pages": lambda: fetch()[1]}
