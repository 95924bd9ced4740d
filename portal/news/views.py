from flask import current_app, g, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..public import bp, show_item
from ..staff import bp as staff_bp
from ..staff.editing import ContentEditor
from .forms import ArticleText
from .models import Article


@bp.get("/news/")
def news_list():
    pagination = Article.paginate_visible(current_app.config["NEWS_PER_PAGE"])
    return render_template("news/list.html", heading=_("News"), pagination=pagination)


@bp.get("/news/<slug>")
def article(slug: str):
    return show_item(Article.by_slug(slug, g.lang), slug, "public.article", "news/article.html")


editor = ContentEditor(
    name="article",
    url="articles",
    model=Article,
    section=ArticleText,
    fields=None,
    public_template="news/article.html",
    headings={
        "new": _l("New article"),
        "edit": _l("Edit article"),
        "one": _l("Article"),
        "many": _l("Articles"),
    },
    order=1,
    gallery=True,
)
editor.register(staff_bp)
