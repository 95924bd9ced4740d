"""News: articles with their photo galleries.

``init_app`` registers the article kind (its editor comes from the registry) and the readers'
pages ``/<lang>/news/`` and ``/<lang>/news/<slug>``.
"""

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from .. import kinds, public
from . import views
from .forms import ArticleText
from .models import Article

KIND = kinds.Kind(
    name="article",
    model=Article,
    section=ArticleText,
    label=lazy_pgettext("content kind", "Article"),
    plural_label=_l("Articles"),
    public_endpoint="public.article",
    public_template="news/article.html",
    url="articles",
    headings={"new": _l("New article"), "edit": _l("Edit article"), "one": _l("Article"),
              "many": _l("Articles")},
    order=1,
    gallery=True,
)


def init_app(app: Flask) -> None:
    kinds.register(app, KIND)
    public.add_page(app, "/news/", views.news_list)
    public.add_page(app, "/news/<slug>", views.article)
