"""An article whose publication has ended is gone for readers at that moment, with no job."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from portal.content import utcnow
from portal.extensions import db
from portal.kinds import kind_named

from .. import factories

SLUG = "zasilek-okresowy-2025"
TITLE = "Zasiłek okresowy 2025"


def row(item_id: int):
    db.session.expire_all()
    return db.session.get(kind_named("article").model, item_id)


def shown(client_request) -> dict[str, bool]:
    """Where readers find the article: the news list, the home page."""
    news = client_request.get("public.news_list", lang="pl")
    home = client_request.get("public.home", lang="pl")
    return {"news": TITLE in news.text, "home": TITLE in home.text}


def test_an_expired_article_leaves_the_news_list_its_page_and_the_home_page(app,
                                                                          client_request):
    with app.app_context():
        article_id = factories.article(TITLE, published=utcnow() - timedelta(days=2))
        factories.update(row(article_id), expires_at=utcnow() + timedelta(hours=1))
    assert shown(client_request) == {"news": True, "home": True}
    client_request.get("public.article", lang="pl", slug=SLUG)

    with app.app_context():  # the hour has passed: nothing ran, the moment came
        factories.update(row(article_id), expires_at=utcnow() - timedelta(seconds=1))
    assert shown(client_request) == {"news": False, "home": False}
    client_request.get("public.article", lang="pl", status=404, slug=SLUG)
    client_request.get("public.article", lang="en", status=404, slug=SLUG)


def test_the_visibility_condition_and_method_agree_on_the_end(app):
    with app.app_context():
        model = kind_named("article").model
        article_id = factories.article(TITLE, published=utcnow() - timedelta(days=2))
        end = utcnow() + timedelta(days=1)
        factories.update(row(article_id), expires_at=end)
        item = row(article_id)
        for moment, expected in ((end - timedelta(seconds=1), True), (end, False),
                                 (end + timedelta(days=1), False)):
            found = db.session.scalars(sa.select(model.id).where(model.visible(moment))).all()
            assert (found == [article_id]) is expected
            assert item.is_visible(moment) is expected
