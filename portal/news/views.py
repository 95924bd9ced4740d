"""The readers' news pages: the list and one article."""

from flask import current_app, g, render_template
from flask_babel import gettext as _

from ..public import show_item
from .models import Article


def news_list():
    pagination = Article.paginate_visible(current_app.config["NEWS_PER_PAGE"])
    return render_template("news/list.html", heading=_("News"), pagination=pagination)


def article(slug: str):
    return show_item(Article.by_slug(slug, g.lang), slug, "public.article", "news/article.html")
