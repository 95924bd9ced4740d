"""The readers' news pages: the list, one article, and each photo of its gallery."""

from flask import abort, current_app, g, redirect, render_template, url_for
from flask_babel import gettext as _

from .. import i18n
from ..content import SOURCE_LANGUAGE
from ..public import show_item
from .models import Article


def news_list():
    pagination = Article.paginate_visible(current_app.config["NEWS_PER_PAGE"],
                                          current_app.config["NEWS_LIST_MAX"])
    return render_template("news/list.html", heading=_("News"), pagination=pagination)


def article(slug: str):
    return show_item(Article.by_slug(slug, g.lang), slug, "public.article", "news/article.html")


def article_photo(slug: str, image_id: int):
    """One photo of an article's gallery on a page of its own, readable without JavaScript:
    the large rendition, its caption and alternative text, the previous and next photos, and
    the way back to the article. A photo the article does not show is a 404."""
    item = Article.by_slug(slug, g.lang)
    if item is None or not item.is_visible():
        abort(404)
    images = list(item.images)
    index = next((n for n, image in enumerate(images) if image.id == image_id), None)
    if index is None:
        abort(404)
    loc = item.localized(g.lang)
    if loc.text.slug != slug:
        return redirect(url_for("public.article_photo", slug=loc.text.slug, image_id=image_id),
                        301)
    source_slug = item.translations[SOURCE_LANGUAGE].slug
    g.alternates = [
        i18n.Alternate(code, url_for("public.article_photo", lang=code,
                                     slug=tr.slug if tr else source_slug, image_id=image_id),
                       translated=tr is not None)
        for code in i18n.enabled()
        for tr in [item.translations.get(code)]
    ]
    if loc.is_fallback:
        g.canonical_lang = SOURCE_LANGUAGE
    image = images[index]
    return render_template(
        "news/photo.html",
        item=item,
        loc=loc,
        image=image,
        photo=image.localized(g.lang),
        number=index + 1,
        count=len(images),
        previous=images[index - 1] if index > 0 else None,
        next=images[index + 1] if index + 1 < len(images) else None,
        heading=_("Photo %(number)s of %(count)s", number=index + 1, count=len(images)),
    )
