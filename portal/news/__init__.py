"""News: articles with their photo galleries.

``init_app`` registers the article kind (its editor comes from the registry) and the readers'
pages ``/<lang>/news/``, ``/<lang>/news/<slug>`` and each gallery photo's own page,
``/<lang>/news/<slug>/photos/<image id>``.
"""

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from .. import kinds, public
from . import views
from .forms import ArticleText
from .models import Article

# What the editor says of an article: one message per kind, so translations agree with its
# gender.
MESSAGES = {
    # TRANSLATORS: said of an article (Polish artykuł: masculine; Ukrainian стаття: feminine).
    "published": _l("The article “%(title)s” is published."),
    # TRANSLATORS: said of an article (Polish artykuł: masculine; Ukrainian стаття: feminine).
    "changes_published": _l("The article “%(title)s” is published with its changes."),
    # TRANSLATORS: said of an article (Polish artykuł: masculine; Ukrainian стаття: feminine).
    "scheduled": _l("The article “%(title)s” will be published on %(when)s."),
    # TRANSLATORS: said of an article (Polish artykuł: masculine; Ukrainian стаття: feminine).
    "published_until": _l("The article “%(title)s” is published until %(until)s."),
    # TRANSLATORS: said of an article (Polish artykuł: masculine; Ukrainian стаття: feminine).
    "scheduled_until": _l("The article “%(title)s” will be published on %(when)s, until "
                          "%(until)s."),
    # TRANSLATORS: said of an article (Polish artykuł: masculine; Ukrainian стаття: feminine).
    "unpublished": _l("The article “%(title)s” is no longer published: it is a draft again."),
    # TRANSLATORS: said of an article (Polish artykuł: masculine; Ukrainian стаття: feminine).
    "trashed": _l("The article “%(title)s” is in the trash. You can restore it from there."),
    # TRANSLATORS: said of an article (Polish artykuł: masculine; Ukrainian стаття: feminine).
    "restored": _l("The article “%(title)s” is restored from the trash."),
}

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
    messages=MESSAGES,
    order=1,
    gallery=True,
    documents=True,
)


def init_app(app: Flask) -> None:
    kinds.register(app, KIND)
    public.add_page(app, "/news/", views.news_list)
    public.add_page(app, "/news/<slug>", views.article)
    public.add_page(app, "/news/<slug>/photos/<int:image_id>", views.article_photo)
